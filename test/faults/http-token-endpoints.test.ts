import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gcpHarness, type GcpHarness } from '../fixtures/gcp/harness';
import { recordCounts } from './counts';
import { startFaultProxy, type Fault } from './http/fault-proxy';

// Issue 14: the OAuth token exchange is an HTTP call too, made by google-auth-library (gaxios) rather than our HTTP
// layer. Faults injected by the proxy in front of the GCP stub's /token: the run must fail with the reason, bounded.
let h: GcpHarness;
beforeAll(async () => {
  h = await gcpHarness();
});
afterAll(() => h?.close());

let n = 0;
async function collectWithToken(fault: Fault) {
  const proxy = await startFaultProxy(h.stub.url, [{ match: (r) => r.path === '/token', fault }]);
  try {
    const name = `gcp${++n}`;
    await h.call('source.add', { type: 'gcp', name, config: h.config({ tokenEndpoint: `${proxy.url}/token`, timeoutMs: 500 }) });
    const [run] = await h.call<{ status: string; reason: string | null; code: string | null }[]>('collect.run', { source: name });
    const v = await h.call<{ problems: unknown[] }>('store.verify');
    recordCounts(`gcp token ${fault.kind}`, { trials: 1, faults: proxy.injected(), corrupt: v.problems.length ? 1 : 0 });
    expect(v.problems).toEqual([]);
    return { run: run!, proxy };
  } finally {
    await proxy.close();
  }
}

describe('GCP token endpoint faults', () => {
  it('a token endpoint that never answers: the timeout fires (gaxios had none: the collection hung), the run fails saying so', async () => {
    const { run, proxy } = await collectWithToken({ kind: 'hang' });
    expect(run.status).toBe('failed');
    expect(run.reason).toMatch(/gcp\.iam: gcp source "gcp\d+": the token endpoint did not answer within 500 ms/);
    expect(proxy.injected()).toBeGreaterThanOrEqual(1);
    expect(proxy.injected()).toBeLessThanOrEqual(3);
  });

  it('a token endpoint that resets the connection or answers 503: the run fails with the reason', async () => {
    for (const fault of [{ kind: 'reset' }, { kind: 'status', status: 503 }] as Fault[]) {
      const { run } = await collectWithToken(fault);
      expect(run.status, fault.kind).toBe('failed');
      expect(run.reason, fault.kind).toMatch(
        fault.kind === 'reset' ? /could not reach the token endpoint \(ECONNRESET\)|access token/ : /token endpoint answered HTTP 503/,
      );
    }
  });
});
