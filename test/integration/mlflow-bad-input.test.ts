import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../cli/main';
import type { CliIo } from '../../cli/command';
import { startFaultProxy, type Fault } from '../fixtures/mlflow/fault-proxy';
import { appearsInFiles, harness, outcome, type Harness, type RunSummary } from '../fixtures/mlflow/harness';
import { refusedPort, startLocalServer, type LocalServer } from '../fixtures/mlflow/local-server';
import { passwordFor } from '../fixtures/mlflow/rest';
import { tempDir } from '../helpers/temp-store';

const { server } = inject('mlflow3');
const WRONG = 'Wr0ng-password-that-must-not-leak';
let h: Harness;
let proxy: LocalServer | null = null;

beforeAll(async () => {
  h = await harness({ MLFLOW_PASSWORD: server.admin.password, WRONG_PASSWORD: WRONG, CAROL_PASSWORD: passwordFor('carol') });
});
afterAll(() => h?.cleanup());
afterEach(async () => {
  await proxy?.close();
  proxy = null;
});

let n = 0;
/** Adds a source (through a fault proxy in front of the real server unless `url` is given) and collects it. */
async function collectVia(opts: {
  faults?: Record<string, Fault>;
  url?: string;
  user?: string;
  passwordEnv?: string;
  extra?: Record<string, unknown>;
}): Promise<RunSummary> {
  if (!opts.url) proxy = await startFaultProxy(server.url, opts.faults);
  const name = `s${++n}`;
  const config = {
    url: opts.url ?? proxy!.url,
    username: opts.user ?? server.admin.username,
    passwordEnv: opts.passwordEnv ?? 'MLFLOW_PASSWORD',
    pageSize: 5,
    ...opts.extra,
  };
  await h.call('source.add', { type: 'mlflow', name, config });
  return (await h.call<RunSummary[]>('collect.run', { source: name }))[0]!;
}

async function storeVerifies(): Promise<void> {
  const v = await h.call<{ ok: boolean; problems: unknown[] }>('store.verify');
  expect(v.problems).toEqual([]);
}

const hitsOn = (endpoint: string) => proxy!.hits.filter((x) => x.url.includes(endpoint)).length;

describe('credentials', () => {
  it('a wrong password (401) fails the run after one attempt, naming the source, never echoing the secret', async () => {
    const run = await collectVia({ passwordEnv: 'WRONG_PASSWORD' });
    expect(run.status).toBe('failed');
    expect(run.reason).toMatch(/mlflow source "s\d+": credentials rejected \(HTTP 401\)/);
    expect(proxy!.hits).toHaveLength(1);
    expect(JSON.stringify(run)).not.toContain(WRONG);
    const t = await h.call<{ ok: boolean; detail: string }>('source.test', { name: run.source });
    expect(t).toMatchObject({ ok: false });
    expect(t.detail).toContain('401');
    expect(appearsInFiles(h.home, WRONG)).toBe(false);
    await storeVerifies();
  });

  it('a non-admin (403 on users/list) fails only mlflow.access, after one attempt; the other kinds complete', async () => {
    const run = await collectVia({ user: 'carol', passwordEnv: 'CAROL_PASSWORD' });
    const access = outcome(run, 'mlflow.access');
    expect(access.completeness).toBe('failed');
    expect(access.error).toMatch(/mlflow source "s\d+": access denied \(HTTP 403\)/);
    expect(hitsOn('/users/list')).toBe(1);
    for (const kind of ['mlflow.registry', 'mlflow.lineage', 'mlflow.retention']) expect(outcome(run, kind).completeness).toBe('complete');
    expect(run.status).toBe('partial');
    expect(appearsInFiles(h.home, passwordFor('carol'))).toBe(false);
    await storeVerifies();
  });

  it('a password variable that is not set is an environment error, not a request', async () => {
    const run = await collectVia({ passwordEnv: 'NOT_SET_ANYWHERE' });
    expect(run.status).toBe('failed');
    expect(run.reason).toContain('NOT_SET_ANYWHERE');
    expect(proxy!.hits).toHaveLength(0);
  });
});

describe('server down or hung', () => {
  it('a refused connection fails the run (after retries) and leaves the store intact', async () => {
    const run = await collectVia({ url: `http://127.0.0.1:${await refusedPort()}` });
    expect(run.status).toBe('failed');
    expect(run.reason).toMatch(/connection refused/);
    await storeVerifies();
  });

  it('a server that accepts and never answers trips the timeout; the run is failed and the store intact', async () => {
    const hung = await startLocalServer(() => undefined);
    try {
      const run = await collectVia({ url: hung.url, extra: { timeoutMs: 400 } });
      expect(run.status).toBe('failed');
      expect(run.reason).toMatch(/no response within 400 ms.*timeout/);
      expect(hung.hits).toHaveLength(1);
    } finally {
      await hung.close();
    }
    await storeVerifies();
  });
});

