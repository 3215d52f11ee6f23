import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore, type CoverageMapView, type ExportView } from '../../core/api';
import { buildCriterionReport } from '../../core/report';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { EvidenceStore } from '../../core/store/evidence-store';
import { createCatalog } from '../../core/families/catalog';
import { BUILT_IN_FAMILIES } from '../../core/families/built-in';
import { tempDir } from '../helpers/temp-store';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'mlflow-import', name);

/** The PDF's heat map and the app's coverage map are one model: same weeks, same cells, same items behind them. */
describe('the coverage heat map in the criterion PDF', () => {
  const tmp = tempDir('el-rheat-');
  let now = new Date('2026-03-02T10:00:00.000Z');
  const secrets = new MemorySecretStore();
  const home = join(tmp.dir, 'home');
  const core = createCore({ home, secrets, clock: () => now });
  afterAll(() => (core.close(), tmp.cleanup()));
  const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
    const r = await core.callUntyped(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };

  it('draws the same cells as coverage.map and marks evidence for dates before the period as outside it', async () => {
    await call('store.init');
    const imp = (evidenceFor?: string) =>
      call('import.run', { type: 'mlflow', file: fixture('model-versions-search.json'), source: 'reg', ...(evidenceFor ? { evidenceFor } : {}) });
    await imp('2026-02-20'); // baseline, imported on 2 March
    now = new Date('2026-03-10T10:00:00.000Z');
    await imp('2026-03-09');
    await imp('2026-02-01'); // collected inside the period, evidence for a day before it
    now = new Date('2026-03-24T10:00:00.000Z');
    await imp();
    await call('period.add', { name: 'March', type: 'type2', from: '2026-03-01', to: '2026-03-31', criteria: ['CC8.1'] });
    const map = await call<CoverageMapView>('coverage.map', { period: 'March' });

    const store = EvidenceStore.open({ home, secrets, actor: { osUser: 't', host: 't' }, clock: () => now });
    const report = buildCriterionReport(store, {
      criterion: 'CC8.1',
      from: '2026-03-01',
      to: '2026-03-31',
      org: 'T',
      mappings: createCatalog(BUILT_IN_FAMILIES).mappings,
    });
    store.close();
    const h = report.heatmap!;
    const app = map.criteria[0]!;
    expect(h.weeks.map((w) => w.isoWeek)).toEqual(map.weeks.map((w) => w.isoWeek));
    expect([h.row.baseline, ...h.row.cells]).toEqual([app.baseline, ...app.cells]);
    expect([h.row.baseline.state, ...h.row.cells.map((c) => c.state)]).toEqual(['complete', 'none', 'none', 'complete', 'none', 'complete', 'none']); // W09 is one day (Sunday 1 March)
    expect(h.outside).toEqual([expect.objectContaining({ seq: 3, evidenceFor: '2026-02-01T00:00:00.000Z' })]);
    expect(h.status).toBe('at_risk'); // 14 days between snapshots on a weekly schedule (allowed 192 h)

    const out = await call<{ bundles: ExportView[] }>('export.bundle', {
      criterion: 'CC8.1',
      from: '2026-03-01',
      to: '2026-03-31',
      out: join(tmp.dir, 'b'),
    });
    const text = execFileSync('pdftotext', ['-layout', out.bundles[0]!.pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('Outside period: 1 item(s)');
    expect(text).toMatch(/W09\*\s+W10\s+W11\s+W12\s+W13\s+W14\*/);
    expect(text).toContain('Readiness judged to 2026-03-24 10:00Z: AT RISK');
    const manifest = JSON.parse(execFileSync('unzip', ['-p', out.bundles[0]!.path, 'manifest.json'], { encoding: 'utf8' })) as {
      items: { seq: number; evidenceFor?: string }[];
    };
    expect(manifest.items.map((i) => [i.seq, i.evidenceFor])).toEqual([
      [1, '2026-02-20T00:00:00.000Z'], // the baseline, imported inside the period
      [2, '2026-03-09T00:00:00.000Z'],
      [4, undefined], // imported without a date: evidence for its collection time
    ]);
    expect(await call('bundle.verify', { bundle: out.bundles[0]!.path })).toMatchObject({ ok: true });
  });
});
