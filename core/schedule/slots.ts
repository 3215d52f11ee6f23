import { CronExpressionParser } from 'cron-parser';
import { AppError } from '../util/errors';

export type Cadence = 'daily' | 'weekly' | 'monthly' | 'cron';

export interface Cadenced {
  cadence: Cadence;
  cron: string | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Collection more often than hourly only hammers the source's API: snapshots change on human time. */
const MIN_CRON_INTERVAL_HOURS = 1;

function cronAt(expr: string, at: number) {
  return CronExpressionParser.parse(expr, { currentDate: new Date(at), tz: 'UTC' });
}

/**
 * A cron expression as people write it for crontab: five fields (minute hour day-of-month month day-of-week),
 * evaluated in UTC, at most hourly. Parsed by cron-parser; its error names the field that is wrong.
 */
export function checkCron(expr: string): string {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5)
    throw new AppError(
      'BAD_INPUT',
      `cron: "${expr}" has ${fields.length} fields; give five (minute hour day-of-month month day-of-week), e.g. "0 3 * * 1".`,
    );
  const text = fields.join(' ');
  try {
    cronAt(text, Date.UTC(2026, 0, 1));
  } catch (err) {
    throw new AppError('BAD_INPUT', `cron: "${text}" is not a cron expression (${(err as Error).message}).`);
  }
  const hours = cadenceHours({ cadence: 'cron', cron: text }, Date.UTC(2026, 0, 1), 'min');
  if (hours < MIN_CRON_INTERVAL_HOURS) throw new AppError('BAD_INPUT', `cron: "${text}" runs more often than hourly; collect at most once an hour.`);
  return text;
}

/** The start of the slot that contains `t` (the latest slot start at or before it). */
export function slotStart(s: Cadenced, t: number): number {
  const d = new Date(t);
  switch (s.cadence) {
    case 'daily':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    case 'weekly': {
      const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      return midnight - ((d.getUTCDay() + 6) % 7) * DAY; // ISO weeks start on Monday
    }
    case 'monthly':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    case 'cron':
      return cronAt(s.cron!, t + 1)
        .prev()
        .getTime(); // prev() is strictly before its start: +1 ms includes t itself
  }
}

/** The start of the slot after the one starting at `start`. */
export function nextSlot(s: Cadenced, start: number): number {
  const d = new Date(start);
  switch (s.cadence) {
    case 'daily':
      return start + DAY;
    case 'weekly':
      return start + 7 * DAY;
    case 'monthly':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    case 'cron':
      return cronAt(s.cron!, start).next().getTime();
  }
}

/**
 * Nominal hours between slots: daily 24, weekly 168, monthly 744 (31 days: the longest month), cron the longest
 * (or with 'min' the shortest) of its next 16 intervals from `at` (a weekday-only expression has a 72 h weekend).
 */
export function cadenceHours(s: Cadenced, at: number, pick: 'max' | 'min' = 'max'): number {
  if (s.cadence === 'daily') return 24;
  if (s.cadence === 'weekly') return 168;
  if (s.cadence === 'monthly') return 744;
  const it = cronAt(s.cron!, at);
  let prev = it.next().getTime();
  let best = pick === 'max' ? 0 : Infinity;
  for (let i = 0; i < 16; i++) {
    const next = it.next().getTime();
    best = pick === 'max' ? Math.max(best, next - prev) : Math.min(best, next - prev);
    prev = next;
  }
  return Math.round((best / HOUR) * 10) / 10;
}

export interface Slot {
  start: number;
  end: number;
}

/**
 * The slots whose window closed after `since` and at or before `now`, oldest first, at most `limit` of them (the
 * newest are kept: a machine off for a year with an hourly cron would otherwise be walked slot by slot).
 */
export function closedSlots(s: Cadenced, since: number, now: number, limit = 5000): { slots: Slot[]; dropped: number } {
  const slots: Slot[] = [];
  let dropped = 0;
  for (let start = slotStart(s, since); ;) {
    const end = nextSlot(s, start);
    if (end > now) break;
    if (end > since) slots.push({ start, end });
    if (slots.length > limit) {
      slots.shift();
      dropped += 1;
    }
    start = end;
  }
  return { slots, dropped };
}
