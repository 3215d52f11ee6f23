/**
 * The coverage heat map: one model for the app (coverage.map) and the per-criterion PDF. Each series gets a
 * baseline cell and one cell per ISO week of the period; a criterion's row folds its series together.
 */
import { t, type PeriodFrame, type SeriesData } from './period-data';
import { weekIndex, weeksOf, type Week } from './weeks';

export type CellState = 'complete' | 'partial' | 'failed' | 'missed' | 'none';

export interface Cell {
  state: CellState;
  seqs: number[];
  runIds: number[];
  missed: string[];
}

export interface SeriesRow {
  series: string;
  kind: string;
  source: string | null;
  scope: Record<string, string>;
  baseline: Cell;
  cells: Cell[];
}

export interface WeekColumn extends Week {
  future: boolean;
}

const empty = (): Cell => ({ state: 'none', seqs: [], runIds: [], missed: [] });
const RANK: Record<CellState, number> = { complete: 4, partial: 3, failed: 2, missed: 1, none: 0 };

/** A series' cell state from what is in it: the best snapshot wins; a failed run or a missed one only shows when nothing better did. */
function settle(cell: Cell, items: { completeness: string }[], failedRuns: number): Cell {
  const has = (c: string) => items.some((i) => i.completeness === c);
  const state: CellState = has('complete')
    ? 'complete'
    : has('partial')
      ? 'partial'
      : has('failed') || failedRuns > 0
        ? 'failed'
        : cell.missed.length
          ? 'missed'
          : 'none';
  return { ...cell, state };
}

export function weekColumns(frame: PeriodFrame): WeekColumn[] {
  return weeksOf(frame.from, frame.to).map((w) => ({ ...w, future: w.start > frame.now }));
}

/** One series over the weeks: items by evidence-for time, runs by start time, missed runs by due time. */
export function seriesRow(s: SeriesData, weeks: readonly Week[], frame: PeriodFrame): SeriesRow {
  const cells = weeks.map(empty);
  const itemsIn = weeks.map(() => [] as SeriesData['items']);
  const failed = weeks.map(() => 0);
  for (const m of s.inPeriod) {
    const i = weekIndex(weeks, t(m));
    if (i < 0) continue;
    cells[i]!.seqs.push(m.seq);
    itemsIn[i]!.push(m);
  }
  // A run sits in the week of what it recorded for this series (an import of an older file: the week that file is
  // evidence for), else in the week it started.
  const recordedAt = new Map(s.items.filter((m) => m.run_id !== null).map((m) => [m.run_id!, t(m)]));
  for (const r of s.source?.runs ?? []) {
    const i = weekIndex(weeks, recordedAt.get(r.id) ?? Date.parse(r.startedAt));
    if (i < 0) continue;
    cells[i]!.runIds.push(r.id);
    // A run that failed as a whole, or one whose outcome for this series' kind was failed (the rest partial).
    const kindFailed = r.kinds.some((k) => k.kind === s.kind && k.completeness === 'failed');
    if (r.status === 'failed' || r.status === 'interrupted' || kindFailed) failed[i]! += 1;
  }
  for (const m of s.source?.missed ?? []) {
    const i = weekIndex(weeks, Date.parse(m.due_at));
    if (i >= 0) cells[i]!.missed.push(m.due_at);
  }
  const baselineItems = s.items.filter((m) => t(m) < frame.start);
  const latestBefore = baselineItems.filter((m) => m.completeness !== 'failed').at(-1);
  const baseline: Cell = {
    state: s.baseline ? 'complete' : latestBefore ? 'partial' : 'none',
    seqs: s.baseline ? [s.baseline.seq] : latestBefore ? [latestBefore.seq] : [],
    runIds: [],
    missed: [],
  };
  return {
    series: s.key,
    kind: s.kind,
    source: s.source?.name ?? null,
    scope: s.scope,
    baseline,
    cells: cells.map((c, i) => settle(c, itemsIn[i]!, failed[i]!)),
  };
}

/**
 * A criterion's cell across its series: complete only when every series is complete; partial when some series
 * had a usable snapshot; else the worst news there was (failed, then missed); none when nothing at all.
 */
export function foldCells(cells: readonly Cell[]): Cell {
  if (cells.length === 0) return empty();
  const merged: Cell = {
    state: 'none',
    seqs: [...new Set(cells.flatMap((c) => c.seqs))].sort((a, b) => a - b),
    runIds: [...new Set(cells.flatMap((c) => c.runIds))].sort((a, b) => a - b),
    missed: [...new Set(cells.flatMap((c) => c.missed))].sort(),
  };
  const states = cells.map((c) => c.state);
  if (states.every((s) => s === 'complete')) return { ...merged, state: 'complete' };
  if (states.some((s) => s === 'complete' || s === 'partial')) return { ...merged, state: 'partial' };
  const worst = states.reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'none' as CellState);
  return { ...merged, state: worst };
}

export function foldRow(rows: readonly SeriesRow[], weeks: number): { baseline: Cell; cells: Cell[] } {
  return {
    baseline: foldCells(rows.map((r) => r.baseline)),
    cells: Array.from({ length: weeks }, (_, i) => foldCells(rows.map((r) => r.cells[i]!))),
  };
}
