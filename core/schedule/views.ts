import type { EvidenceStore } from '../store/evidence-store';
import { missedRuns, type MissedRow } from '../store/schedule-store';
import { cadenceHours } from './slots';
import { dueState, type SourceSchedule } from './state';

export interface ScheduleOut {
  source: string;
  sourceType: string;
  cadence: SourceSchedule['cadence'];
  cron: string | null;
  isDefault: boolean;
  importOnly: boolean;
  since: string;
  cadenceHours: number;
  nextDue: string | null;
  logIdx: number | null;
}

export function scheduleOut(store: EvidenceStore, s: SourceSchedule, now: Date): ScheduleOut {
  return {
    source: s.source.name,
    sourceType: s.source.type,
    cadence: s.cadence,
    cron: s.cron,
    isDefault: s.isDefault,
    importOnly: s.importOnly,
    since: s.since,
    cadenceHours: cadenceHours(s, now.getTime()),
    nextDue: dueState(store, s, now).nextDue,
    logIdx: s.logIdx,
  };
}

export interface MissedOut {
  source: string;
  dueAt: string;
  windowEnd: string;
  noticedAt: string;
  cadence: 'daily' | 'weekly' | 'monthly' | 'cron';
  logIdx: number;
}

/** Missed runs as the contract shows them; the stored cadence text "cron <expr>" is reported as cadence "cron". */
export function missedOut(name: (sourceId: number) => string, r: MissedRow): MissedOut {
  const cadence = (r.cadence.startsWith('cron') ? 'cron' : r.cadence) as MissedOut['cadence'];
  return { source: name(r.source_id), dueAt: r.due_at, windowEnd: r.window_end, noticedAt: r.noticed_at, cadence, logIdx: r.log_idx };
}

export function missedFor(store: EvidenceStore, sourceId: number, name: string, bounds: { from?: string; to?: string } = {}): MissedOut[] {
  return missedRuns(store, { sourceId, from: bounds.from ?? null, to: bounds.to ?? null }).map((r) => missedOut(() => name, r));
}
