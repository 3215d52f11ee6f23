import type { EvidenceStore } from './evidence-store';
import { dbOf } from './handle';
import { getMeta, setMeta } from './repos/keys';
import * as schedules from './repos/schedules';
import * as runs from './repos/runs';
import { runFinishBodies } from './repos/browse';

export type { ScheduleRow, MissedRow } from './repos/schedules';

/** Meta key: when this store first checked schedules. The default (weekly) schedule counts from then, never before. */
const SINCE_KEY = 'schedules_since';

export const scheduleRows = (store: EvidenceStore) => new Map(schedules.allSchedules(dbOf(store)).map((r) => [r.source_id, r]));
export const missedRuns = (store: EvidenceStore, q?: Parameters<typeof schedules.missedRuns>[1]) => schedules.missedRuns(dbOf(store), q);
export const runStarts = (store: EvidenceStore, sourceId: number) => schedules.runStarts(dbOf(store), sourceId);
export const snapshotTimes = (store: EvidenceStore, sourceId: number) => schedules.snapshotTimes(dbOf(store), sourceId);
export const schedulesSince = (store: EvidenceStore): string | null => getMeta(dbOf(store), SINCE_KEY) ?? null;

/** Sets how a source is collected; logged as schedule_set with the schedule it replaces. */
export function setSchedule(
  store: EvidenceStore,
  source: { id: number; name: string },
  s: { cadence: schedules.ScheduleRow['cadence']; cron: string | null },
): schedules.ScheduleRow {
  store.assertWritable();
  const row = store.tx(() => {
    const before = schedules.allSchedules(dbOf(store)).find((r) => r.source_id === source.id);
    const since = store.now();
    const entry = store.appendLog('schedule_set', {
      schedule: { sourceId: source.id, source: source.name, cadence: s.cadence, cron: s.cron, since },
      before: before ? { cadence: before.cadence, cron: before.cron, since: before.since } : null,
    });
    const fresh = { source_id: source.id, cadence: s.cadence, cron: s.cron, since, log_idx: entry.idx };
    schedules.upsertSchedule(dbOf(store), fresh);
    return fresh;
  });
  store.checkpoint();
  return row;
}

export interface MissedSlot {
  sourceId: number;
  source: string;
  /** The slot's window [slotStart, windowEnd); dueAt is slotStart or the schedule's start, whichever is later. */
  slotStart: string;
  dueAt: string;
  windowEnd: string;
  cadence: string;
}

/**
 * Records missed runs, each once: one IMMEDIATE transaction, so the app's timer and a cron `collect --due` noticing
 * the same slot at the same moment record it once (a slot already holding a missed run is skipped). Also starts the
 * default schedule's clock on a store that never checked before. Returns the rows it added.
 */
export function recordMissed(store: EvidenceStore, slots: readonly MissedSlot[]): schedules.MissedRow[] {
  store.assertWritable();
  const added = store.tx(() => {
    const db = dbOf(store);
    const out: schedules.MissedRow[] = [];
    for (const s of slots) {
      if (schedules.missedInWindow(db, s.sourceId, s.slotStart, s.windowEnd)) continue;
      const noticedAt = store.now();
      const entry = store.appendLog('run_missed', {
        run: { sourceId: s.sourceId, source: s.source, dueAt: s.dueAt, windowEnd: s.windowEnd, cadence: s.cadence, status: 'missed' },
      });
      const row = { source_id: s.sourceId, due_at: s.dueAt, window_end: s.windowEnd, cadence: s.cadence, noticed_at: noticedAt, log_idx: entry.idx };
      schedules.insertMissed(db, row);
      out.push({ id: 0, ...row });
    }
    return out;
  });
  if (added.length) store.checkpoint();
  return added;
}

/** The first time this store checked schedules (set now, and logged, when it never did). */
export function ensureSchedulesSince(store: EvidenceStore): string {
  const have = schedulesSince(store);
  if (have) return have;
  store.assertWritable();
  return store.tx(() => {
    const again = getMeta(dbOf(store), SINCE_KEY);
    if (again) return again;
    const now = store.now();
    setMeta(dbOf(store), SINCE_KEY, now);
    store.appendLog('schedules_started', { since: now, defaultCadence: 'weekly' });
    return now;
  });
}

export interface SourceRunRow {
  id: number;
  status: 'running' | 'complete' | 'partial' | 'failed' | 'interrupted';
  startedAt: string;
  finishedAt: string | null;
  reason: string | null;
  /** The error code of a run that failed as a whole (from its run_finished entry). */
  code: string | null;
  records: number | null;
  /** Each kind's outcome as the run logged it (a run can be partial because one kind failed). */
  kinds: { kind: string; completeness: string }[];
}

/** A source's runs, oldest first, with the error code and record count their run_finished entries logged. */
export function sourceRuns(store: EvidenceStore, sourceId: number): SourceRunRow[] {
  const rows = runs.listRuns(dbOf(store), { sourceId }).reverse();
  const bodies = runFinishBodies(
    dbOf(store),
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const body = bodies.get(r.id) ?? {};
    return {
      id: r.id,
      status: r.status,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      reason: r.reason,
      code: typeof body.code === 'string' ? body.code : null,
      records: typeof body.records === 'number' ? body.records : null,
      kinds: Array.isArray(body.kinds) ? (body.kinds as { kind: string; completeness: string }[]) : [],
    };
  });
}
