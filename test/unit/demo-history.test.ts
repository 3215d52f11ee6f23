import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../cli/demo';
import { DEMO_PERIOD, demoWindow } from '../../cli/demo-history';
import type { CoverageMapView, ItemPage, PeriodView, StoreStatus, TimelineView } from '../../core/api';
import { tempCore } from '../helpers/temp-store';
import { unzipTo } from '../integration/bundle-helpers';

const NOW = new Date('2026-03-04T10:00:00Z'); // a Wednesday: the window is 8 Dec 2025 to 1 Mar 2026, across a year end

describe('the demo workspace has a real 12-week history, imported through the real import code', () => {
  it('window: the 12 whole ISO weeks before this one, a baseline before day one, Wednesdays as export days', () => {
    const w = demoWindow(NOW);
    expect(w).toMatchObject({ from: '2025-12-08', to: '2026-03-01', baseline: '2025-12-05' });
    expect(w.weeks).toHaveLength(12);
    expect(w.weeks[0]).toBe('2025-12-10');
    expect(w.weeks[11]).toBe('2026-02-25');
  });

  it('dated weekly exports, one week missed, one partial, a promotion and a leaver; labelled demo', async () => {
    const t = await tempCore();
    try {
      expect(await seedDemo(t.core, () => undefined, NOW)).toBe(true);
      expect((await t.call<StoreStatus>('store.status', {})).demo).toBe(true);
      const periods = await t.call<PeriodView[]>('period.list', {});
      expect(periods.map((p) => [p.name, p.type, p.from, p.to])).toEqual([[DEMO_PERIOD, 'type2', '2025-12-08', '2026-03-01']]);
      const registry = await t.call<ItemPage>('items.list', { source: 'demo-mlflow', kind: 'mlflow.registry' });
      // Baseline + 12 weeks - the missed one; each evidence for its own day, all admin exports.
      expect(registry.rows.map((r) => r.evidenceFor.slice(0, 10))).toEqual(['2025-12-05', ...demoWindow(NOW).weeks.filter((_, i) => i !== 5)]);
      expect(registry.rows.every((r) => r.provenance === 'admin_export')).toBe(true);
      const s3 = await t.call<ItemPage>('items.list', { source: 'demo-aws', kind: 'aws.s3.retention' });
      expect(s3.rows.filter((r) => r.completeness === 'partial').map((r) => r.evidenceFor.slice(0, 10))).toEqual([demoWindow(NOW).weeks[7]]);

      const map = await t.call<CoverageMapView>('coverage.map', { period: DEMO_PERIOD });
      const cc81 = map.criteria.find((c) => c.criterion === 'CC8.1')!;
      expect(cc81.baseline.state).toBe('complete');
      expect(cc81.cells.map((c) => c.state)).toEqual([...Array(5).fill('complete'), 'none', ...Array(6).fill('complete')]);
      expect(map.criteria.find((c) => c.criterion === 'C1.1')!.cells[7]!.state).toBe('partial');

      const timeline = await t.call<TimelineView>('timeline.list', { period: DEMO_PERIOD });
      const lines = timeline.events.map((e) => `${e.kind} ${e.summary}`);
      expect(lines).toContainEqual(expect.stringMatching(/^promotion model fraud-detector v3: .*Staging → Production/));
      expect(lines).toContainEqual(expect.stringMatching(/^leaver user bob@example\.com/));
      expect(lines).toContainEqual(expect.stringMatching(/^joiner user erin@example\.com/));

      // The diffs were run after the window, but each is evidence for its later snapshot's day: in the period.
      const diffs = await t.call<ItemPage>('items.list', { source: 'demo-mlflow', kind: 'mlflow.registry.diff', period: DEMO_PERIOD });
      expect(diffs.rows.length).toBe(11); // baseline + 11 weekly snapshots -> 11 consecutive pairs, each dated by its later one
      expect(diffs.rows.every((r) => r.periodMark === 'in_period')).toBe(true);
      const { bundles } = await t.call<{ bundles: { path: string; criterion: string }[] }>('export.bundle', {
        criterion: 'CC8.1',
        from: '2025-12-08',
        to: '2026-03-01',
        out: join(t.home, 'bundles'),
      });
      const manifest = JSON.parse(readFileSync(join(unzipTo(bundles[0]!.path, join(t.home, 'x')), 'manifest.json'), 'utf8')) as {
        items: { kind: string; evidenceFor?: string }[];
      };
      const inBundle = manifest.items.filter((i) => i.kind === 'mlflow.registry.diff');
      expect(inBundle.length).toBeGreaterThan(0);
      expect(inBundle.every((i) => i.evidenceFor! >= '2025-12-08' && i.evidenceFor! < '2026-03-02')).toBe(true);
    } finally {
      t.cleanup();
    }
  });
});
