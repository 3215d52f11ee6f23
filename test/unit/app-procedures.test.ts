import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, MemoryCredentialStore, type Core } from '../../core/api';
import { runOutcome } from '../../core/api/handlers/evidence';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { tamper } from '../helpers/tamper';
import { tempDir } from '../helpers/temp-store';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'mlflow-import', name);
const tmp = tempDir('el-app-procs-');
const credentials = new MemoryCredentialStore();
let core: Core;

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

beforeAll(async () => {
  core = createCore({ home: tmp.dir, secrets: new MemorySecretStore(), credentials, env: {} });
  await ok(core.call('store.init', {}));
  await ok(core.call('import.run', { type: 'mlflow', file: fixture('model-versions-search.json'), source: 'offline' }));
  await ok(core.call('import.run', { type: 'mlflow', file: fixture('users-get-many.json'), source: 'offline' }));
  await ok(core.call('import.run', { type: 'mlflow', file: fixture('model-versions-search-later.json'), source: 'other' }));
});
afterAll(() => (core.close(), tmp.cleanup()));

describe('items.list and items.facets: the evidence table', () => {
  it('pages in sequence order with a total, and filters by source, kind, criterion, date and completeness', async () => {
    const all = await ok(core.call('items.list', { limit: 2 }));
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => r.seq)).toEqual([1, 2]);
    expect((await ok(core.call('items.list', { offset: 2, limit: 2 }))).rows.map((r) => r.seq)).toEqual([3]);
    expect((await ok(core.call('items.list', { offset: 99 }))).rows).toEqual([]);
    expect((await ok(core.call('items.list', { source: 'other' }))).rows.map((r) => r.seq)).toEqual([3]);
    expect((await ok(core.call('items.list', { kind: 'mlflow.access' }))).rows.map((r) => r.seq)).toEqual([2]);
    const cc81 = await ok(core.call('items.list', { criterion: 'cc8.1' }));
    expect(cc81.rows.map((r) => r.kind)).toEqual(['mlflow.registry', 'mlflow.registry']);
    expect(cc81.rows[0]!.criteria).toContain('CC8.1');
    expect((await ok(core.call('items.list', { criterion: 'CC8.1', kind: 'mlflow.access' }))).total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await ok(core.call('items.list', { from: today, to: today }))).total).toBe(3);
    expect((await ok(core.call('items.list', { to: '2000-01-01' }))).total).toBe(0);
    expect((await ok(core.call('items.list', { completeness: 'failed' }))).total).toBe(0);
    expect(await core.call('items.list', { criterion: 'XX1.1' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('rows carry source names, scope and hashes but no content', async () => {
    const [row] = (await ok(core.call('items.list', { limit: 1 }))).rows;
    expect(row).toMatchObject({
      seq: 1,
      source: 'offline',
      sourceType: 'mlflow',
      provenance: 'admin_export',
      contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(row).not.toHaveProperty('content');
  });

  it('facets name what can be filtered on, and which series can be compared', async () => {
    const f = await ok(core.call('items.facets', {}));
    expect(f.total).toBe(3);
    expect(f.sources.map((s) => s.name)).toEqual(['offline', 'other']);
    expect(f.kinds.map((k) => k.kind)).toEqual(['mlflow.access', 'mlflow.registry']);
    expect(f.criteria.map((c) => c.id)).toContain('CC8.1');
    expect(f.series).toContainEqual(expect.objectContaining({ source: 'offline', kind: 'mlflow.registry', items: 1 }));
    expect(f.completeness).toEqual({ complete: 3 });
  });
});

describe('items.show: content, IPE and integrity from the log', () => {
  it('gives readable tables, the canonical bytes, the IPE and the log facts', async () => {
    const d = await ok(core.call('items.show', { seq: 1 }));
    expect(d.tables[0]).toMatchObject({ title: expect.stringMatching(/registry/i), columns: expect.arrayContaining(['Model', 'Version']) });
    expect(JSON.parse(d.canonicalContent)).toEqual(d.content);
    expect(d.ipe).toMatchObject({ provenance: 'admin_export', importedFile: { name: 'model-versions-search.json' } });
    expect(d.integrity).toMatchObject({ hashesMatch: true, logEntryMatches: true, checkpoint: { covers: true } });
    expect(d.criteriaTitles).toContainEqual({ id: 'CC8.1', title: 'Change management' });
  });

  it('says so when stored bytes no longer match the log', async () => {
    tamper(join(tmp.dir, 'evidence.db'), (db) =>
      db.prepare('UPDATE evidence_item SET content = CAST(\'{"forged":true}\' AS BLOB) WHERE seq = 2').run(),
    );
    const d = await ok(core.call('items.show', { seq: 2 }));
    expect(d.integrity.hashesMatch).toBe(false);
    expect(await core.call('items.show', { seq: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('sources with secrets typed into the app', () => {
  it('a failed connection test stores nothing: no source, no secret', async () => {
    const r = await core.call('source.add', {
      type: 'mlflow',
      name: 'prod',
      config: { url: 'http://127.0.0.1:9', username: 'admin' },
      secrets: { passwordEnv: 'pw-1' },
      test: true,
    });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Not saved: /) } });
    expect((await ok(core.call('source.list', {}))).map((s) => s.name)).not.toContain('prod');
    expect(credentials.values.size).toBe(0);
  });

  it('saved without a test, the config says @stored and the value is kept by the credential store only', async () => {
    const added = await ok(
      core.call('source.add', {
        type: 'mlflow',
        name: 'prod',
        config: { url: 'http://127.0.0.1:9', username: 'admin' },
        secrets: { passwordEnv: 'pw-1' },
      }),
    );
    expect(added.config.passwordEnv).toBe('@stored');
    expect([...credentials.values]).toEqual([['source-prod-passwordEnv', 'pw-1']]);
    expect(JSON.stringify(await ok(core.call('log.list', { limit: 50 })))).not.toContain('pw-1');
  });

  it('refuses a secret in a field that is not a secret, and a literal secret in a reference field', async () => {
    expect(await core.call('source.add', { type: 'mlflow', name: 'x', config: { url: 'http://h' }, secrets: { url: 'http://h' } })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(
      await core.call('source.add', { type: 'mlflow', name: 'x', config: { url: 'http://h', username: 'a', passwordEnv: 'hunter2!' } }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('update keeps the stored secret unless a new one is typed; check tests an unsaved config', async () => {
    await ok(core.call('source.update', { name: 'prod', config: { url: 'http://127.0.0.1:10', username: 'admin', passwordEnv: '@stored' } }));
    expect(credentials.values.get('source-prod-passwordEnv')).toBe('pw-1');
    await ok(
      core.call('source.update', { name: 'prod', config: { url: 'http://127.0.0.1:10', username: 'admin' }, secrets: { passwordEnv: 'pw-2' } }),
    );
    expect(credentials.values.get('source-prod-passwordEnv')).toBe('pw-2');
    expect(await core.call('source.update', { name: 'prod', config: { url: 'http://h', username: 'a', tokenEnv: '@stored' } })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringMatching(/Enter the token/) },
    });
    const check = await ok(core.call('source.check', { type: 'mlflow', config: { url: 'http://127.0.0.1:9' } }));
    expect(check.ok).toBe(false);
  });
});

describe('runs.list: how each run ended', () => {
  it('an unreachable server is a connection error, not a failed control', async () => {
    await ok(core.call('collect.run', { source: 'prod' }));
    const runs = await ok(core.call('runs.list', {}));
    expect(runs.rows[0]).toMatchObject({
      source: 'prod',
      status: 'failed',
      outcome: 'connection_error',
      code: 'UNREACHABLE',
      reason: expect.stringMatching(/prod/),
    });
  });

  it('classifies every ending', () => {
    const base = { items: 4, records: 10, code: null };
    expect(runOutcome({ ...base, status: 'complete' })).toBe('complete');
    expect(runOutcome({ ...base, status: 'complete', records: 0 })).toBe('no_data');
    expect(runOutcome({ ...base, status: 'partial' })).toBe('partial');
    expect(runOutcome({ ...base, status: 'failed', code: 'AUTH_FAILED' })).toBe('connection_error');
    expect(runOutcome({ ...base, status: 'failed', code: 'BAD_RESPONSE' })).toBe('failed');
    expect(runOutcome({ ...base, status: 'interrupted' })).toBe('interrupted');
    expect(runOutcome({ ...base, status: 'running' })).toBe('running');
  });
});

describe('export.list: past bundles and their chain', () => {
  it('lists bundles newest first, each naming the one before it for its criterion, and whether the files are there', async () => {
    const own = tempDir('el-app-exports-');
    const c = createCore({ home: own.dir, secrets: new MemorySecretStore(), env: {} });
    try {
      await ok(c.call('store.init', {}));
      await ok(c.call('import.run', { type: 'mlflow', file: fixture('model-versions-search.json'), source: 'offline' }));
      const out = join(own.dir, 'bundles');
      const period = { criterion: 'CC8.1', from: '2000-01-01', to: '2100-01-01', out };
      const first = await ok(c.call('export.bundle', period));
      const second = await ok(c.call('export.bundle', period));
      const list = await ok(c.call('export.list', {}));
      expect(list[0]).toMatchObject({
        id: second.bundles[0]!.bundleId,
        criterion: 'CC8.1',
        previousBundle: first.bundles[0]!.bundleId,
        present: true,
      });
      expect(list[1]).toMatchObject({ id: first.bundles[0]!.bundleId, previousBundle: null });
      expect(readdirSync(out).length).toBeGreaterThan(0);
      expect(existsSync(list[0]!.path)).toBe(true);
    } finally {
      c.close();
      own.cleanup();
    }
  });
});
