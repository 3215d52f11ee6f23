import { AppError } from '../../util/errors';
import type { readinessContract } from '../contract/readiness';
import type { Handlers } from './handler';

const pending = (name: string): never => {
  throw new AppError('UNSUPPORTED', `${name} is being built (issue 11); its contract shape is final.`);
};

export const readinessHandlers: Handlers<keyof typeof readinessContract> = {
  'readiness.get': () => pending('readiness.get'),
  'coverage.map': () => pending('coverage.map'),
  'timeline.list': () => pending('timeline.list'),
};
