/**
 * Coverage of one evidence series (kind + source + scope) over a period, per criteria.md §3:
 * `period` needs first <= start + grace, last >= end - grace and no gap above cadence + 24 h.
 * Pure functions over timestamps: the report builder feeds them from the store.
 */
import { endOfDay, parseDay } from '../util/day';

export type CoverageLabel = 'point_in_time' | 'period';
export type AssuranceLabel = 'design' | 'operating';

export interface CoverageOptions {
  /** Allowed slack at each end of the period (default 24 h, at most a quarter of the period). */
  graceHours?: number;
  /** Expected collection cadence (default 24 h: daily); the allowed gap is cadence + 24 h. */
  cadenceHours?: number;
}

export interface Gap {
  from: string;
  to: string;
  hours: number;
}

export interface SeriesCoverage {
  /** Complete observations inside the period. */
  collections: number;
  first: string | null;
  last: string | null;
  /** Longest stretch of the period without a complete observation, period edges included. */
  longestGapHours: number;
  /** Every stretch longer than the allowed gap, in time order. */
  gaps: Gap[];
  graceHours: number;
  cadenceHours: number;
  allowedGapHours: number;
  label: CoverageLabel;
  assurance: AssuranceLabel;
  /** Why the series did not earn `period` coverage; empty when it did. */
  reasons: string[];
}

const HOUR = 3_600_000;

export interface Period {
  start: Date;
  end: Date;
}

/**
 * `from`/`to` are UTC days (core/util/day.ts: real days within 2000..2100); the period is [from 00:00Z, to
 * 23:59:59.999Z]. Callers compare these instants with collected_at, never the day text.
 */
export function periodOf(from: string, to: string): Period {
  const first = parseDay(from);
  const last = parseDay(to);
  if (!first.ok || !last.ok)
    throw new RangeError(
      `period dates must be YYYY-MM-DD calendar days: ${[first, last]
        .map((d) => (d.ok ? '' : d.reason))
        .filter(Boolean)
        .join('; ')}`,
    );
  const end = endOfDay(last.start);
  if (end < first.start) throw new RangeError(`the period ends (${to}) before it starts (${from})`);
  return { start: first.start, end };
}

const round1 = (h: number) => Math.round(h * 10) / 10;

/** Coverage of complete observations (ISO times, any order) of one series over the period. */
export function seriesCoverage(times: readonly string[], period: Period, opts: CoverageOptions = {}): SeriesCoverage {
  const startMs = period.start.getTime();
  const endMs = period.end.getTime();
  // Capped at a quarter of the period, so two snapshots minutes apart never "span" a one-day period.
  const graceHours = round1(Math.min(opts.graceHours ?? 24, (endMs - startMs) / HOUR / 4));
  const cadenceHours = opts.cadenceHours ?? 24;
  const allowedGapHours = cadenceHours + 24;
  const obs = times
    .map((t) => Date.parse(t))
    .filter((ms) => ms >= startMs && ms <= endMs)
    .sort((a, b) => a - b);
  const points = [startMs, ...obs, endMs];
  const gaps: Gap[] = [];
  let longest = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const hours = (b - a) / HOUR;
    longest = Math.max(longest, hours);
    if (hours > allowedGapHours) gaps.push({ from: new Date(a).toISOString(), to: new Date(b).toISOString(), hours: round1(hours) });
  }
  const reasons: string[] = [];
  const first = obs[0];
  const last = obs[obs.length - 1];
  if (obs.length === 0) reasons.push('no complete collection in the period');
  else if (obs.length === 1) reasons.push('a single snapshot shows the setting at one moment only');
  if (first !== undefined && first > startMs + graceHours * HOUR) reasons.push(`first collection more than ${graceHours} h after the period start`);
  if (last !== undefined && last < endMs - graceHours * HOUR) reasons.push(`last collection more than ${graceHours} h before the period end`);
  if (obs.length > 0 && gaps.length > 0) reasons.push(`${gaps.length} gap(s) longer than the allowed ${allowedGapHours} h`);
  const label: CoverageLabel = reasons.length === 0 ? 'period' : 'point_in_time';
  return {
    collections: obs.length,
    first: first === undefined ? null : new Date(first).toISOString(),
    last: last === undefined ? null : new Date(last).toISOString(),
    longestGapHours: round1(longest),
    gaps,
    graceHours,
    cadenceHours,
    allowedGapHours,
    label,
    // A control is shown operating only across the period; one snapshot or a broken series shows design.
    assurance: label === 'period' ? 'operating' : 'design',
    reasons,
  };
}
