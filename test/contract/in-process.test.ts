import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, createCore, type Core, type ProcedureInput, type ProcedureName } from '../../core/api';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { tempDir } from '../helpers/temp-store';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'mlflow-import', name);

/**
 * One valid input per procedure, run in order on one store, and the outcome each must have offline. The type
 * makes this table fail to compile when a procedure is added to the contract without a row here.
 */
function validCalls(tmp: string): { [N in ProcedureName]: { input: ProcedureInput<N>; expect: 'ok' | string } } {
  const bundles = join(tmp, 'bundles');
  return {
    'store.init': { input: {}, expect: 'ok' },
    'store.status': { input: {}, expect: 'ok' },
    'source.types': { input: {}, expect: 'ok' },
    'source.add': {
      input: { type: 'mlflow', name: 'prod', config: { url: 'http://127.0.0.1:9', username: 'admin', passwordEnv: 'NO_SUCH_VAR' } },
      expect: 'ok',
    },
    'source.check': { input: { type: 'mlflow', config: { url: 'http://127.0.0.1:9' } }, expect: 'ok' }, // stores nothing
    'source.update': { input: { name: 'prod', config: { url: 'http://127.0.0.1:9', username: 'admin', passwordEnv: 'OTHER_VAR' } }, expect: 'ok' },
    'source.list': { input: {}, expect: 'ok' },
    'source.test': { input: { name: 'prod' }, expect: 'ok' }, // ok:true with result ok:false (nothing listens on :9)
    'collect.run': { input: { source: 'prod' }, expect: 'ok' }, // the run is recorded as failed, with its reason
    'import.types': { input: {}, expect: 'ok' },
    'import.run': { input: { type: 'mlflow', file: fixture('model-versions-search.json'), source: 'offline' }, expect: 'ok' },
    'diff.kinds': { input: {}, expect: 'ok' },
    'diff.run': { input: { source: 'offline', kind: 'mlflow.registry' }, expect: 'NOT_FOUND' }, // one snapshot only
    'log.list': { input: { limit: 5 }, expect: 'ok' },
    'key.show': { input: {}, expect: 'ok' },
    'store.verify': { input: {}, expect: 'ok' },
    'items.list': { input: { kind: 'mlflow.registry' }, expect: 'ok' },
    'items.facets': { input: {}, expect: 'ok' },
    'items.show': { input: { seq: 1 }, expect: 'ok' },
    'period.add': { input: { name: 'FY26', type: 'type2', from: '2026-01-01', to: '2026-12-31' }, expect: 'ok' },
    'period.list': { input: {}, expect: 'ok' },
    'period.update': { input: { name: 'FY26', criteria: ['CC8.1', 'cc6.1', 'CC1.1'] }, expect: 'ok' },
    'criterion.markNotApplicable': {
      input: { period: 'FY26', criterion: 'CC1.1', justification: 'Board oversight is tested in the parent company report.' },
      expect: 'ok',
    },
    'schedule.set': { input: { source: 'prod', cadence: 'cron', cron: '0 3 * * 1' }, expect: 'ok' },
    'schedule.list': { input: {}, expect: 'ok' },
    'collect.due': { input: { dryRun: true }, expect: 'ok' },
    'schedule.tick': { input: {}, expect: 'ok' },
    'readiness.get': { input: { period: 'FY26' }, expect: 'ok' },
    'coverage.map': { input: { period: 'FY26' }, expect: 'ok' },
    'timeline.list': { input: { period: 'FY26', kinds: ['promotion', 'leaver'] }, expect: 'ok' },
    'period.remove': { input: { name: 'FY26' }, expect: 'ok' },
    'runs.list': { input: {}, expect: 'ok' },
    'vendor.add': {
      input: { name: 'OpenAI', services: ['Chat Completions API'], personalData: true, reports: [{ type: 'soc2-type2', expiresOn: '2100-01-01' }] },
      expect: 'ok',
    },
    'vendor.update': { input: { vendor: 'OpenAI', changes: { owner: 'Dana Lee', lastReviewedOn: '2026-01-10' } }, expect: 'ok' },
    'vendor.seed': { input: {}, expect: 'ok' }, // the offline MLflow import is self-hosted: nothing to add, still ok
    'vendor.list': { input: {}, expect: 'ok' },
    'vendor.due': { input: {}, expect: 'ok' },
    'manual.add': {
      input: { file: fixture('model-versions-search.json'), criteria: ['CC8.1'], evidenceFor: '2026-01-15', owner: 'Dana Lee' },
      expect: 'ok',
    },
    'manual.list': { input: { criterion: 'CC8.1' }, expect: 'ok' },
    'manual.show': { input: { id: 1 }, expect: 'ok' },
    'export.bundle': { input: { criterion: 'CC8.1', from: '2026-01-01', to: '2100-12-31', out: bundles }, expect: 'ok' },
    'export.list': { input: {}, expect: 'ok' },
    // Item #1 is an MLflow registry snapshot, not an access list: a review cannot start from it (test/unit/reviews-*.test.ts start real ones).
    'review.snapshots': { input: {}, expect: 'ok' },
    'review.start': { input: { snapshot: 1 }, expect: 'BAD_INPUT' },
    'review.list': { input: {}, expect: 'ok' },
    'review.show': { input: { review: 1 }, expect: 'NOT_FOUND' },
    'review.decide': { input: { review: 1, line: 1, decision: 'keep' }, expect: 'NOT_FOUND' },
    'review.close': { input: { review: 1 }, expect: 'NOT_FOUND' },
    'review.exportCsv': { input: { review: 1 }, expect: 'NOT_FOUND' },
    'review.importCsv': { input: { review: 1, file: join(tmp, 'no-such.csv') }, expect: 'NOT_FOUND' },
    // The bundle just exported (the only ZIP in the folder), read when the row runs.
    'bundle.verify': {
      input: {
        get bundle() {
          return join(
            bundles,
            readdirSync(bundles).find((f) => f.endsWith('.zip'))!,
          );
        },
      },
      expect: 'ok',
    },
    'store.backup': { input: { to: join(tmp, 'backup') }, expect: 'ok' },
    'key.rotate': { input: {}, expect: 'ok' },
    'runs.recover': { input: {}, expect: 'ok' },
    'manual.remove': { input: { id: 1, reason: 'contract test' }, expect: 'ok' },
    'vendor.remove': { input: { vendor: 'OpenAI', reason: 'contract test' }, expect: 'ok' },
    'source.remove': { input: { name: 'prod' }, expect: 'ok' },
  };
}

