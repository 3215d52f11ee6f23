import type { CellState, CoverageCellView, CoverageCriterionRowView, CoverageMapView, CoverageWeekView } from '@contract';

/** Every state has a colour, a pattern (CSS) and a glyph and words: never colour alone. */
export const CELL: Record<CellState, { glyph: string; label: string }> = {
  complete: { glyph: '✓', label: 'Complete snapshot' },
  partial: { glyph: '◐', label: 'Partial snapshot' },
  failed: { glyph: '✕', label: 'Failed run' },
  missed: { glyph: '!', label: 'Missed run (was due, did not happen)' },
  none: { glyph: '·', label: 'Nothing' },
};

export interface CellRef {
  row: number;
  /** -1 = the baseline column. */
  col: number;
}

export const weekText = (w: CoverageWeekView) => `${w.isoWeek} (${w.from} – ${w.to}${w.partial ? `, ${w.days} days` : ''})`;

export function cellOf(row: CoverageCriterionRowView, col: number): CoverageCellView {
  return col < 0 ? row.baseline : row.cells[col]!;
}

/** Items behind a criterion's cell, each named by the series it belongs to. */
export function itemsBehind(row: CoverageCriterionRowView, col: number): { seq: number; kind: string; source: string | null }[] {
  const out = new Map<number, { seq: number; kind: string; source: string | null }>();
  for (const s of row.series)
    for (const seq of cellOf({ ...row, baseline: s.baseline, cells: s.cells }, col).seqs) out.set(seq, { seq, kind: s.kind, source: s.source });
  for (const seq of cellOf(row, col).seqs) if (!out.has(seq)) out.set(seq, { seq, kind: '', source: null });
  return [...out.values()].sort((a, b) => a.seq - b.seq);
}

/** Row label: the criterion, or in the series view the criterion with the series (kind · source) of the row. */
export const rowLabel = (row: CoverageCriterionRowView, bySeries: boolean) =>
  bySeries && row.series.length === 1 ? `${row.criterion} ${row.series[0]!.kind} · ${row.series[0]!.source ?? 'no source'}` : row.criterion;

/** The same map with one row per series (criterion × kind × source): the rows each criterion's PDF table lists. */
export function bySeries(map: CoverageMapView): CoverageMapView {
  return {
    ...map,
    criteria: map.criteria.flatMap((c) => c.series.map((s) => ({ ...c, baseline: s.baseline, cells: s.cells, series: [s] }))),
  };
}
