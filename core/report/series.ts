import { baseKind, seriesCoverage, type CoverageOptions, type Period, type SeriesCoverage } from '../criteria';
import type { ItemMeta } from '../store/store-reads';
import type { CoverageRow } from './types';

/** A scope value as a reader sees it: an import's placeholder server (`https://imported.invalid`) is no address. */
export const scopeText = (value: string): string => (/^https?:\/\/[^/]*\.invalid(\/|$)/.test(value) ? 'imported file' : value);

/** A series is one kind from one source in one scope: the unit whose continuity coverage measures. */
export function seriesKey(kind: string, source: string | null, scopeJson: string): string {
  const scope = Object.entries(JSON.parse(scopeJson) as Record<string, string>).map(([k, v]) => `${k}=${scopeText(v)}`);
  return `${kind} | ${source ?? '(no source)'} | ${scope.length ? scope.join(' ') : 'default scope'}`;
}

export interface SeriesInput {
  key: string;
  kind: string;
  source: string | null;
  scopeText: string;
  inPeriod: ItemMeta[];
  baseline: ItemMeta | null;
}

const count = (items: ItemMeta[], c: string) => items.filter((i) => i.completeness === c).length;

/** Snapshot series: coverage from their own complete collections. */
export function snapshotCoverage(s: SeriesInput, period: Period, opts: CoverageOptions): SeriesCoverage {
  const times = s.inPeriod.filter((i) => i.completeness === 'complete').map((i) => i.effective_at);
  return seriesCoverage(times, period, opts);
}

/**
 * A diff series is the population of changes between consecutive snapshots, so it is complete for the period
 * exactly when its snapshot series is: it inherits that series' coverage and assurance.
 */
export function coverageRow(s: SeriesInput, own: SeriesCoverage, base: { key: string; cov: SeriesCoverage } | null): CoverageRow {
  const isDiff = s.kind !== baseKind(s.kind);
  const cov = isDiff ? (base?.cov ?? null) : own;
  const reasons = isDiff
    ? base
      ? base.cov.reasons.map((r) => `snapshot series: ${r}`)
      : [`no ${baseKind(s.kind)} snapshots from this source and scope, so the change population cannot be shown complete`]
    : own.reasons;
  const label = cov && reasons.length === 0 ? cov.label : 'point_in_time';
  return {
    series: s.key,
    kind: s.kind,
    source: s.source,
    scope: JSON.parse(s.scopeText) as Record<string, string>,
    collections: isDiff ? s.inPeriod.filter((i) => i.completeness !== 'failed').length : own.collections,
    partial: count(s.inPeriod, 'partial'),
    failed: count(s.inPeriod, 'failed'),
    first: isDiff ? (s.inPeriod[0]?.effective_at ?? null) : own.first,
    last: isDiff ? (s.inPeriod.at(-1)?.effective_at ?? null) : own.last,
    longestGapHours: (cov ?? own).longestGapHours,
    gaps: (cov ?? own).gaps,
    baselineSeq: s.baseline?.seq ?? null,
    baselineAt: s.baseline?.effective_at ?? null,
    allowedGapHours: own.allowedGapHours,
    graceHours: own.graceHours,
    label,
    assurance: label === 'period' ? 'operating' : 'design',
    reasons,
    basedOn: isDiff ? (base?.key ?? null) : null,
  };
}
