import { readdirSync } from 'node:fs';
import yauzl from 'yauzl';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appearsInFiles, harness, outcome, readItems, type Harness, type RunSummary } from '../fixtures/mlflow/harness';
import { refusedPort } from '../fixtures/mlflow/local-server';
import { startWandbStub, type Fault, type WandbStub } from '../fixtures/wandb/stub';
import { defaultWorld } from '../fixtures/wandb/world';

/** A key shaped like a real one (40 hex), so only our scrubbing, not luck, keeps it out of messages. */
const KEY = '7f3a9c1e5b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a';
const WRONG = '0123456789abcdef0123456789abcdef01234567';
let h: Harness;
let stub: WandbStub | null = null;

beforeAll(async () => {
  h = await harness({ WANDB_API_KEY: KEY, WRONG_KEY: WRONG });
});
afterAll(() => h?.cleanup());
afterEach(async () => {
  expect(stub?.refused ?? []).toEqual([]);
  await stub?.close();
  stub = null;
});

let n = 0;
async function collect(faults: Record<string, Fault> = {}, config: Record<string, unknown> = {}): Promise<RunSummary> {
  stub ??= await startWandbStub({ world: defaultWorld(), apiKey: KEY, faults });
  const name = `bad${++n}`;
  await h.call('source.add', {
    type: 'wandb',
    name,
    config: { host: stub.url, apiKeyEnv: 'WANDB_API_KEY', teams: ['acme-ml'], organization: 'acme', pageSize: 1, ...config },
  });
  return (await h.call<RunSummary[]>('collect.run', { source: name }))[0]!;
}

/** Every entry of a ZIP, inflated and joined, read in-process (yauzl) so this unit test starts no `unzip`. */
function unzippedText(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const parts: Buffer[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          stream.on('data', (c: Buffer) => parts.push(c));
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.on('end', () => resolve(Buffer.concat(parts).toString('latin1')));
      zip.readEntry();
    });
  });
}

const itemsOf = (source: string) =>
  ['wandb.access', 'wandb.registry', 'wandb.retention', 'wandb.audit-log']
    .flatMap((k) => readItems(h.home, k))
    .filter((i) => i.ipe.source.name === source);

describe('bad answers fail one kind with the reason; the others continue; nothing bad is stored', () => {
  it('a repeated cursor stops the registry versions listing (registry and retention fail)', async () => {
    const run = await collect({ RegistryVersions: 'repeat-cursor' });
    for (const kind of ['wandb.registry', 'wandb.retention']) {
      expect(outcome(run, kind)).toMatchObject({
        completeness: 'failed',
        error: expect.stringMatching(/RegistryVersions\) repeated page token "bG9vcC1jdXJzb3I=" after page 2; stopped/),
      });
    }
    for (const kind of ['wandb.access', 'wandb.audit-log']) expect(outcome(run, kind).completeness).toBe('complete');
    expect(itemsOf(run.source)).toHaveLength(2);
  });

  it('a 200 with GraphQL errors[] fails that kind, with the server message', async () => {
    const run = await collect({ RegistryCollections: 'errors' });
    expect(outcome(run, 'wandb.registry')).toMatchObject({
      completeness: 'failed',
      error: expect.stringMatching(/GraphQL RegistryCollections answered errors: permission denied/),
    });
    expect(outcome(run, 'wandb.access').completeness).toBe('complete');
    expect(itemsOf(run.source)).toHaveLength(2);
  });

  it('HTML instead of JSON (a login page in the way)', async () => {
    const run = await collect({ GetTeamEntity: 'html' });
    expect(outcome(run, 'wandb.access')).toMatchObject({ completeness: 'failed', error: expect.stringMatching(/HTML page instead of JSON/) });
    for (const kind of ['wandb.registry', 'wandb.retention', 'wandb.audit-log']) expect(outcome(run, kind).completeness).toBe('complete');
  });

  it('HTML instead of audit-log JSON lines', async () => {
    const run = await collect({ '/admin/audit_logs': 'html' });
    expect(outcome(run, 'wandb.audit-log')).toMatchObject({
      completeness: 'failed',
      error: expect.stringMatching(/HTML page instead of JSON lines/),
    });
    expect(outcome(run, 'wandb.access').completeness).toBe('complete');
  });

  it('403 on the audit log (not Enterprise, or not an org admin) fails only wandb.audit-log', async () => {
    const run = await collect({ '/admin/audit_logs': 'forbidden' });
    expect(outcome(run, 'wandb.audit-log')).toMatchObject({
      completeness: 'failed',
      error: expect.stringMatching(/access denied \(HTTP 403\) for GET .*\/admin\/audit_logs/),
    });
    for (const kind of ['wandb.access', 'wandb.registry', 'wandb.retention']) expect(outcome(run, kind).completeness).toBe('complete');
  });

  it('429 with Retry-After is waited out and retried; the kind completes', async () => {
    const run = await collect({ FetchRegistries: { rateLimit: 1, retryAfter: '1' } });
    expect(run.status).toBe('complete');
    expect(stub!.calls.filter((c) => c === 'FetchRegistries').length).toBeGreaterThanOrEqual(2);
  });

  it('429 that never ends fails the kinds that need it after the retries', async () => {
    const run = await collect({ GetViewer: { rateLimit: 99, retryAfter: '0' } });
    expect(outcome(run, 'wandb.access')).toMatchObject({
      completeness: 'failed',
      error: expect.stringMatching(/HTTP 429 for POST .*\/graphql after retries/),
    });
    expect(outcome(run, 'wandb.registry').completeness).toBe('complete');
  });

  it('a hung answer trips the timeout for that kind only', async () => {
    const run = await collect({ RegistryCollections: 'hang' }, { timeoutMs: 300 });
    for (const kind of ['wandb.registry', 'wandb.retention'])
      expect(outcome(run, kind)).toMatchObject({ completeness: 'failed', error: expect.stringMatching(/no response within 300 ms .*timeout/) });
    expect(outcome(run, 'wandb.access').completeness).toBe('complete');
  });
});

