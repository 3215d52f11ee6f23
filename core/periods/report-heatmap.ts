/**
 * The heat map of one criterion over an export's period, for its PDF: the same model as the app's coverage.map
 * (series × ISO weeks with a baseline column, missed runs, the judgement behind the status), plus the items that
 * were collected during the period but are evidence for a time before it ("outside period", never counted in).
 */
import type { KindMappings } from '../criteria';
import type { EvidenceStore } from '../store/evidence-store';
import { foldRow, seriesRow, weekColumns, type Cell, type SeriesRow, type WeekColumn } from './heatmap';
import { judgeCriterion, judgeSeries, type ReadinessStatus, type Reason } from './judge';
import { frameOf, loadSeries, snapshotKinds, t } from './period-data';
import { judgeHuman } from './human-readiness';

export interface CriterionHeatmap {
  weeks: WeekColumn[];
  /** The criterion's row: its series folded together. */
  row: { baseline: Cell; cells: Cell[] };
  series: SeriesRow[];
  status: ReadinessStatus;
  reasons: Reason[];
  /** Missed runs (due inside the period) of the sources behind the series. */
  missed: { source: string; dueAt: string }[];
  /** Collected during the period, evidence for a time before it, and not the baseline: marked, never counted. */
  outside: { seq: number; kind: string; evidenceFor: string; collectedAt: string }[];
  asOf: string;
}

export function criterionHeatmap(
  store: EvidenceStore,
  q: { criterion: string; from: string; to: string; mappings: KindMappings; kindsOfType?: (type: string) => readonly string[] },
  now: Date,
): CriterionHeatmap {
  const frame = frameOf({ name: null, type: 'type2', from: q.from, to: q.to }, now);
  const series = loadSeries(store, frame, snapshotKinds(q.mappings, q.criterion), q.kindsOfType ?? (() => []));
  const weeks = weekColumns(frame);
  const rows = series.map((s) => seriesRow(s, weeks, frame));
  const judged = judgeCriterion(
    q.mappings.kindsForCriterion(q.criterion).length,
    series.map((s) => judgeSeries(s, frame)),
    false,
    judgeHuman(store, q.criterion, frame),
  );
  const sources = new Map(series.filter((s) => s.source).map((s) => [s.source!.id, s.source!]));
  const missed = [...sources.values()].flatMap((src) =>
    src.missed
      .filter((m) => Date.parse(m.due_at) >= frame.start && Date.parse(m.due_at) < frame.end)
      .map((m) => ({ source: src.name, dueAt: m.due_at })),
  );
  const outside = series
    // The baseline is shown in its own column; anything else before the start is not counted in the period.
    .flatMap((s) => s.items.filter((m) => m !== s.baseline && t(m) < frame.start && Date.parse(m.collected_at) >= frame.start))
    .map((m) => ({ seq: m.seq, kind: m.kind, evidenceFor: m.effective_at, collectedAt: m.collected_at }))
    .sort((a, b) => a.seq - b.seq);
  return {
    weeks,
    row: foldRow(rows, weeks.length),
    series: rows,
    status: judged.status,
    reasons: judged.reasons,
    missed,
    outside,
    asOf: now.toISOString(),
  };
}
