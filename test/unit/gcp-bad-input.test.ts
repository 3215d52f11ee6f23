import { generateKeyPairSync } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gcpHarness, type GcpHarness } from '../fixtures/gcp/harness';
import { buckets } from '../fixtures/gcp/shapes';

/**
 * Every bad answer a Google API can give, each on its own: what the kind becomes (failed or partial, with the
 * reason), that nothing is recorded from a bad response, and that no token or key reaches anything stored.
 */
interface Outcome {
  kind: string;
  completeness: string;
  error?: string;
}
interface Run {
  status: string;
  reason: string | null;
  outcomes: Outcome[];
}

let h: GcpHarness;
const texts: string[] = [];
const items = async () => (await h.call<{ total: number }>('items.list', {})).total;
async function collect(kinds?: string[]): Promise<Outcome[]> {
  const [run] = await h.call<Run[]>('collect.run', { source: 'prod', ...(kinds ? { kinds } : {}) });
  texts.push(JSON.stringify(run));
  return run!.outcomes;
}
const googleError = (code: number, status: string) => ({ error: { code, status, message: `stub says ${status}` } });

beforeAll(async () => {
  h = await gcpHarness();
  await h.call('source.add', { type: 'gcp', name: 'prod', config: h.config({ timeoutMs: 5000 }) });
});
beforeEach(() => (h.stub.state.faults = []));
afterAll(() => h?.close());

describe('credentials', () => {
  it('401 from the API: the kind fails naming the refused credential, later kinds are skipped, nothing stored', async () => {
    const before = await items();
    h.stub.state.faults.push({ match: /^POST \/v3\/projects\/.*:getIamPolicy$/, status: 401, body: googleError(401, 'UNAUTHENTICATED') });
    const [iam, storage] = await collect(['gcp.iam', 'gcp.storage.retention']);
    expect(iam).toMatchObject({
      completeness: 'failed',
      error: expect.stringContaining(`Google rejected the access token of service account ${h.key.clientEmail}`),
    });
    expect(iam!.error).toContain('(HTTP 401)');
    expect(storage).toMatchObject({ completeness: 'failed', error: expect.stringContaining('skipped after a credential failure') });
    expect(await items()).toBe(before);
  });

  it('a key the token endpoint refuses (invalid_grant): every kind fails naming the key, nothing stored', async () => {
    const before = await items();
    const real = h.stub.state.publicKeyPem;
    h.stub.state.publicKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    try {
      const outcomes = await collect();
      expect(outcomes.every((o) => o.completeness === 'failed')).toBe(true);
      expect(outcomes[0]!.error).toMatch(
        /could not get an access token for service account evidence-reader@.*\(key file .*sa-key\.json\).*invalid_grant/,
      );
    } finally {
      h.stub.state.publicKeyPem = real;
    }
    expect(await items()).toBe(before);
  });

  it('403 on the project policy: gcp.iam fails as access denied for that credential; the others still run', async () => {
    h.stub.state.faults.push({ match: /:getIamPolicy$/, status: 403, body: googleError(403, 'PERMISSION_DENIED') });
    const [iam, storage] = await collect(['gcp.iam', 'gcp.storage.retention']);
    expect(iam).toMatchObject({
      completeness: 'failed',
      error: expect.stringMatching(/access denied \(HTTP 403\).*service account evidence-reader@.* lacks the permission: PERMISSION_DENIED/),
    });
    expect(storage!.completeness).toBe('complete');
  });

  it("403 on one bucket's IAM policy: the storage kind is partial and names the call and the bucket", async () => {
    h.stub.state.faults.push({ match: /^GET \/storage\/v1\/b\/acme-scratch\/iam$/, status: 403, body: googleError(403, 'PERMISSION_DENIED') });
    const [storage] = await collect(['gcp.storage.retention']);
    expect(storage).toMatchObject({ completeness: 'partial', error: expect.stringContaining('storage.buckets.getIamPolicy on bucket acme-scratch') });
  });
});

