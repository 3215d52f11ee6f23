import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readItems } from '../fixtures/mlflow/harness';
import { refusedPort } from '../fixtures/mlflow/local-server';
import { recordCounts } from './counts';
import { LOOP_TOKEN, type Fault, type Rule } from './http/fault-proxy';
import { collectThrough, kindsOf, outcome, startMlflowTarget, type Collected, type MlflowTarget } from './http/mlflow-target';

// Issue 14: HTTP faults from a proxy in front of the REAL MLflow 3.x server. Expected: bounded retries, timeouts
// fire, the kind is partial or failed with the reason, the other kinds continue, the store stays intact.
let t: MlflowTarget;
const ALL = ['mlflow.registry', 'mlflow.lineage', 'mlflow.access', 'mlflow.retention'];

beforeAll(async () => {
  t = await startMlflowTarget();
});
afterAll(() => t?.stop());

const on = (suffix: string, fault: Fault, nth?: (n: number) => boolean): Rule => ({
  match: (r) => r.path.endsWith(suffix) && (!nth || nth(r.nth)),
  fault,
});
const hits = (c: Collected, suffix: string) => c.proxy.log.filter((l) => l.op.endsWith(suffix)).length;

/** Counts the trial, then asserts the store survived (counted as corrupt before the assertion can fail). */
function settle(name: string, c: Collected): void {
  recordCounts(name, { trials: 1, faults: c.proxy.injected(), corrupt: c.problems ? 1 : 0 });
  expect(c.problems).toBe(0);
}

