import type { EvidenceStore } from '../store/evidence-store';
import { listSources, type SourceView } from '../store/store-reads';
import { runStarts, scheduleRows, schedulesSince, snapshotTimes, sourceRuns, type MissedSlot, type SourceRunRow } from '../store/schedule-store';
import { cadenceHours, closedSlots, nextSlot, slotStart, type Cadence } from './slots';

const HOUR = 3_600_000;

/** A source's schedule as it applies now: the one set for it, else the default weekly. */
export interface SourceSchedule {
  source: SourceView;
  cadence: Cadence;
  cron: string | null;
  isDefault: boolean;
  importOnly: boolean;
  /** Slots that closed before this are never missed. */
  since: string;
  logIdx: number | null;
}

export const DEFAULT_CADENCE: Cadence = 'weekly';

/** Every active source with its schedule. The default counts from the later of the source's creation and the store's first schedule check. */
export function effectiveSchedules(store: EvidenceStore, now: Date): SourceSchedule[] {
  const rows = scheduleRows(store);
  const started = schedulesSince(store) ?? now.toISOString();
  return listSources(store).map((source) => {
    const row = rows.get(source.id);
    const importOnly = source.config.importOnly === true;
    if (row) return { source, cadence: row.cadence, cron: row.cron, isDefault: false, importOnly, since: row.since, logIdx: row.log_idx };
    const since = source.createdAt > started ? source.createdAt : started;
    return { source, cadence: DEFAULT_CADENCE, cron: null, isDefault: true, importOnly, since, logIdx: null };
  });
}

/**
 * Slots of this schedule that closed with nothing in them: no run started (whatever its outcome) and no snapshot is
 * evidence for a time inside. An import-only source is judged only on a schedule someone set (an admin export was
 * due); with the default it has no schedule to miss.
 */
export function missedSlots(store: EvidenceStore, s: SourceSchedule, now: Date): { slots: MissedSlot[]; dropped: number } {
  if (s.importOnly && s.isDefault) return { slots: [], dropped: 0 };
  const since = Date.parse(s.since);
  const { slots, dropped } = closedSlots(s, since, now.getTime());
  if (slots.length === 0) return { slots: [], dropped };
  const times = [...runStarts(store, s.source.id), ...snapshotTimes(store, s.source.id)].map((t) => Date.parse(t)).sort((a, b) => a - b);
  const out: MissedSlot[] = [];
  let i = 0;
  for (const slot of slots) {
    while (i < times.length && times[i]! < slot.start) i++;
    if (i < times.length && times[i]! < slot.end) continue;
    out.push({
      sourceId: s.source.id,
      source: s.source.name,
      slotStart: new Date(slot.start).toISOString(),
      dueAt: new Date(Math.max(slot.start, since)).toISOString(),
      windowEnd: new Date(slot.end).toISOString(),
      cadence: s.cadence === 'cron' ? `cron ${s.cron}` : s.cadence,
    });
  }
  return { slots: out, dropped };
}

export type DueReason = 'due' | 'not_due' | 'import_only' | 'retry_later';

export interface DueState {
  reason: DueReason;
  /** When a run is due next: now-ish when due, the retry time after failures, else the next slot's start. */
  nextDue: string | null;
  slot: { start: string; end: string };
  runs: SourceRunRow[];
  lastSuccess: SourceRunRow | null;
  lastRun: SourceRunRow | null;
  consecutiveFailures: number;
}

const SUCCESS = new Set(['complete', 'partial']);

/**
 * Whether a source is due now: due when its current slot holds no successful run. After failed attempts in the slot
 * it waits 1, 2, 4 … up to 24 hours between tries (a source whose credentials expired is not hammered every minute).
 */
export function dueState(store: EvidenceStore, s: SourceSchedule, now: Date): DueState {
  const t = now.getTime();
  const start = slotStart(s, t);
  const end = nextSlot(s, start);
  const runs = sourceRuns(store, s.source.id);
  const lastSuccess = runs.filter((r) => SUCCESS.has(r.status)).at(-1) ?? null;
  const lastRun = runs.at(-1) ?? null;
  let consecutiveFailures = 0;
  for (let i = runs.length - 1; i >= 0 && !SUCCESS.has(runs[i]!.status) && runs[i]!.status !== 'running'; i--) consecutiveFailures++;
  const slot = { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
  const base = { slot, runs, lastSuccess, lastRun, consecutiveFailures };
  if (s.importOnly) return { ...base, reason: 'import_only', nextDue: null };
  const inSlot = runs.filter((r) => Date.parse(r.startedAt) >= start && Date.parse(r.startedAt) < end);
  if (inSlot.some((r) => SUCCESS.has(r.status) || r.status === 'running')) return { ...base, reason: 'not_due', nextDue: slot.end };
  const lastTry = inSlot.at(-1);
  if (lastTry) {
    const wait = Math.min(2 ** Math.max(0, consecutiveFailures - 1), 24) * HOUR;
    const retryAt = Date.parse(lastTry.startedAt) + wait;
    if (retryAt > t) return { ...base, reason: 'retry_later', nextDue: new Date(Math.min(retryAt, end)).toISOString() };
  }
  return { ...base, reason: 'due', nextDue: now.toISOString() };
}

export type Freshness = 'fresh' | 'due_soon' | 'overdue';

/**
 * Fresh / due soon / overdue from the cadence: overdue once the last success is older than the cadence + 24 h
 * (the allowed gap, criteria.md §3), or never came although a slot already closed; due soon when the current slot
 * still waits for its run or the next one opens within a day (a quarter of the cadence for short ones).
 */
export function freshness(s: SourceSchedule, due: DueState, lastSuccessAt: string | null, now: Date): { freshness: Freshness; reason: string } {
  const t = now.getTime();
  const hours = cadenceHours(s, t);
  const allowed = hours + 24;
  if (lastSuccessAt === null) {
    const waited = (t - Date.parse(s.since)) / HOUR;
    if (waited > allowed) return { freshness: 'overdue', reason: `never collected; the ${describe(s)} schedule began ${Math.round(waited)} h ago` };
    return { freshness: 'due_soon', reason: 'never collected yet' };
  }
  const age = (t - Date.parse(lastSuccessAt)) / HOUR;
  if (age > allowed)
    return { freshness: 'overdue', reason: `last success ${Math.round(age)} h ago, over the allowed ${allowed} h (${describe(s)} + 24 h)` };
  if (due.reason === 'due' || due.reason === 'retry_later') return { freshness: 'due_soon', reason: `a ${describe(s)} run is due in this slot` };
  const soon = Math.min(24, hours / 4) * HOUR;
  if (due.nextDue && Date.parse(due.nextDue) - t <= soon) return { freshness: 'due_soon', reason: `next run due ${due.nextDue}` };
  return { freshness: 'fresh', reason: `last success ${Math.round(age)} h ago; ${describe(s)}` };
}

export function describe(s: { cadence: Cadence; cron: string | null }): string {
  return s.cadence === 'cron' ? `cron "${s.cron}"` : s.cadence;
}

/** Nominal hours between collections per active source name (its schedule, else the default weekly). */
export function cadenceBySource(store: EvidenceStore, now: Date): Map<string, number> {
  return new Map(effectiveSchedules(store, now).map((s) => [s.source.name, cadenceHours(s, now.getTime())]));
}