describe('the contract, in process', () => {
  const tmp = tempDir('el-contract-');
  let core: Core;
  beforeAll(() => {
    core = createCore({ home: join(tmp.dir, 'home'), secrets: new MemorySecretStore(), env: {} });
  });
  afterAll(() => (core.close(), tmp.cleanup()));

  it('has a row for every procedure, each named domain.verb', () => {
    expect(Object.keys(validCalls(tmp.dir)).sort()).toEqual(Object.keys(contract).sort());
    for (const name of Object.keys(contract)) expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/);
  });

  it('runs every procedure with a valid input and answers in the envelope', async () => {
    for (const [name, row] of Object.entries(validCalls(tmp.dir))) {
      const r = await core.callUntyped(name, row.input);
      if (row.expect === 'ok') expect(r, name).toMatchObject({ ok: true });
      else expect(r, name).toMatchObject({ ok: false, error: { code: row.expect, message: expect.any(String) } });
    }
  });

  it('refuses invalid input to every procedure with BAD_INPUT, before any work', async () => {
    for (const name of Object.keys(contract)) {
      for (const bad of [{ notAField: true }, 'text', 42, []]) {
        const r = await core.callUntyped(name, bad);
        expect(r, `${name} ${JSON.stringify(bad)}`).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      }
    }
  });

  it('refuses an unknown procedure with BAD_INPUT', async () => {
    expect(await core.callUntyped('store.drop', {})).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: 'Unknown procedure "store.drop".' },
    });
  });

  it('types results end to end: call<"store.status"> returns the status, not unknown', async () => {
    const r = await core.call('store.status', {});
    if (!r.ok) throw new Error(r.error.message);
    const items: number = r.value.items; // compile-time check: a typo here fails `npm run typecheck`
    expect(items).toBeGreaterThan(0);
  });
});
