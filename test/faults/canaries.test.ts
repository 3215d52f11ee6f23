import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/api';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { startWebMode, type WebMode } from '../../server/web-mode';
import { cookieName, parseCookies } from '../../server/security';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-store';
import { recordCounts } from './counts';
import { startFaultProxy, type FaultProxy } from './http/fault-proxy';
import { scanBytes, scanTree, type Leak } from './canary/scan';
import { startCanaryWorld, type CanaryWorld } from './canary/world';
import { send } from './web/web-session';

// Issue 14: canary secrets planted in every source's credentials and in its servers' answers. After collection,
// forced errors (servers echoing the request's credentials back), export, and a web-mode session, none may appear
// in the database, WAL, checkpoint, logs, PDFs (bytes and pdftotext), ZIPs (every entry inflated), HTTP/IPC
// answers or error messages, raw or JSON-escaped, URL-encoded or base64 (both alphabets, every alignment).
let w: CanaryWorld;
const tmp = tempDir('el-fault-canary-');
const proxies: FaultProxy[] = [];
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const period = { from: day(-1), to: day(1) };

beforeAll(async () => {
  w = await startCanaryWorld();
});
afterAll(async () => {
  for (const p of proxies) await p.close();
  await w?.stop();
  tmp.cleanup();
});

/** Proxies that answer one endpoint with a 500 echoing every request header (credentials included). */
async function echoSources(): Promise<{ name: string; type: string; config: Record<string, unknown> }[]> {
  const mlflowEcho = await startFaultProxy(w.mlflow.url, [
    { match: (r) => r.path.endsWith('/registered-models/search'), fault: { kind: 'echo', status: 500 } },
  ]);
  const awsEcho = await startFaultProxy(w.moto.endpoint, [
    { match: (r) => r.op === 'GetAccountAuthorizationDetails', fault: { kind: 'echo', status: 500, xml: true } },
  ]);
  const mlflowDown = await startFaultProxy(w.mlflow.url, [{ match: () => true, fault: { kind: 'echo', status: 401 } }]);
  proxies.push(mlflowEcho, awsEcho, mlflowDown);
  const byName = (n: string) => w.sources.find((s) => s.name === n)!;
  return [
    { ...byName('mlflow-basic'), name: 'echo-mlflow-basic', config: { ...byName('mlflow-basic').config, url: mlflowEcho.url } },
    { ...byName('mlflow-bearer'), name: 'echo-mlflow-bearer', config: { ...byName('mlflow-bearer').config, url: mlflowEcho.url } },
    { ...byName('mlflow-basic'), name: 'echo-401', config: { ...byName('mlflow-basic').config, url: mlflowDown.url } },
    { ...byName('aws'), name: 'echo-aws', config: { ...byName('aws').config, endpoint: awsEcho.url } },
    { ...byName('wandb'), name: 'echo-wandb', config: { ...byName('wandb').config, host: w.wandbEcho.url } },
  ];
}

function report(name: string, leaks: Leak[], faults: number): void {
  recordCounts(name, { trials: 1, faults, leaks: leaks.length });
  expect(leaks, leaks.map((l) => `${l.canary} in ${l.where} (${l.form})`).join('\n')).toEqual([]);
}

describe('the scanner finds a canary in every form it looks for', () => {
  it('raw, JSON-escaped, URL-encoded and base64 at each alignment', () => {
    const c = { name: 'control', value: 'Cn4ry/contr+ol"pw=' };
    const forms = [c.value, JSON.stringify(c.value), encodeURIComponent(c.value)];
    for (let pad = 0; pad < 3; pad++)
      forms.push(
        Buffer.from(`${'x'.repeat(pad)}${c.value}tail`).toString('base64'),
        Buffer.from(`${'y'.repeat(pad)}${c.value}`).toString('base64url'),
      );
    for (const f of forms) expect(scanBytes(Buffer.from(`...${f}...`), 'control', [c]), f).toHaveLength(1);
    expect(scanBytes(Buffer.from('nothing here'), 'control', [c])).toEqual([]);
  });
});