describe('credentials', () => {
  it('a wrong key (401) fails every kind, naming the source, never echoing the key', async () => {
    const run = await collect({}, { apiKeyEnv: 'WRONG_KEY' });
    expect(run.status).toBe('failed');
    for (const o of run.outcomes) expect(o.error).toMatch(/wandb source "bad\d+": credentials rejected \(HTTP 401\)/);
    expect(JSON.stringify(run)).not.toContain(WRONG);
    const t = await h.call<{ ok: boolean; detail: string }>('source.test', { name: run.source });
    expect(t).toMatchObject({ ok: false, detail: expect.stringContaining('401') });
  });

  it('403 on a team query fails wandb.access only', async () => {
    const run = await collect({ GetTeamEntity: 'forbidden' });
    expect(outcome(run, 'wandb.access')).toMatchObject({ completeness: 'failed', error: expect.stringMatching(/access denied \(HTTP 403\)/) });
    expect(outcome(run, 'wandb.registry').completeness).toBe('complete');
  });

  it('a server that echoes the Authorization header in errors[]: the key never reaches a message', async () => {
    const run = await collect({ GetViewer: 'echo-key', FetchRegistries: 'echo-key' });
    expect(outcome(run, 'wandb.access').error).toMatch(/you sent authorization: \[REDACTED\]/);
    expect(JSON.stringify(run)).not.toContain(KEY);
    expect(JSON.stringify(run)).not.toContain(Buffer.from(`api:${KEY}`).toString('base64'));
  });

  it('an unset key variable is an environment error before any request', async () => {
    const run = await collect({}, { apiKeyEnv: 'NOT_SET_ANYWHERE' });
    expect(run.status).toBe('failed');
    expect(run.reason).toContain('NOT_SET_ANYWHERE');
  });

  it('a refused connection fails the run and leaves the store intact', async () => {
    const name = `bad${++n}`;
    await h.call('source.add', {
      type: 'wandb',
      name,
      config: { host: `http://127.0.0.1:${await refusedPort()}`, apiKeyEnv: 'WANDB_API_KEY', teams: ['acme-ml'] },
    });
    const [run] = await h.call<RunSummary[]>('collect.run', { source: name });
    expect(run!.status).toBe('failed');
    expect(run!.reason).toMatch(/connection refused/);
  });
});

describe('after all of the above', () => {
  it('the key is nowhere in the store, its WAL, the log, or an exported bundle; the store verifies', async () => {
    await collect();
    const out = join(h.home, 'bundles');
    await h.call('export.bundle', { criterion: 'CC6.2', from: '2026-01-01', to: '2100-12-31', out });
    await h.call('export.bundle', { criterion: 'CC7.2', from: '2026-01-01', to: '2100-12-31', out });
    const forms = [KEY, Buffer.from(`api:${KEY}`).toString('base64'), WRONG];
    for (const f of forms) expect(appearsInFiles(h.home, f), f).toBe(false);
    const zips = readdirSync(out).filter((f) => f.endsWith('.zip'));
    expect(zips.length).toBe(2);
    for (const z of zips) {
      const text = await unzippedText(join(out, z)); // the entries inflated: a deflated ZIP would hide a key from a byte search
      expect(text).toMatch(/wandb\.(access|audit-log)/);
      for (const f of forms) expect(text.includes(f), `${z}: ${f}`).toBe(false);
    }
    expect(await h.call('store.verify')).toMatchObject({ ok: true });
  });
});