describe('throttling, server errors and broken answers', () => {
  it('429 with Retry-After: waits as told, retries, and the kind completes', async () => {
    h.stub.state.faults.push({
      match: /^GET \/storage\/v1\/b$/,
      status: 429,
      body: googleError(429, 'RESOURCE_EXHAUSTED'),
      headers: { 'retry-after': '1' },
    });
    const [storage] = await collect(['gcp.storage.retention']);
    expect(storage!.completeness).toBe('complete');
    const lists = h.stub.hits.filter((x) => x.path.startsWith('/storage/v1/b?')).slice(-2);
    expect(lists[1]!.at - lists[0]!.at).toBeGreaterThanOrEqual(950); // the server's Retry-After, not our backoff
  });

  it('429 that never ends: the kind fails after the retries, with the status named; nothing stored', async () => {
    const before = await items();
    h.stub.state.faults.push({
      match: /\/models$/,
      status: 429,
      times: 10,
      body: googleError(429, 'RESOURCE_EXHAUSTED'),
      headers: { 'retry-after': '0' },
    });
    const [vertex] = await collect(['gcp.vertex.registry']);
    expect(vertex).toMatchObject({ completeness: 'failed', error: expect.stringMatching(/HTTP 429 .*after retries.*RESOURCE_EXHAUSTED/) });
    expect(await items()).toBe(before);
  });

  it('5xx: one 503 is retried away; a lasting 500 fails the kind', async () => {
    h.stub.state.faults.push({ match: /:getIamPolicy$/, status: 503, body: googleError(503, 'UNAVAILABLE'), headers: { 'retry-after': '0' } });
    expect((await collect(['gcp.iam']))[0]!.completeness).toBe('complete');
    h.stub.state.faults.push({
      match: /:getIamPolicy$/,
      status: 500,
      times: 10,
      body: googleError(500, 'INTERNAL'),
      headers: { 'retry-after': '0' },
    });
    expect((await collect(['gcp.iam']))[0]).toMatchObject({ completeness: 'failed', error: expect.stringContaining('HTTP 500') });
  });

  it('a nextPageToken that repeats: the listing stops and the kind fails, nothing of it stored', async () => {
    const before = await items();
    h.stub.state.faults.push({
      match: /^GET \/storage\/v1\/b$/,
      status: 200,
      times: 5,
      body: { kind: 'storage#buckets', items: [buckets()[0]], nextPageToken: 'again' },
    });
    const [storage] = await collect(['gcp.storage.retention']);
    expect(storage).toMatchObject({ completeness: 'failed', error: expect.stringContaining('repeated page token "again"') });
    expect(await items()).toBe(before);
  });

  it('an HTML page with status 200 (a proxy login page): the kind fails saying so', async () => {
    h.stub.state.faults.push({ match: /\/models$/, status: 200, body: '<!doctype html><html><body>Sign in</body></html>' });
    const [vertex] = await collect(['gcp.vertex.registry']);
    expect(vertex).toMatchObject({ completeness: 'failed', error: expect.stringContaining('an HTML page instead of JSON') });
  });

  it('a bucket whose int64 arrives as an unsafe JSON number is refused, not rounded', async () => {
    const bad = { ...buckets()[0], retentionPolicy: { retentionPeriod: 'UNSAFE', isLocked: false } };
    h.stub.state.faults.push({
      match: /^GET \/storage\/v1\/b$/,
      status: 200,
      body: JSON.stringify({ items: [bad] }).replace('"UNSAFE"', '9007199254740993'),
    }); // 2^53 + 1
    h.stub.state.faults[0]!.headers = { 'content-type': 'application/json' };
    const [storage] = await collect(['gcp.storage.retention']);
    expect(storage).toMatchObject({ completeness: 'failed', error: expect.stringContaining('must arrive as a string') });
  });
});

describe('no token or key anywhere', () => {
  it('not in the database, its WAL, the log, run outcomes or an exported bundle', async () => {
    expect(h.stub.issued.length).toBeGreaterThan(5);
    const secrets = [...h.stub.issued, ...h.key.secrets];
    const log = JSON.stringify(await h.call('log.list', { limit: 1000 }));
    const out = join(h.dir, 'bundles');
    const today = new Date().toISOString().slice(0, 10);
    const { bundles } = await h.call<{ bundles: { path: string; pdfPath: string }[] }>('export.bundle', {
      criterion: 'CC6.1',
      from: '2026-01-01',
      to: today,
      out,
    });
    const zip = execFileSync('unzip', ['-p', bundles[0]!.path], { maxBuffer: 64 * 1024 * 1024 }).toString('latin1');
    const pdf = execFileSync('pdftotext', [bundles[0]!.pdfPath, '-']).toString();
    expect(pdf).toContain('gcp.iam');
    const places: [string, string][] = [
      ['store', h.storeBytes().toString('latin1')],
      ['log', log],
      ['outcomes', texts.join('\n')],
      ['zip', zip],
      ['pdf', pdf],
    ];
    for (const [where, text] of places) for (const s of secrets) expect(text.includes(s), `${where} holds ${s.slice(0, 10)}…`).toBe(false);
  });
});
