import { AppError } from '../../util/errors';
import type { scheduleContract } from '../contract/schedules';
import type { Handlers } from './handler';

const pending = (name: string): never => {
  throw new AppError('UNSUPPORTED', `${name} is being built (issue 11); its contract shape is final.`);
};

export const scheduleHandlers: Handlers<keyof typeof scheduleContract> = {
  'schedule.set': () => pending('schedule.set'),
  'schedule.list': () => pending('schedule.list'),
  'collect.due': () => pending('collect.due'),
  'schedule.tick': () => pending('schedule.tick'),
};