describe('canary secrets never leave the credentials they were given in', () => {
  it('in-process core (the IPC path): collect every family, forced errors, export every criterion', async () => {
    const home = join(tmp.dir, 'core');
    const out = join(tmp.dir, 'core-exports');
    mkdirSync(out, { recursive: true });
    const core: Core = createCore({ home, secrets: new MemorySecretStore(), env: w.env, families: w.families });
    const answers: unknown[] = [];
    const openLeaks: Leak[] = [];
    const call = async (name: string, input: unknown = {}) => {
      const r = await core.callUntyped(name, input);
      answers.push(r);
      return r;
    };
    try {
      await call('store.init');
      for (const s of [...w.sources, ...(await echoSources())]) expect(await call('source.add', s), s.name).toMatchObject({ ok: true });
      const runs = (await call('collect.run', {})) as { ok: true; value: { source: string; status: string; reason: string | null }[] };
      const status = Object.fromEntries(runs.value.map((r) => [r.source, r.status]));
      // Every real source collected; every echo source failed or went partial, with its reason scrubbed.
      expect(status).toMatchObject({
        'mlflow-basic': 'complete',
        'mlflow-bearer': 'complete',
        aws: 'complete',
        wandb: 'complete',
        gcp: 'complete',
        azure: 'complete',
      });
      for (const n of ['echo-mlflow-basic', 'echo-mlflow-bearer', 'echo-401', 'echo-aws', 'echo-wandb']) expect(status[n], n).not.toBe('complete');
      for (const n of ['echo-mlflow-basic', 'echo-aws', 'echo-wandb', 'echo-401']) await call('source.test', { name: n });
      const list = (await call('items.list', { limit: 5000 })) as { ok: true; value: { rows: { seq: number }[] } };
      for (const row of list.value.rows) await call('items.show', { seq: row.seq });
      await call('runs.list', {});
      const exported = (await call('export.bundle', { all: true, ...period, out })) as { ok: boolean; value?: { bundles: unknown[] } };
      expect(exported.ok).toBe(true);
      expect(exported.value!.bundles.length).toBeGreaterThan(0);
      await call('store.verify');
      // The canaries really reached the app: the stored items record where redaction replaced them.
      const shown = answers.filter((a) => (a as { value?: { ipe?: unknown } }).value?.ipe) as {
        value: { kind: string; ipe: { redactions?: unknown[] } };
      }[];
      const redacted = new Set(shown.filter((a) => a.value.ipe.redactions?.length).map((a) => a.value.kind));
      for (const kind of ['mlflow.lineage', 'mlflow.registry', 'aws.iam', 'aws.s3.retention', 'wandb.registry'])
        expect(redacted, kind).toContain(kind);
      expect(proxies.reduce((n, p) => n + p.injected(), 0)).toBeGreaterThan(3);
      // The WAL exists only while the store is open: scan it now, and everything again after close.
      openLeaks.push(...scanTree(home, w.canaries).leaks);
    } finally {
      core.close();
    }
    const store = scanTree(home, w.canaries);
    const bundles = scanTree(out, w.canaries);
    const ipc = scanBytes(Buffer.from(JSON.stringify(answers)), 'IPC answers', w.canaries);
    expect(store.files).toBeGreaterThanOrEqual(2); // evidence.db, checkpoint (the WAL was scanned while open)
    expect(bundles.files).toBeGreaterThan(1);
    report('canaries in-process', [...openLeaks, ...store.leaks, ...bundles.leaks, ...ipc], w.canaries.length);
  });

  it('web mode over HTTP: a session that adds sources, collects, hits echoing servers, browses, exports and downloads', async () => {
    const token = `canary-session-${'t'.repeat(40)}`;
    const home = join(tmp.dir, 'web');
    const renderer = join(tmp.dir, 'renderer');
    mkdirSync(renderer, { recursive: true });
    const web: WebMode = await startWebMode({ home, token, env: w.env, rendererDir: renderer });
    const bodies: Buffer[] = [];
    let events = Buffer.alloc(0);
    try {
      const port = web.server.port;
      const host = `127.0.0.1:${port}`;
      const swap = await send(port, { path: `/?token=${token}`, headers: { host } });
      const cookie = `${cookieName(port)}=${parseCookies(String(swap.headers['set-cookie']).split(';')[0])[cookieName(port)]}`;
      const headers = { host, origin: `http://${host}`, cookie, 'content-type': 'application/json' };
      // Progress events (SSE) are answers too: capture the stream for the whole session.
      const sse = request({ host: '127.0.0.1', port, path: '/events', headers: { host, cookie }, setHost: false }, (res) =>
        res.on('data', (c: Buffer) => (events = Buffer.concat([events, c]))),
      );
      sse.on('error', () => undefined);
      sse.end();
      const rpc = async (name: string, input: unknown = {}) => {
        const r = await send(port, { method: 'POST', path: `/rpc/${name}`, headers, body: JSON.stringify(input) });
        bodies.push(Buffer.from(r.body));
        return JSON.parse(r.body) as { ok: boolean; value?: unknown; error?: { message: string } };
      };
      expect(await rpc('store.init')).toMatchObject({ ok: true });
      // Azure needs the injected credential of the in-process test; web mode would use DefaultAzureCredential.
      const sources = [...w.sources, ...(await echoSources())].filter((s) => s.type !== 'azure');
      for (const s of sources) expect(await rpc('source.add', s), s.name).toMatchObject({ ok: true });
      const runs = (await rpc('collect.run', {})) as { value: { source: string; status: string }[] };
      expect(runs.value.filter((r) => !r.source.startsWith('echo-')).every((r) => r.status === 'complete')).toBe(true);
      await rpc('source.test', { name: 'echo-mlflow-bearer' });
      const list = (await rpc('items.list', { limit: 5000 })) as { value: { rows: { seq: number }[] } };
      for (const row of list.value.rows) await rpc('items.show', { seq: row.seq });
      await rpc('runs.list', {});
      await rpc('source.list', {});
      const exported = (await rpc('export.bundle', { all: true, ...period, out: 'ignored: the host picks its folder' })) as {
        ok: boolean;
        value: { bundles: { bundleId: string }[] };
      };
      expect(exported.ok).toBe(true);
      for (const b of exported.value.bundles.slice(0, 3)) {
        for (const kind of ['zip', 'pdf']) {
          const r = await new Promise<Buffer>((resolve, reject) => {
            const req = request(
              { host: '127.0.0.1', port, path: `/download/${b.bundleId}/${kind}`, headers: { host, cookie }, setHost: false },
              (res) => {
                const chunks: Buffer[] = [];
                res.on('data', (c: Buffer) => chunks.push(c));
                res.on('end', () => resolve(Buffer.concat(chunks)));
              },
            );
            req.on('error', reject);
            req.end();
          });
          expect(r.length).toBeGreaterThan(1000);
          bodies.push(r);
        }
      }
      sse.destroy();
    } finally {
      await web.close();
    }
    // The web host keeps source credentials it was GIVEN in keys/credentials (mode 0600); these sources name
    // environment variables instead, so nothing there is exempt and the whole tree is scanned.
    const files = scanTree(home, w.canaries);
    const http = bodies.flatMap((b, i) => scanBytes(b, `HTTP answer ${i}`, w.canaries));
    const sseLeaks = scanBytes(events, 'SSE progress events', w.canaries);
    expect(events.length).toBeGreaterThan(0);
    report('canaries web mode', [...files.leaks, ...http, ...sseLeaks], w.canaries.length);
  });

  it('the CLI as cron runs it: add, collect (echoing servers too), source test, log, items, status, verify-store, export', async () => {
    const home = join(tmp.dir, 'cli');
    const out = join(tmp.dir, 'cli-exports');
    const echo = Object.fromEntries((await echoSources()).map((x) => [x.name, x.config]));
    const cfg = (n: string) => w.sources.find((x) => x.name === n)!.config;
    const flags = (c: Record<string, unknown>, map: Record<string, string>) =>
      Object.entries(map).flatMap(([flag, key]) =>
        c[key] === undefined ? [] : [`--${flag}`, Array.isArray(c[key]) ? (c[key] as string[]).join(',') : String(c[key])],
      );
    const mlflowFlags = { url: 'url', username: 'username', 'password-env': 'passwordEnv', 'token-env': 'tokenEnv' };
    const awsFlags = { endpoint: 'endpoint', regions: 'regions' };
    const wandbFlags = {
      host: 'host',
      'api-key-env': 'apiKeyEnv',
      teams: 'teams',
      organization: 'organization',
      'team-ttl-default': 'teamTtlDefault',
    };
    const steps: string[][] = [
      ['init'],
      ['source', 'add', 'mlflow', '--name', 'mlflow-basic', ...flags(cfg('mlflow-basic'), mlflowFlags)],
      ['source', 'add', 'mlflow', '--name', 'mlflow-bearer', ...flags(cfg('mlflow-bearer'), mlflowFlags)],
      ['source', 'add', 'aws', '--name', 'aws', ...flags(cfg('aws'), awsFlags)],
      ['source', 'add', 'wandb', '--name', 'wandb', ...flags(cfg('wandb'), wandbFlags)],
      ['source', 'add', 'mlflow', '--name', 'echo-mlflow-bearer', ...flags(echo['echo-mlflow-bearer']!, mlflowFlags)],
      ['source', 'add', 'mlflow', '--name', 'echo-401', ...flags(echo['echo-401']!, mlflowFlags)],
      ['source', 'add', 'aws', '--name', 'echo-aws', ...flags(echo['echo-aws']!, awsFlags)],
      ['source', 'add', 'wandb', '--name', 'echo-wandb', ...flags(echo['echo-wandb']!, wandbFlags)],
      ['collect'],
      ['source', 'test', 'echo-401'],
      ['source', 'test', 'echo-wandb'],
      ['log', '--limit', '500'],
      ['items'],
      ['status'],
      ['verify-store'],
      ['export', '--all', '--from', period.from, '--to', period.to, '--out', out],
    ];
    const printed: string[] = [];
    const codes: number[] = [];
    for (const args of steps) {
      const r = await runCli(['--home', home, ...args], w.env);
      printed.push(`$ ${args.join(' ')}\n${r.stdout}${r.stderr}`);
      codes.push(r.code);
    }
    const transcript = printed.join('\n');
    expect(codes.slice(0, 9), transcript).toEqual(Array(9).fill(0));
    expect(transcript).toMatch(/echo-aws \(aws\) run #\d+: (failed|partial)/);
    expect(codes.slice(-2), transcript).toEqual([0, 0]); // verify-store, export
    expect(scanTree(out, []).files, transcript).toBeGreaterThan(1);
    const files = scanTree(home, w.canaries);
    const bundles = scanTree(out, w.canaries);
    report('canaries cli', [...scanBytes(Buffer.from(transcript), 'CLI output', w.canaries), ...files.leaks, ...bundles.leaks], w.canaries.length);
  });
});
