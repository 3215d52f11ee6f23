import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore, type CoverageMapView, type CriterionReadinessView, type ReadinessView } from '../../core/api';
import { criterionHeatmap } from '../../core/periods/report-heatmap';
import { EvidenceStore } from '../../core/store/evidence-store';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { mappings } from '../helpers/catalog';
import { tempDir } from '../helpers/temp-store';

/**
 * Readiness counts the human half of the evidence (injected clock): manual files attached to a criterion and, for
 * CC9.2, the vendor register, with expiry judged as the report judges it (period end, or today while it runs).
 */
describe('readiness with manual evidence and the vendor register', () => {
  const tmp = tempDir('el-ready-human-');
  const home = join(tmp.dir, 'home');
  const files = join(tmp.dir, 'files');
  mkdirSync(files);
  let now = new Date('2026-02-10T09:00:00.000Z');
  const secrets = new MemorySecretStore();
  const core = createCore({ home, secrets, clock: () => now, env: {} });
  afterAll(() => (core.close(), tmp.cleanup()));
  const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
    const r = await core.callUntyped(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const file = (name: string) => {
    const path = join(files, name);
    writeFileSync(path, `%PDF-1.4 ${name}`);
    return path;
  };
  const criterion = async (id: string, period = 'Q1'): Promise<CriterionReadinessView> =>
    (await call<ReadinessView>('readiness.get', { period })).criteria.find((c) => c.id === id)!;

  it('with nothing attached, CC9.2 and CC5.3 are not covered; a period without chosen criteria has CC9.2 in scope', async () => {
    await call('store.init');
    expect(
      (await call<{ criteria: string[] }>('period.add', { name: 'default', type: 'type2', from: '2026-01-01', to: '2026-03-31' })).criteria,
    ).toContain('CC9.2');
    await call('period.add', { name: 'Q1', type: 'type2', from: '2026-01-01', to: '2026-03-31', criteria: ['CC5.3', 'CC9.2'] });
    expect((await criterion('CC9.2')).status).toBe('not_covered');
    expect((await criterion('CC5.3')).status).toBe('not_covered');
  });

  it('a current policy PDF covers CC5.3 (design evidence, counted as a manual.document kind)', async () => {
    await call('manual.add', {
      file: file('access-policy.pdf'),
      criteria: ['CC5.3'],
      evidenceFor: '2026-01-15',
      owner: 'Dana Lee',
      expiresOn: '2026-06-30',
    });
    const c = await criterion('CC5.3');
    expect(c.status).toBe('covered');
    expect(c.reasons).toEqual([]);
    expect(c.kinds).toContainEqual({ kind: 'manual.document', family: 'manual', derived: false, items: 1 });
  });

  it('a policy expiring during a running period is at risk once it expired, the reason naming the file', async () => {
    await call('period.add', { name: 'H1', type: 'type2', from: '2026-01-01', to: '2026-06-30', criteria: ['CC5.3'] });
    await call('manual.add', {
      file: file('red-team-2025.pdf'),
      criteria: ['CC5.3'],
      evidenceFor: '2026-01-20',
      owner: 'Dana Lee',
      expiresOn: '2026-02-28',
    });
    expect((await criterion('CC5.3', 'H1')).status).toBe('covered'); // 10 Feb: still valid today
    now = new Date('2026-03-05T09:00:00.000Z');
    const c = await criterion('CC5.3', 'H1');
    expect(c.status).toBe('at_risk');
    expect(c.reasons).toEqual([
      expect.objectContaining({
        code: 'manual_expired',
        message: expect.stringMatching(/"red-team-2025\.pdf" .*expired on 2026-02-28.*judged on 2026-03-05/),
      }),
    ]);
    // Q1 ends 31 March: judged today too, while it runs; the access policy (valid to June) still counts.
    expect((await criterion('CC5.3')).status).toBe('at_risk');
  });

  it('an ended period judges expiry on its last day: a file expiring after it is not expired for it', async () => {
    await call('period.add', { name: 'Jan', type: 'type2', from: '2026-01-01', to: '2026-01-31', criteria: ['CC5.3'] });
    now = new Date('2026-03-05T09:00:00.000Z'); // red-team file expired 28 Feb, after January ended
    const c = await criterion('CC5.3', 'Jan');
    expect(c.status).toBe('covered');
  });

  it('CC9.2 with vendors: covered while every report is current and every review on time; at risk naming the vendor', async () => {
    now = new Date('2026-02-10T09:00:00.000Z');
    await call('vendor.add', {
      name: 'Acme Models',
      reports: [{ type: 'soc2-type2', expiresOn: '2026-02-20' }],
      lastReviewedOn: '2025-12-01',
    });
    const ok = await criterion('CC9.2');
    expect(ok.status).toBe('covered'); // expiring in 10 days is a warning in the register, not a lapse
    expect(ok.kinds).toContainEqual({ kind: 'vendor.entry', family: 'vendors', derived: false, items: 1 });

    now = new Date('2026-02-25T09:00:00.000Z');
    const lapsed = await criterion('CC9.2');
    expect(lapsed.status).toBe('at_risk');
    expect(lapsed.reasons).toEqual([
      expect.objectContaining({
        code: 'vendor_report_expired',
        message: expect.stringMatching(/^vendor Acme Models \(#\d+\): SOC 2 .*expired on 2026-02-20/),
      }),
    ]);

    await call('vendor.add', { name: 'Never Reviewed Inc' });
    const both = await criterion('CC9.2');
    expect(both.reasons.map((r) => r.code)).toEqual(['vendor_report_expired', 'vendor_review_overdue']);
    expect(both.reasons[1]!.message).toMatch(/^vendor Never Reviewed Inc \(#\d+\): never reviewed/);

    await call('vendor.update', { vendor: 'Acme Models', changes: { reports: [{ type: 'soc2-type2', expiresOn: '2027-02-20' }] } });
    await call('vendor.update', { vendor: 'Never Reviewed Inc', changes: { lastReviewedOn: '2026-02-24' } });
    expect((await criterion('CC9.2')).status).toBe('covered');
  });

  it('the coverage map and the PDF readiness line judge the same way', async () => {
    now = new Date('2026-03-05T09:00:00.000Z');
    const map = await call<CoverageMapView>('coverage.map', { period: 'Q1' });
    expect(map.criteria.map((c) => [c.criterion, c.status])).toEqual([
      ['CC5.3', 'at_risk'],
      ['CC9.2', 'covered'],
    ]);
    const store = EvidenceStore.open({ home, secrets, actor: { osUser: 'test', host: 'h' }, clock: () => now });
    try {
      const pdf = criterionHeatmap(store, { criterion: 'CC5.3', from: '2026-01-01', to: '2026-03-31', mappings }, now);
      expect(pdf.status).toBe('at_risk');
      expect(pdf.reasons.map((r) => r.code)).toEqual(['manual_expired']);
      expect(criterionHeatmap(store, { criterion: 'CC9.2', from: '2026-01-01', to: '2026-03-31', mappings }, now).status).toBe('covered');
    } finally {
      store.close();
    }
  });
});
