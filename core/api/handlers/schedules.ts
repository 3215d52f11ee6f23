import { collectDue, isCollecting, noticeMissedRuns } from '../../schedule/due';
import { checkCron } from '../../schedule/slots';
import { effectiveSchedules } from '../../schedule/state';
import { scheduleOut } from '../../schedule/views';
import { setSchedule } from '../../store/schedule-store';
import { getSource } from '../../store/store-reads';
import type { scheduleContract } from '../contract/schedules';
import type { Handlers } from './handler';

export const scheduleHandlers: Handlers<keyof typeof scheduleContract> = {
  'schedule.set'(ctx, input) {
    const store = ctx.store();
    const source = getSource(store, input.source);
    const cron = input.cadence === 'cron' ? checkCron(input.cron!) : null;
    const now = ctx.clock();
    // Slots of the schedule being replaced are judged first: changing the cadence must not hide a run it missed.
    noticeMissedRuns(store, now);
    setSchedule(store, source, { cadence: input.cadence, cron });
    const s = effectiveSchedules(store, now).find((e) => e.source.id === source.id)!;
    return scheduleOut(store, s, now);
  },
  'schedule.list'(ctx) {
    const store = ctx.readStore();
    const now = ctx.clock();
    return effectiveSchedules(store, now).map((s) => scheduleOut(store, s, now));
  },
  'collect.due'(ctx, input) {
    return collectDue(ctx, input);
  },
  async 'schedule.tick'(ctx) {
    const store = ctx.store();
    if (isCollecting(store)) {
      return { checkedAt: ctx.clock().toISOString(), missed: [], ran: [], skipped: [], due: [], dryRun: false, busy: true };
    }
    return collectDue(ctx, {});
  },
};
