import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore, type DueResult, type PeriodView, type ReadinessView } from '../../core/api';
import { BUILT_IN_FAMILIES } from '../../core/families/built-in';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { fakeFamily } from '../fixtures/fake-family';
import { tempDir } from '../helpers/temp-store';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'mlflow-import', name);

describe('audit periods', () => {
  const tmp = tempDir('el-periods-');
  let now = new Date('2026-03-10T12:00:00.000Z');
  const core = createCore({
    home: join(tmp.dir, 'home'),
    secrets: new MemorySecretStore(),
    families: [...BUILT_IN_FAMILIES, fakeFamily],
    clock: () => now,
  });
  afterAll(() => (core.close(), tmp.cleanup()));
  const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
    const r = await core.callUntyped(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const refused = async (name: string, input: unknown) =>
    (await core.callUntyped(name, input)) as { ok: boolean; error?: { code: string; message: string } };

  it('are added, changed (logged with the values before) and removed; bad periods are refused', async () => {
    await call('store.init');
    const p = await call<PeriodView>('period.add', { name: 'FY26 H1', type: 'type2', from: '2026-01-01', to: '2026-06-30' });
    expect(p.criteria).toEqual(expect.arrayContaining(['CC6.1', 'CC8.1', 'C1.1']));
    expect(p.criteria).not.toContain('CC1.1'); // default scope: what this app's evidence supports
    const changed = await call<PeriodView>('period.update', {
      name: 'FY26 H1',
      rename: 'H1',
      to: '2026-06-29',
      criteria: ['cc8.1', 'CC6.1', 'CC8.1'],
    });
    expect(changed).toMatchObject({ name: 'H1', from: '2026-01-01', to: '2026-06-29', criteria: ['CC6.1', 'CC8.1'] });
    const log = await call<{ body: { period: { name: string }; before?: { name: string; to: string } } }[]>('log.list', { type: 'period_set' });
    expect(log.at(-1)!.body).toMatchObject({ period: { name: 'H1' }, before: { name: 'FY26 H1', to: '2026-06-30' } });

    for (const [input, code] of [
      [{ name: 'x', type: 'type2', from: '2026-05-01', to: '2026-04-01' }, 'BAD_INPUT'],
      [{ name: 'x', type: 'type2', from: '2026-05-01' }, 'BAD_INPUT'],
      [{ name: 'x', type: 'type1', from: '2026-05-01', to: '2026-05-02' }, 'BAD_INPUT'],
      [{ name: 'x', type: 'type2', from: '2026-02-30', to: '2026-04-01' }, 'BAD_INPUT'],
      [{ name: 'x', type: 'type2', from: '2026-01-01', to: '2026-04-01', criteria: ['C1.3'] }, 'BAD_INPUT'],
      [{ name: 'H1', type: 'type2', from: '2026-01-01', to: '2026-04-01' }, 'CONFLICT'],
    ] as const)
      expect(await refused('period.add', input), JSON.stringify(input)).toMatchObject({ ok: false, error: { code } });
    expect(await refused('period.update', { name: 'H1', type: 'type1', to: '2026-02-01' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(await refused('readiness.get', { period: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call('period.remove', { name: 'H1' })).toMatchObject({ name: 'H1' });
    expect(await call<PeriodView[]>('period.list')).toEqual([]);
  });

  it('judge a Type 1 date by the latest snapshot at or before it', async () => {
    await call('source.add', { type: 'fake', name: 'team', config: { members: ['ana'] } });
    await call('collect.run', { source: 'team' }); // 10 March
    await call('period.add', { name: 'T1', type: 'type1', from: '2026-03-11', criteria: ['CC6.2'] });
    await call('period.add', { name: 'T1-late', type: 'type1', from: '2026-03-25', criteria: ['CC6.2'] });
    await call('period.add', { name: 'T1-early', type: 'type1', from: '2026-03-01', criteria: ['CC6.2'] });
    const status = async (name: string) => (await call<ReadinessView>('readiness.get', { period: name })).criteria[0]!;
    expect(await status('T1')).toMatchObject({ status: 'covered' });
    expect(await status('T1-late')).toMatchObject({ status: 'at_risk', reasons: [{ code: 'stale' }] }); // 15 days old on a weekly cadence
    expect(await status('T1-early')).toMatchObject({ status: 'not_covered', reasons: [{ code: 'no_evidence' }] });
  });

  it('records a missed import for an import-only source only once someone set it a schedule', async () => {
    await call('import.run', { type: 'mlflow', file: fixture('model-versions-search.json'), source: 'reg', evidenceFor: '2026-03-09' });
    now = new Date('2026-03-30T12:00:00.000Z');
    const reg = (r: DueResult) => r.missed.filter((m) => m.source === 'reg');
    // (Noticing is for every source: the live 'team' source's missed weeks are recorded here too.)
    expect(reg(await call<DueResult>('collect.due', { source: 'reg' }))).toEqual([]); // default schedule: nothing to miss
    await call('schedule.set', { source: 'reg', cadence: 'weekly' }); // from 30 March
    now = new Date('2026-04-14T12:00:00.000Z');
    const r = await call<DueResult>('collect.due', { source: 'reg' });
    expect(reg(r).map((m) => m.dueAt)).toEqual(['2026-03-30T12:00:00.000Z', '2026-04-06T00:00:00.000Z']);
    expect(r.skipped).toEqual([{ source: 'reg', reason: 'import_only', nextDue: null }]);
    // An import dated inside this week's slot counts for it: nothing more is missed next week for it.
    await call('import.run', { type: 'mlflow', file: fixture('model-versions-search.json'), source: 'reg', evidenceFor: '2026-04-13' });
    now = new Date('2026-04-21T12:00:00.000Z');
    expect(reg(await call<DueResult>('collect.due', { source: 'reg' }))).toEqual([]);
  });
});
