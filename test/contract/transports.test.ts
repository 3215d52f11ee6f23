import { request } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  contract,
  createAppHost,
  createCore,
  FileRefs,
  MemoryCredentialStore,
  type Envelope,
  type ProcedureInput,
  type ProcedureName,
} from '../../core/api';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { INVOKE_CHANNEL, registerIpc } from '../../electron/main/ipc';
import { startWebMode } from '../../server/web-mode';
import { cookieName } from '../../server/security';
import { tempDir } from '../helpers/temp-store';
import { appFrame, FakeIpcMain } from '../unit/electron/fakes';

const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'mlflow-import', name);

interface Transport {
  call(name: string, input: unknown): Promise<Envelope<unknown>>;
  /** Hands a file over as the renderer would (web: POST /upload; desktop: host.upload over IPC) → its ref. */
  upload(path: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * One valid call per procedure, in order on one store, through a host: files go in as refs, folders are the host's.
 * Typed by ProcedureName, so a procedure added to the contract without a row here fails to compile.
 */
function validCalls(t: { ref: (key: string) => string }): { [N in ProcedureName]: { input: () => ProcedureInput<N>; expect: 'ok' | string } } {
  const host = '(the host decides)';
  return {
    'store.init': { input: () => ({}), expect: 'ok' },
    'store.status': { input: () => ({}), expect: 'ok' },
    'source.types': { input: () => ({}), expect: 'ok' },
    'source.check': { input: () => ({ type: 'mlflow', config: { url: 'http://127.0.0.1:9' } }), expect: 'ok' },
    'source.add': {
      input: () => ({
        type: 'mlflow',
        name: 'prod',
        config: { url: 'http://127.0.0.1:9', username: 'admin' },
        secrets: { passwordEnv: 'canary-secret-value' },
      }),
      expect: 'ok',
    },
    'source.update': {
      input: () => ({ name: 'prod', config: { url: 'http://127.0.0.1:9', username: 'admin', passwordEnv: '@stored' } }),
      expect: 'ok',
    },
    'source.list': { input: () => ({}), expect: 'ok' },
    'source.test': { input: () => ({ name: 'prod' }), expect: 'ok' },
    'collect.run': { input: () => ({ source: 'prod' }), expect: 'ok' },
    'runs.list': { input: () => ({}), expect: 'ok' },
    'import.types': { input: () => ({}), expect: 'ok' },
    'import.run': { input: () => ({ type: 'mlflow', file: t.ref('import'), source: 'offline' }), expect: 'ok' },
    'diff.kinds': { input: () => ({}), expect: 'ok' },
    'diff.run': { input: () => ({ source: 'offline', kind: 'mlflow.registry' }), expect: 'NOT_FOUND' },
    'items.list': { input: () => ({ criterion: 'CC8.1', limit: 10 }), expect: 'ok' },
    'items.facets': { input: () => ({}), expect: 'ok' },
    'items.show': { input: () => ({ seq: 1 }), expect: 'ok' },
    'review.snapshots': { input: () => ({}), expect: 'ok' },
    'review.start': { input: () => ({ snapshot: 1 }), expect: 'BAD_INPUT' }, // item #1 is a registry snapshot
    'review.list': { input: () => ({}), expect: 'ok' },
    'review.show': { input: () => ({ review: 1 }), expect: 'NOT_FOUND' },
    'review.decide': { input: () => ({ review: 1, line: 1, decision: 'keep' as const }), expect: 'NOT_FOUND' },
    'review.close': { input: () => ({ review: 1 }), expect: 'NOT_FOUND' },
    'review.exportCsv': { input: () => ({ review: 1 }), expect: 'NOT_FOUND' },
    'review.importCsv': { input: () => ({ review: 1, file: t.ref('import') }), expect: 'NOT_FOUND' },
    'vendor.add': { input: () => ({ name: 'OpenAI', personalData: true, reports: [{ type: 'soc2-type2', expiresOn: '2100-01-01' }] }), expect: 'ok' },
    'vendor.update': { input: () => ({ vendor: 'OpenAI', changes: { owner: 'Dana Lee' } }), expect: 'ok' },
    'vendor.seed': { input: () => ({}), expect: 'ok' },
    'vendor.list': { input: () => ({}), expect: 'ok' },
    'vendor.due': { input: () => ({}), expect: 'ok' },
    'manual.add': { input: () => ({ file: t.ref('manual'), criteria: ['CC8.1'], evidenceFor: '2026-01-15', owner: 'Dana Lee' }), expect: 'ok' },
    'manual.list': { input: () => ({}), expect: 'ok' },
    'manual.show': { input: () => ({ id: 1 }), expect: 'ok' },
    'period.add': { input: () => ({ name: 'FY26', type: 'type2', from: '2026-01-01', to: '2026-12-31' }), expect: 'ok' },
    'period.list': { input: () => ({}), expect: 'ok' },
    'period.update': { input: () => ({ name: 'FY26', criteria: ['CC8.1', 'cc6.1', 'CC1.1'] }), expect: 'ok' },
    'criterion.markNotApplicable': {
      input: () => ({ period: 'FY26', criterion: 'CC1.1', justification: 'Board oversight is tested in the parent company report.' }),
      expect: 'ok',
    },
    'schedule.set': { input: () => ({ source: 'prod', cadence: 'cron', cron: '0 3 * * 1' }), expect: 'ok' },
    'schedule.list': { input: () => ({}), expect: 'ok' },
    'collect.due': { input: () => ({ dryRun: true }), expect: 'ok' },
    'schedule.tick': { input: () => ({}), expect: 'ok' },
    'readiness.get': { input: () => ({ period: 'FY26' }), expect: 'ok' },
    'coverage.map': { input: () => ({ period: 'FY26' }), expect: 'ok' },
    'timeline.list': { input: () => ({ period: 'FY26', kinds: ['promotion', 'leaver'] }), expect: 'ok' },
    'period.remove': { input: () => ({ name: 'FY26' }), expect: 'ok' },
    'log.list': { input: () => ({ limit: 5 }), expect: 'ok' },
    'key.show': { input: () => ({}), expect: 'ok' },
    'store.verify': { input: () => ({}), expect: 'ok' },
    'export.bundle': { input: () => ({ criterion: 'CC8.1', from: '2026-01-01', to: '2100-12-31', out: host }), expect: 'ok' },
    'export.list': { input: () => ({}), expect: 'ok' },
    'bundle.verify': { input: () => ({ bundle: t.ref('bundle') }), expect: 'ok' },
    'store.backup': { input: () => ({ to: host }), expect: 'ok' },
    'key.rotate': { input: () => ({}), expect: 'ok' },
    'runs.recover': { input: () => ({}), expect: 'ok' },
    'manual.remove': { input: () => ({ id: 1, reason: 'contract test' }), expect: 'ok' },
    'vendor.remove': { input: () => ({ vendor: 'OpenAI', reason: 'contract test' }), expect: 'ok' },
    'source.remove': { input: () => ({ name: 'prod' }), expect: 'ok' },
  };
}

const info = (dir: string) => ({
  mode: 'desktop' as const,
  version: 't',
  platform: 'linux',
  dataFolder: dir,
  exportFolder: join(dir, 'exports'),
  backupFolder: join(dir, 'backups'),
  credentials: { available: true, kind: 'keychain' as const, description: 'memory' },
  signingKey: 'memory',
});

async function ipcTransport(dir: string): Promise<Transport> {
  const core = createCore({ home: join(dir, 'home'), secrets: new MemorySecretStore(), credentials: new MemoryCredentialStore(), env: {} });
  const files = new FileRefs();
  const ipc = new FakeIpcMain();
  registerIpc(ipc, createAppHost(core, { info: () => info(dir) }, files));
  const call = (name: string, input: unknown) => ipc.invoke(INVOKE_CHANNEL, appFrame, name, input) as Promise<Envelope<unknown>>;
  return {
    call,
    async upload(path) {
      const r = (await call('host.upload', { name: path.split('/').at(-1)!, bytes: new Uint8Array(readFileSync(path)) })) as Envelope<{
        ref: string;
      }>;
      if (!r.ok) throw new Error(r.error.message);
      return r.value.ref;
    },
    close: async () => (core.close(), files.close()),
  };
}

function http(port: number, method: string, path: string, headers: Record<string, string>, body: Buffer | string): Promise<Envelope<unknown>> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Envelope<unknown>));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function httpTransport(dir: string): Promise<Transport> {
  const token = 'contract-test-token-0123456789';
  const web = await startWebMode({ home: join(dir, 'home'), token, exportFolder: join(dir, 'exports'), backupFolder: join(dir, 'backups'), env: {} });
  const port = web.server.port;
  const headers = { origin: `http://127.0.0.1:${port}`, cookie: `${cookieName(port)}=${token}` };
  return {
    call: (name, input) => http(port, 'POST', `/rpc/${name}`, { ...headers, 'content-type': 'application/json' }, JSON.stringify(input)),
    async upload(path) {
      const r = (await http(
        port,
        'POST',
        `/upload?name=${encodeURIComponent(path.split('/').at(-1)!)}`,
        { ...headers, 'content-type': 'application/octet-stream' },
        readFileSync(path),
      )) as Envelope<{ ref: string }>;
      if (!r.ok) throw new Error(r.error.message);
      return r.value.ref;
    },
    close: () => web.close(),
  };
}

