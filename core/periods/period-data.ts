/**
 * What a period's readiness, heat map and PDF read from the store, loaded once: the snapshot series of the kinds
 * mapped to the criteria, each with its items (by evidence-for time), baseline, source runs, missed runs and cadence.
 */
import { baseKind, type KindMappings } from '../criteria';
import { cadenceHours, type Cadence } from '../schedule/slots';
import { effectiveSchedules } from '../schedule/state';
import type { EvidenceStore } from '../store/evidence-store';
import { missedRuns, sourceRuns, type MissedRow, type SourceRunRow } from '../store/schedule-store';
import { listItemMeta, listSources, type ItemMeta } from '../store/store-reads';
import { periodBounds } from './weeks';

export interface PeriodFrame {
  name: string | null;
  type: 'type1' | 'type2';
  from: string;
  to: string;
  /** First instant of the period and the first instant after it. */
  start: number;
  end: number;
  now: number;
  /** Judged up to here: the end, or now for a period still running. */
  until: number;
}

export function frameOf(p: { name: string | null; type: 'type1' | 'type2'; from: string; to: string }, now: Date): PeriodFrame {
  const { start, end } = periodBounds(p.from, p.to);
  return { ...p, start, end, now: now.getTime(), until: Math.min(end - 1, now.getTime()) };
}

export interface SourceInfo {
  id: number;
  name: string;
  type: string;
  importOnly: boolean;
  removed: boolean;
  cadence: Cadence;
  cron: string | null;
  cadenceHours: number;
  runs: SourceRunRow[];
  missed: MissedRow[];
}

export interface SeriesData {
  key: string;
  kind: string;
  source: SourceInfo | null;
  scopeText: string;
  scope: Record<string, string>;
  /** Items at or before the period end, by evidence-for time (then seq). */
  items: ItemMeta[];
  /** The latest complete item before the period start. */
  baseline: ItemMeta | null;
  /** Items whose evidence-for time is inside the period. */
  inPeriod: ItemMeta[];
}

export const t = (m: ItemMeta): number => Date.parse(m.effective_at);

/** The snapshot kinds behind criteria: diffs count through the snapshots they compare. */
export function snapshotKinds(mappings: KindMappings, criterion: string): string[] {
  return [...new Set(mappings.kindsForCriterion(criterion).map(baseKind))];
}

export function seriesKeyOf(kind: string, source: string | null, scopeText: string): string {
  const scope = Object.entries(JSON.parse(scopeText) as Record<string, string>).map(([k, v]) => `${k}=${v}`);
  return `${kind} | ${source ?? '(no source)'} | ${scope.length ? scope.join(' ') : 'default scope'}`;
}

/**
 * Loads every series of the given snapshot kinds. A live source whose collector has a kind but no item of it yet
 * is an expected series with nothing in it (so "no evidence" shows instead of silence).
 */
export function loadSeries(
  store: EvidenceStore,
  frame: PeriodFrame,
  kinds: readonly string[],
  kindsOfType: (type: string) => readonly string[],
): SeriesData[] {
  const now = new Date(frame.now);
  const schedules = new Map(effectiveSchedules(store, now).map((s) => [s.source.id, s]));
  const sources = new Map<number, SourceInfo>();
  for (const s of listSources(store, true)) {
    const sched = schedules.get(s.id);
    const cadence = sched?.cadence ?? 'weekly';
    const cron = sched?.cron ?? null;
    sources.set(s.id, {
      id: s.id,
      name: s.name,
      type: s.type,
      importOnly: s.config.importOnly === true,
      removed: s.removedAt !== null,
      cadence,
      cron,
      cadenceHours: cadenceHours({ cadence, cron }, frame.now),
      runs: sourceRuns(store, s.id),
      missed: missedRuns(store, { sourceId: s.id }),
    });
  }
  const series = new Map<string, SeriesData>();
  const seriesFor = (kind: string, source: SourceInfo | null, scopeText: string) => {
    const key = seriesKeyOf(kind, source?.name ?? null, scopeText);
    let s = series.get(key);
    if (!s) series.set(key, (s = { key, kind, source, scopeText, scope: JSON.parse(scopeText), items: [], baseline: null, inPeriod: [] }));
    return s;
  };
  const wanted = kinds.filter((k) => k === baseKind(k));
  if (wanted.length) {
    for (const m of listItemMeta(store, { kinds: wanted, to: new Date(frame.end - 1) })) {
      seriesFor(m.kind, m.source_id === null ? null : (sources.get(m.source_id) ?? null), m.scope).items.push(m);
    }
  }
  for (const src of sources.values()) {
    if (src.removed || src.importOnly) continue;
    for (const kind of kindsOfType(src.type)) {
      if (!wanted.includes(kind)) continue;
      if (![...series.values()].some((s) => s.kind === kind && s.source?.id === src.id)) seriesFor(kind, src, '{}');
    }
  }
  for (const s of series.values()) {
    s.items.sort((a, b) => t(a) - t(b) || a.seq - b.seq);
    s.baseline = s.items.filter((m) => m.completeness === 'complete' && t(m) < frame.start).at(-1) ?? null;
    s.inPeriod = s.items.filter((m) => t(m) >= frame.start);
  }
  return [...series.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key));
}
