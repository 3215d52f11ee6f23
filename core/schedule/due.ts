import type { CoreContext } from '../context';
import { runCollection } from '../collector-runtime/runner';
import type { EvidenceStore } from '../store/evidence-store';
import { ensureSchedulesSince, recordMissed, type MissedSlot } from '../store/schedule-store';
import { missedOut, type MissedOut } from './views';
import { AppError } from '../util/errors';
import { dueState, effectiveSchedules, missedSlots } from './state';
import type { SourceRunSummary } from '../collector-runtime/runner';

export type MissedRunOut = MissedOut;

export interface DueOutcome {
  checkedAt: string;
  missed: MissedRunOut[];
  ran: SourceRunSummary[];
  skipped: { source: string; reason: 'not_due' | 'import_only' | 'retry_later' | 'removed'; nextDue: string | null }[];
  due: string[];
  dryRun: boolean;
  busy: boolean;
}

// One collection at a time per open store in this process: the app's timer must not start a second one while a
// collection (its own, or one the user started) is still running.
const collecting = new WeakMap<EvidenceStore, number>();

export async function whileCollecting<T>(store: EvidenceStore, fn: () => Promise<T>): Promise<T> {
  collecting.set(store, (collecting.get(store) ?? 0) + 1);
  try {
    return await fn();
  } finally {
    collecting.set(store, (collecting.get(store) ?? 1) - 1);
  }
}

export const isCollecting = (store: EvidenceStore): boolean => (collecting.get(store) ?? 0) > 0;

/**
 * Records the runs that were due and did not happen (each slot once, in the signed log). Called by every
 * collection, `collect --due` and the app's timer, so a missed run is noticed by whatever runs next.
 */
export function noticeMissedRuns(store: EvidenceStore, now: Date, dryRun = false): MissedRunOut[] {
  if (!dryRun) ensureSchedulesSince(store);
  const slots: MissedSlot[] = effectiveSchedules(store, now).flatMap((s) => missedSlots(store, s, now).slots);
  const names = new Map(slots.map((s) => [s.sourceId, s.source]));
  const name = (id: number) => names.get(id) ?? `#${id}`;
  if (dryRun) {
    const at = now.toISOString();
    return slots.map((s) =>
      missedOut(name, { id: 0, source_id: s.sourceId, due_at: s.dueAt, window_end: s.windowEnd, cadence: s.cadence, noticed_at: at, log_idx: -1 }),
    );
  }
  return recordMissed(store, slots).map((r) => missedOut(name, r));
}

/** `collect --due` and the app's timer: notice missed runs, then run every source that is due now, one after another. */
export async function collectDue(ctx: CoreContext, opts: { source?: string; dryRun?: boolean }): Promise<DueOutcome> {
  const store = ctx.store();
  return whileCollecting(store, () => collectDueNow(ctx, store, opts));
}

async function collectDueNow(ctx: CoreContext, store: EvidenceStore, opts: { source?: string; dryRun?: boolean }): Promise<DueOutcome> {
  const dryRun = opts.dryRun ?? false;
  if (!dryRun) store.assertWritable();
  const now = ctx.clock();
  const schedules = effectiveSchedules(store, now);
  if (opts.source && !schedules.some((s) => s.source.name === opts.source)) throw new AppError('NOT_FOUND', `No source named "${opts.source}".`);
  const missed = noticeMissedRuns(store, now, dryRun);
  const out: DueOutcome = { checkedAt: now.toISOString(), missed, ran: [], skipped: [], due: [], dryRun, busy: false };
  for (const s of schedules) {
    if (opts.source && s.source.name !== opts.source) continue;
    ctx.signal.throwIfAborted();
    const state = dueState(store, s, ctx.clock());
    if (state.reason !== 'due') {
      out.skipped.push({ source: s.source.name, reason: state.reason, nextDue: state.nextDue });
      continue;
    }
    out.due.push(s.source.name);
    if (dryRun) continue;
    ctx.progress({ phase: 'collect', source: s.source.name, message: `due (${s.cadence === 'cron' ? `cron ${s.cron}` : s.cadence})` });
    out.ran.push(...(await runCollection(ctx, { source: s.source.name })));
  }
  return out;
}