describe.each([
  ['IPC (fake ipcMain, sender checked)', ipcTransport],
  ['HTTP (web mode, token cookie)', httpTransport],
])('the contract over %s', (_name, make) => {
  const tmp = tempDir('el-transport-');
  let t: Transport;
  afterAll(async () => {
    await t?.close();
    tmp.cleanup();
  });

  it('runs every procedure with a valid input and answers in the envelope', async () => {
    t = await make(tmp.dir);
    const refs: Record<string, string> = {};
    const calls = validCalls({ ref: (k) => refs[k]! });
    expect(Object.keys(calls).sort()).toEqual(Object.keys(contract).sort());
    refs.import = await t.upload(fixture('model-versions-search.json'));
    refs.manual = await t.upload(fixture('model-versions-search.json'));
    for (const [name, row] of Object.entries(calls)) {
      if (name === 'bundle.verify') {
        const list = (await t.call('export.list', {})) as Envelope<{ path: string }[]>;
        if (!list.ok) throw new Error(list.error.message);
        refs.bundle = await t.upload(list.value[0]!.path);
      }
      const r = await t.call(name, row.input());
      if (row.expect === 'ok') expect(r, `${name}: ${JSON.stringify(r).slice(0, 300)}`).toMatchObject({ ok: true });
      else expect(r, name).toMatchObject({ ok: false, error: { code: row.expect } });
      // The secret typed into source.add never comes back out, in any answer.
      expect(JSON.stringify(r), name).not.toContain('canary-secret-value');
      if (name === 'bundle.verify') expect(r, name).toMatchObject({ ok: true, value: { ok: true } });
      if (name === 'store.backup') expect((r as { value: { path: string } }).value.path).toContain(join(tmp.dir, 'backups'));
      if (name === 'export.bundle')
        expect((r as { value: { bundles: { path: string }[] } }).value.bundles[0]!.path).toContain(join(tmp.dir, 'exports'));
    }
  });

  it('keeps the secret out of the store, its WAL, the checkpoint file, backups and bundles', () => {
    const home = join(tmp.dir, 'home');
    const files = [
      // Every file of the store folder but the keys (manual evidence sits in files/sha256/…).
      ...walk(home).filter((f) => !f.startsWith(join(home, 'keys'))),
      ...walk(join(tmp.dir, 'exports')),
      ...walk(join(tmp.dir, 'backups')),
    ];
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) expect(readFileSync(f).includes(Buffer.from('canary-secret-value')), f).toBe(false);
  });

  it('refuses invalid input to every procedure with BAD_INPUT', async () => {
    for (const name of Object.keys(contract)) {
      for (const bad of [{ notAField: true }, 'text', 42, []]) {
        expect(await t.call(name, bad), `${name} ${JSON.stringify(bad)}`).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      }
    }
  });

  it('refuses paths where files or folders are expected', async () => {
    expect(await t.call('import.run', { type: 'mlflow', file: fixture('model-versions-search.json') })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(await t.call('bundle.verify', { bundle: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await t.call('bundle.verify', { bundle: 'upload:AAAAAAAAAAAAAAAAAAAAAAAA' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses an unknown procedure', async () => {
    expect(await t.call('store.drop', {})).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});