describe('bad bodies fail one kind; the others continue', () => {
  it('an HTML page from users/list', async () => {
    const run = await collectVia({ faults: { '/users/list': 'html' } });
    expect(outcome(run, 'mlflow.access')).toMatchObject({ completeness: 'failed', error: expect.stringMatching(/HTML page instead of JSON/) });
    for (const kind of ['mlflow.registry', 'mlflow.lineage', 'mlflow.retention']) expect(outcome(run, kind).completeness).toBe('complete');
    await storeVerifies();
  });

  it('a truncated JSON body from experiments/search', async () => {
    const run = await collectVia({ faults: { '/experiments/search': 'truncated' } });
    expect(outcome(run, 'mlflow.retention')).toMatchObject({ completeness: 'failed', error: expect.stringMatching(/invalid or truncated JSON/) });
    for (const kind of ['mlflow.registry', 'mlflow.lineage']) expect(outcome(run, kind).completeness).toBe('complete');
    await storeVerifies();
  });

  it('a body far over the size cap from runs/get', async () => {
    const run = await collectVia({ faults: { '/runs/get': 'oversize' }, extra: { maxResponseBytes: 1024 * 1024 } });
    expect(outcome(run, 'mlflow.lineage')).toMatchObject({ completeness: 'failed', error: expect.stringMatching(/over the 1048576-byte size cap/) });
    for (const kind of ['mlflow.registry', 'mlflow.access', 'mlflow.retention']) expect(outcome(run, kind).completeness).toBe('complete');
    await storeVerifies();
  });

  it('a repeated page token from model-versions/search fails registry and lineage (which needs it), naming the token', async () => {
    const run = await collectVia({ faults: { '/model-versions/search': 'repeat-token' } });
    for (const kind of ['mlflow.registry', 'mlflow.lineage']) {
      expect(outcome(run, kind)).toMatchObject({
        completeness: 'failed',
        error: expect.stringMatching(/model-versions\/search repeated page token "bG9vcC10b2tlbg==" after page 2/),
      });
    }
    for (const kind of ['mlflow.access', 'mlflow.retention']) expect(outcome(run, kind).completeness).toBe('complete');
    await storeVerifies();
  });
});

describe('CLI usage errors exit 2 with a message', () => {
  function io(): CliIo & { text: () => string } {
    const lines: string[] = [];
    return { out: (t) => void lines.push(t), err: (t) => void lines.push(t), status: () => undefined, isTTY: false, text: () => lines.join('\n') };
  }
  const env = { MLFLOW_PASSWORD: 'x' };
  // The CLI gets its own home: the harness core keeps its store open.
  const cli = tempDir('el-mlflow-cli-');
  afterAll(() => cli.cleanup());
  beforeAll(async () => {
    expect(await main(['init', '--home', cli.dir], io(), env)).toBe(0);
  });

  it('an invalid URL', async () => {
    const out = io();
    expect(await main(['source', 'add', 'mlflow', '--name', 'bad', '--url', 'not a url', '--home', cli.dir], out, env)).toBe(2);
    expect(out.text()).toMatch(/Invalid mlflow source config: url/);
  });

  it('a URL with credentials in it is refused without echoing them', async () => {
    const out = io();
    expect(await main(['source', 'add', 'mlflow', '--name', 'bad', '--url', 'http://u:s3cr3t@127.0.0.1:1', '--home', cli.dir], out, env)).toBe(2);
    expect(out.text()).toContain('must not contain credentials');
    expect(out.text()).not.toContain('s3cr3t');
  });

  it('an unknown flag', async () => {
    const out = io();
    expect(await main(['source', 'add', 'mlflow', '--name', 'bad', '--url', server.url, '--frobnicate', 'x', '--home', cli.dir], out, env)).toBe(2);
    expect(out.text()).toMatch(/frobnicate/);
  });

  it('collect exits 1 when the run failed', async () => {
    const port = await refusedPort();
    const out = io();
    expect(await main(['source', 'add', 'mlflow', '--name', 'down', '--url', `http://127.0.0.1:${port}`, '--home', cli.dir], out, env)).toBe(0);
    expect(await main(['collect', '--source', 'down', '--home', cli.dir], out, env)).toBe(1);
    expect(out.text()).toMatch(/down \(mlflow\) run #\d+: failed/);
  });
});