describe('MLflow behind a fault proxy', () => {
  let baselineVersions = 0;
  it('baseline: every kind complete through a proxy that injects nothing', async () => {
    const c = await collectThrough(t, []);
    settle('mlflow baseline', c);
    expect(c.run.status).toBe('complete');
    const reg = readItems(t.h.home, 'mlflow.registry').at(-1)!;
    baselineVersions = reg.content.models.reduce((n: number, m: { versions: unknown[] }) => n + m.versions.length, 0);
    expect(baselineVersions).toBeGreaterThan(10);
  });

  it('429 with Retry-After in seconds, twice, then an answer: honoured, the kind completes', async () => {
    const c = await collectThrough(t, [
      on('/registered-models/search', { kind: 'status', status: 429, headers: { 'retry-after': '1' } }, (n) => n <= 2),
    ]);
    settle('mlflow 429 seconds', c);
    expect(c.proxy.injected()).toBe(2);
    expect(c.run.status).toBe('complete');
  });

  it('429 with Retry-After as an HTTP date: honoured, the kind completes', async () => {
    const date = () => new Date(Date.now() + 1000).toUTCString();
    const c = await collectThrough(t, [
      {
        match: (r) => r.path.endsWith('/experiments/search') && r.nth === 1,
        fault: {
          kind: 'status',
          status: 429,
          get headers() {
            return { 'retry-after': date() };
          },
        },
      },
    ]);
    settle('mlflow 429 date', c);
    expect(c.proxy.injected()).toBe(1);
    expect(c.run.status).toBe('complete');
  });

  it('429 with an absurd Retry-After (seconds and a far date): one attempt, the kind fails saying so, the others complete', async () => {
    for (const value of ['9'.repeat(30), 'Fri, 31 Dec 9999 23:59:59 GMT']) {
      const c = await collectThrough(t, [on('/users/list', { kind: 'status', status: 429, headers: { 'retry-after': value } })]);
      settle('mlflow 429 absurd', c);
      expect(hits(c, '/users/list')).toBe(1);
      expect(outcome(c.run, 'mlflow.access')).toMatchObject({
        completeness: 'failed',
        error: expect.stringMatching(/asked to retry after .*Retry-After.*not retried/),
      });
      expect(kindsOf(c.run, 'complete')).toEqual(ALL.filter((k) => k !== 'mlflow.access'));
      expect(c.run.status).toBe('partial');
    }
  });

  it('500 and 503 that never end: bounded attempts (4), the kind fails naming the status, the others complete', async () => {
    for (const status of [500, 503]) {
      const c = await collectThrough(t, [on('/model-versions/search', { kind: 'status', status })]);
      settle(`mlflow ${status}`, c);
      expect(hits(c, '/model-versions/search')).toBe(4);
      for (const kind of ['mlflow.registry', 'mlflow.lineage'])
        expect(outcome(c.run, kind)).toMatchObject({ completeness: 'failed', error: expect.stringContaining(`HTTP ${status}`) });
      expect(outcome(c.run, 'mlflow.retention').completeness).toBe('complete');
    }
  });

  it('connection reset on every attempt: bounded, the kind fails "connection reset", the others complete', async () => {
    const c = await collectThrough(t, [on('/experiments/search', { kind: 'reset' })]);
    settle('mlflow reset', c);
    expect(hits(c, '/experiments/search')).toBe(4);
    expect(outcome(c.run, 'mlflow.retention')).toMatchObject({ completeness: 'failed', error: expect.stringMatching(/connection (reset|closed)/) });
    expect(outcome(c.run, 'mlflow.registry').completeness).toBe('complete');
  });

  it('connection refused: the run fails once with the reason, nothing recorded', async () => {
    const before = readItems(t.h.home, 'mlflow.registry').length;
    const c = await collectThrough(t, [], {}, `http://127.0.0.1:${await refusedPort()}`);
    recordCounts('mlflow refused', { trials: 1, faults: 1, corrupt: c.problems ? 1 : 0 });
    expect(c.run).toMatchObject({ status: 'failed', reason: expect.stringMatching(/connection refused/) });
    expect(readItems(t.h.home, 'mlflow.registry')).toHaveLength(before);
    expect(c.problems).toBe(0);
  });

  it('a server that never answers: the timeout fires on /version, the run fails once', async () => {
    const c = await collectThrough(t, [on('/version', { kind: 'hang' })], { timeoutMs: 500 });
    settle('mlflow hang', c);
    expect(c.run).toMatchObject({ status: 'failed', reason: expect.stringMatching(/no response within 500 ms .*timeout/) });
    expect(hits(c, '/version')).toBe(1);
  });

  it('one endpoint that never answers: only its kind fails, the others complete', async () => {
    const c = await collectThrough(t, [on('/users/list', { kind: 'hang' })], { timeoutMs: 500 });
    settle('mlflow hang one', c);
    expect(outcome(c.run, 'mlflow.access')).toMatchObject({ completeness: 'failed', error: expect.stringMatching(/timeout/) });
    expect(kindsOf(c.run, 'complete')).toEqual(ALL.filter((k) => k !== 'mlflow.access'));
  });

  it('a body trickled a byte at a time (never silent for the 1.5 s timeout): the overall deadline ends it', async () => {
    const c = await collectThrough(t, [on('/registered-models/search', { kind: 'trickle', intervalMs: 250 })], { timeoutMs: 1500 });
    settle('mlflow trickle', c);
    for (const kind of ['mlflow.registry', 'mlflow.lineage'])
      expect(outcome(c.run, kind)).toMatchObject({
        completeness: 'failed',
        error: expect.stringMatching(/not complete within 6000 ms \(overall deadline/),
      });
    expect(outcome(c.run, 'mlflow.retention').completeness).toBe('complete');
  });

  it('an HTML login page instead of JSON: the kind fails naming it, the others complete', async () => {
    const c = await collectThrough(t, [on('/experiments/search', { kind: 'html' })]);
    settle('mlflow html', c);
    expect(outcome(c.run, 'mlflow.retention')).toMatchObject({ completeness: 'failed', error: expect.stringMatching(/HTML page instead of JSON/) });
    expect(outcome(c.run, 'mlflow.registry').completeness).toBe('complete');
  });

  it('a 200 MB body, declared and chunked: refused or cut off at the default 64 MiB cap, the others complete', async () => {
    const MB200 = 200 * 1024 * 1024;
    for (const declareLength of [true, false]) {
      const c = await collectThrough(t, [on('/registered-models/search', { kind: 'huge', bytes: MB200, declareLength })]);
      settle(`mlflow 200MB ${declareLength ? 'declared' : 'chunked'}`, c);
      const why = declareLength ? `declares ${MB200} bytes, over the 67108864-byte size cap` : 'over the 67108864-byte size cap; stopped reading';
      expect(outcome(c.run, 'mlflow.registry')).toMatchObject({ completeness: 'failed', error: expect.stringContaining(why) });
      expect(outcome(c.run, 'mlflow.retention').completeness).toBe('complete');
    }
  });

  it('a cursor loop (the same next_page_token every page): stopped at the repeat, the kind fails, the others complete', async () => {
    const c = await collectThrough(t, [on('/registered-models/search', { kind: 'loop-token', field: 'next_page_token' })]);
    settle('mlflow cursor loop', c);
    expect(outcome(c.run, 'mlflow.registry')).toMatchObject({
      completeness: 'failed',
      error: expect.stringContaining(`repeated page token "${LOOP_TOKEN}"`),
    });
    expect(hits(c, '/registered-models/search')).toBe(2);
    expect(outcome(c.run, 'mlflow.retention').completeness).toBe('complete');
  });

  it('page 3 failing twice (503) then succeeding: retried in place, the kind completes with every record', async () => {
    const c = await collectThrough(t, [on('/model-versions/search', { kind: 'status', status: 503 }, (n) => n === 3 || n === 4)]);
    settle('mlflow page 3', c);
    const pages = c.proxy.log.filter((l) => l.op.endsWith('/model-versions/search'));
    expect(pages.map((p) => p.fault)).toEqual([null, null, 'status', 'status', null, ...pages.slice(5).map(() => null)]);
    expect(new Set(pages.slice(2, 5).map((p) => p.pageToken)).size).toBe(1); // the same page asked three times
    expect(c.run.status).toBe('complete');
    const reg = readItems(t.h.home, 'mlflow.registry').at(-1)!;
    expect(reg.content.models.reduce((n: number, m: { versions: unknown[] }) => n + m.versions.length, 0)).toBe(baselineVersions);
  });
});
