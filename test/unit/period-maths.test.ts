import { describe, expect, it } from 'vitest';
import { gapsOf, isoWeek, mondayOf, periodBounds, weekIndex, weeksOf } from '../../core/periods/weeks';
import { cadenceHours, closedSlots, nextSlot, slotStart } from '../../core/schedule/slots';

const at = (iso: string) => Date.parse(iso);

describe('weeks of a period (UTC)', () => {
  it('clips the first and last ISO week to the period and labels each by its ISO week', () => {
    const weeks = weeksOf('2026-03-04', '2026-03-17'); // a Wednesday to a Tuesday
    expect(weeks.map((w) => [w.from, w.to, w.days, w.partial, w.isoWeek])).toEqual([
      ['2026-03-04', '2026-03-08', 5, true, '2026-W10'],
      ['2026-03-09', '2026-03-15', 7, false, '2026-W11'],
      ['2026-03-16', '2026-03-17', 2, true, '2026-W12'],
    ]);
    expect(weeks[0]!.start).toBe(at('2026-03-04T00:00:00Z'));
    expect(weeks.at(-1)!.end).toBe(at('2026-03-18T00:00:00Z'));
  });

  it('puts the edges of a period in UTC: the last millisecond is in, the next is out', () => {
    const weeks = weeksOf('2026-03-02', '2026-03-08');
    expect(weeks).toHaveLength(1);
    expect(weekIndex(weeks, at('2026-03-02T00:00:00.000Z'))).toBe(0);
    expect(weekIndex(weeks, at('2026-03-01T23:59:59.999Z'))).toBe(-1);
    expect(weekIndex(weeks, at('2026-03-08T23:59:59.999Z'))).toBe(0);
    expect(weekIndex(weeks, at('2026-03-09T00:00:00.000Z'))).toBe(-1);
    // 23:30 on the last day in New York is already the next day in UTC: outside.
    expect(weekIndex(weeks, at('2026-03-08T23:30:00-05:00'))).toBe(-1);
  });

  it('counts a leap day and numbers weeks across years the ISO way', () => {
    const feb = weeksOf('2028-02-01', '2028-02-29');
    expect(feb.reduce((n, w) => n + w.days, 0)).toBe(29);
    expect(feb.at(-1)!.to).toBe('2028-02-29');
    expect(weeksOf('2028-02-29', '2028-02-29')).toMatchObject([{ from: '2028-02-29', to: '2028-02-29', days: 1, partial: true }]);
    expect(() => weeksOf('2027-02-29', '2027-03-01')).toThrow(/not a calendar day/);
    expect(isoWeek(at('2027-01-01T12:00:00Z'))).toBe('2026-W53'); // a Friday: its week's Thursday is in 2026
    expect(isoWeek(at('2024-12-30T00:00:00Z'))).toBe('2025-W01');
    expect(mondayOf(at('2026-03-01T23:59:59Z'))).toBe(at('2026-02-23T00:00:00Z')); // Sunday belongs to the week before
    expect(periodBounds('2026-12-31', '2026-12-31')).toEqual({ start: at('2026-12-31T00:00:00Z'), end: at('2027-01-01T00:00:00Z') });
  });
});

describe('gaps longer than the cadence', () => {
  const start = at('2026-03-01T00:00:00Z');
  const until = at('2026-03-31T00:00:00Z');
  it('finds stretches over the allowed hours, from the baseline or the start to now or the end', () => {
    const daily = Array.from({ length: 10 }, (_, i) => start + i * 86_400_000 + 3_600_000);
    const later = [at('2026-03-25T01:00:00Z'), at('2026-03-30T12:00:00Z')];
    const gaps = gapsOf([...daily, ...later], start - 3_600_000, start, until, 48);
    expect(gaps.map((g) => [new Date(g.from).toISOString(), new Date(g.to).toISOString(), g.hours])).toEqual([
      ['2026-03-10T01:00:00.000Z', '2026-03-25T01:00:00.000Z', 360],
      ['2026-03-25T01:00:00.000Z', '2026-03-30T12:00:00.000Z', 131],
    ]);
    expect(gapsOf([], start, start, until, 48)).toEqual([{ from: start, to: until, hours: 720 }]);
    expect(gapsOf(daily, start, start, start + 5 * 86_400_000, 48)).toEqual([]); // a period still running is judged to now
  });
});

describe('schedule slots', () => {
  it('daily, weekly (Monday) and monthly slots in UTC, months of 28 to 31 days', () => {
    const t = at('2028-02-29T15:00:00Z'); // a Tuesday, leap day
    expect(new Date(slotStart({ cadence: 'daily', cron: null }, t)).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(new Date(slotStart({ cadence: 'weekly', cron: null }, t)).toISOString()).toBe('2028-02-28T00:00:00.000Z');
    const month = slotStart({ cadence: 'monthly', cron: null }, t);
    expect(new Date(nextSlot({ cadence: 'monthly', cron: null }, month)).toISOString()).toBe('2028-03-01T00:00:00.000Z');
  });

  it('cron slots run from one named time to the next; the longest interval is the cadence', () => {
    const s = { cadence: 'cron' as const, cron: '0 3 * * 1-5' };
    expect(new Date(slotStart(s, at('2026-03-07T12:00:00Z'))).toISOString()).toBe('2026-03-06T03:00:00.000Z'); // Saturday → Friday's slot
    expect(new Date(slotStart(s, at('2026-03-06T03:00:00Z'))).toISOString()).toBe('2026-03-06T03:00:00.000Z');
    expect(cadenceHours(s, at('2026-03-02T00:00:00Z'))).toBe(72);
    const { slots } = closedSlots(s, at('2026-03-05T10:00:00Z'), at('2026-03-10T04:00:00Z'));
    expect(slots.map((x) => new Date(x.start).toISOString())).toEqual([
      '2026-03-05T03:00:00.000Z',
      '2026-03-06T03:00:00.000Z',
      '2026-03-09T03:00:00.000Z',
    ]);
  });
});
