import { describe, expect, it } from 'vitest';
import { itemLabels, periodOf, seriesCoverage } from '../../core/criteria';

const period = periodOf('2026-01-01', '2026-01-31');
const daily = (days: number[], hour = 6) => days.map((d) => new Date(Date.UTC(2026, 0, 1 + d, hour)).toISOString());
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

describe('series coverage and strength labels', () => {
  it('a single snapshot is design + point_in_time', () => {
    const cov = seriesCoverage(daily([0]), period);
    expect(cov.label).toBe('point_in_time');
    expect(cov.assurance).toBe('design');
    expect(cov.reasons.join(' ')).toMatch(/single snapshot/);
    expect(itemLabels({ provenance: 'api_snapshot', completeness: 'complete' }, cov)).toEqual({
      provenance: 'api_snapshot',
      coverage: 'point_in_time',
      assurance: 'design',
    });
  });

  it('a single snapshot, or two minutes apart, in a one-day period does not earn operating', () => {
    const day1 = periodOf('2026-03-01', '2026-03-01');
    expect(seriesCoverage(['2026-03-01T12:00:00.000Z'], day1).assurance).toBe('design');
    const close = seriesCoverage(['2026-03-01T12:00:00.000Z', '2026-03-01T12:03:00.000Z'], day1);
    expect(close.graceHours).toBe(6); // grace capped at a quarter of the period
    expect(close.assurance).toBe('design');
    expect(seriesCoverage(['2026-03-01T01:00:00.000Z', '2026-03-01T23:00:00.000Z'], day1).assurance).toBe('operating');
  });

  it('a daily series across the period is operating + period', () => {
    const cov = seriesCoverage(daily(range(0, 31)), period);
    expect(cov).toMatchObject({ label: 'period', assurance: 'operating', collections: 31, gaps: [], reasons: [] });
    expect(cov.longestGapHours).toBe(24);
    expect(cov.first).toBe('2026-01-01T06:00:00.000Z');
    expect(itemLabels({ provenance: 'api_snapshot', completeness: 'complete' }, cov).assurance).toBe('operating');
    // a partial or failed item of an operating series shows neither population nor continuity
    expect(itemLabels({ provenance: 'api_snapshot', completeness: 'partial' }, cov)).toMatchObject({
      assurance: 'design',
      coverage: 'point_in_time',
    });
  });

  it('a gap above cadence + 24 h breaks operating and is reported', () => {
    const days = range(0, 31).filter((d) => d < 10 || d > 13); // missing Jan 11-14: 5 days between observations
    const cov = seriesCoverage(daily(days), period);
    expect(cov.label).toBe('point_in_time');
    expect(cov.assurance).toBe('design');
    expect(cov.gaps).toEqual([{ from: '2026-01-10T06:00:00.000Z', to: '2026-01-15T06:00:00.000Z', hours: 120 }]);
    expect(cov.longestGapHours).toBe(120);
    expect(cov.reasons.join(' ')).toMatch(/gap/);
  });

  it('a gap of exactly cadence + 24 h is allowed; a weekly cadence allows 8 days', () => {
    const everyOther = range(0, 31).filter((d) => d % 2 === 0);
    expect(seriesCoverage(daily(everyOther), period).label).toBe('period');
    const weekly = seriesCoverage(daily([0, 7, 14, 21, 28, 30]), period, { cadenceHours: 168 });
    expect(weekly.label).toBe('period');
    expect(seriesCoverage(daily([0, 7, 14, 21, 28, 30]), period).label).toBe('point_in_time');
  });

  it('a late start or early stop beyond the grace is named', () => {
    expect(seriesCoverage(daily(range(3, 31)), period).reasons.join(' ')).toMatch(/after the period start/);
    const early = seriesCoverage(daily(range(0, 28)), period);
    expect(early.reasons.join(' ')).toMatch(/before the period end/);
    expect(early.gaps.at(-1)!.to).toBe('2026-01-31T23:59:59.999Z');
  });

  it('observations outside the period do not count and no observations is no coverage', () => {
    const none = seriesCoverage(['2025-12-30T00:00:00Z', '2026-02-02T00:00:00Z'], period);
    expect(none.collections).toBe(0);
    expect(none.reasons[0]).toMatch(/no complete collection/);
    expect(none.longestGapHours).toBeCloseTo(744, 0);
  });

  it('unknown provenance degrades to manual_upload; periods are validated', () => {
    expect(itemLabels({ provenance: 'screenshot', completeness: 'complete' }, null).provenance).toBe('manual_upload');
    expect(() => periodOf('2026-02-01', '2026-01-01')).toThrow(/before it starts/);
    expect(() => periodOf('2026-1-1', '2026-01-31')).toThrow(/YYYY-MM-DD/);
  });
});
