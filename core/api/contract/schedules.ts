import { z } from 'zod';
import { spec } from './define';
import type { SourceRunView } from './sources';

export const CADENCES = ['daily', 'weekly', 'monthly', 'cron'] as const;
export type Cadence = (typeof CADENCES)[number];

/**
 * When a source is collected. Runs are due once per slot: daily = each UTC day from 00:00, weekly = each ISO week
 * from Monday 00:00 UTC, monthly = each calendar month from the 1st 00:00 UTC, cron = from each time the
 * expression names (5 fields, evaluated in UTC) to the next. A slot whose window closed without any run is
 * recorded once as a missed run (`run_missed` in the signed log).
 */
export interface ScheduleView {
  source: string;
  sourceType: string;
  cadence: Cadence;
  /** The cron expression (cadence "cron" only), else null. */
  cron: string | null;
  /** True when no schedule was ever set for the source: the default (weekly) applies. */
  isDefault: boolean;
  /** Sources created by `import` have no server to collect from: never run by collect --due, never "missed". */
  importOnly: boolean;
  /** The schedule counts from here (set time, or source creation for the default); slots before it are never missed. */
  since: string;
  /** Nominal hours between slots (daily 24, weekly 168, monthly 744, cron: the interval it names now). */
  cadenceHours: number;
  /** The start of the slot a run is due in next (now, when the current slot has no successful run yet). */
  nextDue: string | null;
  /** The log entry of the latest schedule_set (null for the default). */
  logIdx: number | null;
}

/** A run that was due and did not happen, as recorded in the log (`run_missed`). */
export interface MissedRunView {
  source: string;
  /** Start of the slot in which no run started. */
  dueAt: string;
  /** When the slot closed (the next slot began). */
  windowEnd: string;
  /** When a collection, `collect --due` or the app noticed it and recorded it. */
  noticedAt: string;
  cadence: Cadence;
  logIdx: number;
}

export interface DueSkipView {
  source: string;
  reason: 'not_due' | 'import_only' | 'retry_later' | 'removed';
  /** When it is due next (null for import-only sources). */
  nextDue: string | null;
}

export interface DueResult {
  /** The clock's time when the check ran. */
  checkedAt: string;
  /** Missed runs recorded by this call (already-recorded ones are not repeated). */
  missed: MissedRunView[];
  /** Sources run because they were due, each with how its run ended. */
  ran: SourceRunView[];
  skipped: DueSkipView[];
  /** Sources that were due: run now, or with dryRun the ones that would run. */
  due: string[];
  /** With dryRun nothing is written: `missed` then lists what would be recorded (logIdx -1) and nothing runs. */
  dryRun: boolean;
  /** schedule.tick only: another tick or collection of this core was still running, so this one did nothing. */
  busy: boolean;
}

const sourceName = z.string().min(1);

export const scheduleContract = {
  'schedule.set': spec<ScheduleView>()(
    'Set how often a source is collected (daily, weekly, monthly or a cron expression, UTC); logged (schedule_set).',
    z
      .object({ source: sourceName, cadence: z.enum(CADENCES), cron: z.string().trim().min(1).max(200).optional() })
      .strict()
      .superRefine((v, ctx) => {
        if (v.cadence === 'cron' && v.cron === undefined)
          ctx.addIssue({ code: 'custom', path: ['cron'], message: 'cadence "cron" needs an expression' });
        if (v.cadence !== 'cron' && v.cron !== undefined)
          ctx.addIssue({ code: 'custom', path: ['cron'], message: `a cron expression goes with cadence "cron", not "${v.cadence}"` });
      }),
  ),
  'schedule.list': spec<ScheduleView[]>()(
    'Every active source with its schedule (the default weekly where none was set) and when it is due next.',
    z.object({}).strict(),
  ),
  'collect.due': spec<DueResult>()(
    'Record runs that were due and did not happen (missed, once each), then collect every source that is due now and skip the rest; progress is reported live.',
    z.object({ source: sourceName.optional(), dryRun: z.boolean().default(false) }).strict(),
    { progress: true },
  ),
  'schedule.tick': spec<DueResult>()(
    'What an open app calls on start and on a timer: collect.due, unless a tick or collection of this core is still running (then busy, nothing done).',
    z.object({}).strict(),
    { progress: true },
  ),
};
