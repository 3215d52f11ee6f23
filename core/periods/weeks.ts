/**
 * Period maths in UTC: the ISO weeks (Monday 00:00 UTC) of a period, clipped to its first and last day. Pure:
 * days in, columns out. A period is [from 00:00Z, to 23:59:59.999Z]; a week column is [start, end) in instants.
 */
import { parseDay } from '../util/day';

const DAY = 86_400_000;

export interface Week {
  index: number;
  /** First instant of the column (the period start for a clipped first week). */
  start: number;
  /** First instant after the column (exclusive). */
  end: number;
  /** First and last day of the column (YYYY-MM-DD, inclusive). */
  from: string;
  to: string;
  days: number;
  /** Clipped by the period start or end: fewer than 7 days. */
  partial: boolean;
  /** ISO 8601 week label of the week the column belongs to, e.g. 2026-W09. */
  isoWeek: string;
}

const dayText = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The Monday 00:00 UTC on or before an instant. */
export function mondayOf(ms: number): number {
  const midnight = Math.floor(ms / DAY) * DAY;
  return midnight - ((new Date(midnight).getUTCDay() + 6) % 7) * DAY;
}

/** ISO 8601 week-numbering: the week belongs to the year of its Thursday. */
export function isoWeek(ms: number): string {
  const thursday = mondayOf(ms) + 3 * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The instants of a period of UTC days: [from 00:00Z, to + 1 day) as start and exclusive end. */
export function periodBounds(from: string, to: string): { start: number; end: number } {
  const a = parseDay(from);
  const b = parseDay(to);
  if (!a.ok) throw new RangeError(a.reason);
  if (!b.ok) throw new RangeError(b.reason);
  if (b.start < a.start) throw new RangeError(`the period ends (${to}) before it starts (${from})`);
  return { start: a.start.getTime(), end: b.start.getTime() + DAY };
}

/** The week columns of a period: every ISO week it touches, the first and last clipped to the period. */
export function weeksOf(from: string, to: string): Week[] {
  const { start, end } = periodBounds(from, to);
  const weeks: Week[] = [];
  for (let monday = mondayOf(start); monday < end; monday += 7 * DAY) {
    const a = Math.max(monday, start);
    const b = Math.min(monday + 7 * DAY, end);
    const days = Math.round((b - a) / DAY);
    weeks.push({ index: weeks.length, start: a, end: b, from: dayText(a), to: dayText(b - 1), days, partial: days < 7, isoWeek: isoWeek(monday) });
  }
  return weeks;
}

/** The column an instant falls in (binary search), or -1 outside the period. */
export function weekIndex(weeks: readonly Week[], ms: number): number {
  let lo = 0;
  let hi = weeks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const w = weeks[mid]!;
    if (ms < w.start) hi = mid - 1;
    else if (ms >= w.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export interface GapSpan {
  from: number;
  to: number;
  hours: number;
}

/**
 * Stretches longer than `allowedHours` without an observation, from `anchor` (the baseline's time, else the period
 * start) through each observation to `until` (the period end, or now for a period still running). Only stretches
 * that reach into the period count: one ending at or before the start is the baseline's business.
 */
export function gapsOf(observations: readonly number[], anchor: number, periodStart: number, until: number, allowedHours: number): GapSpan[] {
  const points = [anchor, ...observations.filter((t) => t >= periodStart && t <= until).sort((a, b) => a - b), until];
  const gaps: GapSpan[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const hours = (b - a) / 3_600_000;
    if (hours > allowedHours && b > periodStart) gaps.push({ from: a, to: b, hours: Math.round(hours * 10) / 10 });
  }
  return gaps;
}
