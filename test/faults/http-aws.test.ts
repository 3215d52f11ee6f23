import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusedPort } from '../fixtures/mlflow/local-server';
import { tempCore } from '../helpers/temp-store';
import { readItems, seedAccount, useAwsTestEnv } from '../integration/aws-helpers';
import { startMoto, type MotoServer } from '../setup/moto-server';
import { recordCounts } from './counts';
import { LOOP_TOKEN, startFaultProxy, type Fault, type FaultProxy, type Rule } from './http/fault-proxy';

// Issue 14: HTTP faults from a proxy in front of the REAL moto_server, through the AWS SDK v3 clients the collector
// uses. Retries are the SDK's own (maxAttempts 3); timeouts, the deadline and the body cap are its request handler's.
let moto: MotoServer;
let t: Awaited<ReturnType<typeof tempCore>>;
const LOG_GROUPS = 120; // DescribeLogGroups pages hold 50: three pages

beforeAll(async () => {
  useAwsTestEnv();
  moto = await startMoto();
  await seedAccount(moto.endpoint);
  const logs = new CloudWatchLogsClient({
    endpoint: moto.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  for (let i = 0; i < LOG_GROUPS - 2; i++)
    await logs.send(new CreateLogGroupCommand({ logGroupName: `/faults/group-${String(i).padStart(3, '0')}` }));
  logs.destroy();
  t = await tempCore();
});
afterAll(async () => {
  t?.cleanup();
  await moto?.stop();
});

interface Run {
  status: string;
  reason: string | null;
  outcomes: { kind: string; completeness: string; error?: string }[];
}
const kind = (r: Run, k: string) => r.outcomes.find((o) => o.kind === k)!;
const completeKinds = (r: Run) => r.outcomes.filter((o) => o.completeness === 'complete').map((o) => o.kind);
const ALL = ['aws.iam', 'aws.credential-report', 'aws.s3.retention', 'aws.logs.retention', 'aws.cloudtrail', 'aws.sagemaker.registry'];

let n = 0;
async function collectThrough(rules: Rule[], extra: Record<string, unknown> = {}, endpoint?: string): Promise<{ run: Run; proxy: FaultProxy }> {
  const proxy = await startFaultProxy(moto.endpoint, rules);
  try {
    const name = `aws${++n}`;
    await t.call('source.add', { type: 'aws', name, config: { endpoint: endpoint ?? proxy.url, regions: ['us-east-1'], ...extra } });
    const run = (await t.call<Run[]>('collect.run', { source: name }))[0]!;
    const v = await t.call<{ problems: unknown[] }>('store.verify');
    recordCounts(`aws ${name}`, { trials: 1, faults: endpoint ? 1 : proxy.injected(), corrupt: v.problems.length ? 1 : 0 });
    expect(v.problems).toEqual([]);
    return { run, proxy };
  } finally {
    await proxy.close();
  }
}

const on = (op: string, fault: Fault, nth?: (n: number) => boolean): Rule => ({ match: (r) => r.op === op && (!nth || nth(r.nth)), fault });
const hits = (p: FaultProxy, op: string) => p.log.filter((l) => l.op === op).length;
const throttled = JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' });

describe('AWS (moto) behind a fault proxy', () => {
  it('baseline: every kind complete through a proxy that injects nothing', async () => {
    const { run } = await collectThrough([]);
    expect(run.status).toBe('complete');
    expect(readItems(t.home, 'aws.logs.retention').at(-1)!.content.logGroups).toHaveLength(LOG_GROUPS);
  });

  it('429 with Retry-After in seconds, as a date, and absurd: the SDK retries a bounded 3 times, the kind fails, the others complete', async () => {
    for (const retryAfter of ['1', new Date(Date.now() + 2000).toUTCString(), '9'.repeat(30)]) {
      const { run, proxy } = await collectThrough([
        on('DescribeLogGroups', { kind: 'status', status: 429, headers: { 'retry-after': retryAfter }, body: throttled }),
      ]);
      expect(hits(proxy, 'DescribeLogGroups')).toBe(3);
      expect(kind(run, 'aws.logs.retention')).toMatchObject({
        completeness: 'failed',
        error: expect.stringMatching(/ThrottlingException.*gave up after 3 attempts/),
      });
      expect(completeKinds(run)).toEqual(ALL.filter((k) => k !== 'aws.logs.retention'));
    }
  });

  it('500 and 503 that never end: 3 attempts, the kind fails, the others complete', async () => {
    for (const status of [500, 503]) {
      const { run, proxy } = await collectThrough([on('GetAccountAuthorizationDetails', { kind: 'status', status, body: '<ErrorResponse/>' })]);
      expect(hits(proxy, 'GetAccountAuthorizationDetails')).toBe(3);
      expect(kind(run, 'aws.iam')).toMatchObject({ completeness: 'failed', error: expect.stringContaining('gave up after 3 attempts') });
      expect(completeKinds(run)).toEqual(ALL.filter((k) => k !== 'aws.iam'));
    }
  });

  it('connection reset on every attempt: 3 attempts, the kind fails, the others complete', async () => {
    const { run, proxy } = await collectThrough([on('GET /', { kind: 'reset' })]);
    expect(hits(proxy, 'GET /')).toBe(3);
    expect(kind(run, 'aws.s3.retention')).toMatchObject({ completeness: 'failed', error: expect.stringMatching(/ECONNRESET|socket hang up/) });
    expect(completeKinds(run)).toEqual(ALL.filter((k) => k !== 'aws.s3.retention'));
  });

  it('connection refused: every kind fails with the reason, nothing recorded', async () => {
    const before = readItems(t.home, 'aws.iam').length;
    const { run } = await collectThrough([], {}, `http://127.0.0.1:${await refusedPort()}`);
    expect(run.status).toBe('failed');
    expect(kind(run, 'aws.iam').error).toMatch(/ECONNREFUSED/);
    expect(readItems(t.home, 'aws.iam')).toHaveLength(before);
  });

  it('a server that never answers: the request timeout fires (it had none: the collection hung), bounded attempts', async () => {
    const { run, proxy } = await collectThrough([on('GetCallerIdentity', { kind: 'hang' })], { timeoutMs: 500 });
    expect(run.status).toBe('failed');
    expect(kind(run, 'aws.iam').error).toMatch(/GetCallerIdentity: TimeoutError/);
    expect(hits(proxy, 'GetCallerIdentity')).toBeLessThanOrEqual(3);
  });

  it('one operation that never answers: only its kind fails, the others complete', async () => {
    const { run } = await collectThrough([on('DescribeTrails', { kind: 'hang' })], { timeoutMs: 500 });
    expect(kind(run, 'aws.cloudtrail')).toMatchObject({ completeness: 'failed', error: expect.stringMatching(/TimeoutError/) });
    expect(completeKinds(run)).toEqual(ALL.filter((k) => k !== 'aws.cloudtrail'));
  });

  it('a body trickled a byte at a time (never silent for the 1.5 s timeout): the overall deadline ends each attempt', async () => {
    const { run, proxy } = await collectThrough([on('ListModelPackageGroups', { kind: 'trickle', intervalMs: 250 })], { timeoutMs: 1500 });
    expect(kind(run, 'aws.sagemaker.registry')).toMatchObject({
      completeness: 'failed',
      error: expect.stringMatching(/TimeoutError: .*6000 ms overall deadline/),
    });
    expect(hits(proxy, 'ListModelPackageGroups')).toBeLessThanOrEqual(3);
    expect(completeKinds(run)).toEqual(ALL.filter((k) => k !== 'aws.sagemaker.registry'));
  });

  it('an HTML page instead of the service answer: the kind fails, the others complete', async () => {
    const { run } = await collectThrough([on('ListModelPackageGroups', { kind: 'html' })]);
    expect(kind(run, 'aws.sagemaker.registry').completeness).toBe('failed');
    expect(completeKinds(run)).toEqual(ALL.filter((k) => k !== 'aws.sagemaker.registry'));
  });

  it('a 200 MB body, declared and chunked: refused or cut off at the 64 MiB cap (the SDK would buffer it all), the others complete', async () => {
    for (const declareLength of [true, false]) {
      const { run } = await collectThrough([on('DescribeLogGroups', { kind: 'huge', bytes: 200 * 1024 * 1024, declareLength })]);
      expect(kind(run, 'aws.logs.retention')).toMatchObject({
        completeness: 'failed',
        error: expect.stringMatching(/ResponseTooLarge: .*67108864-byte size cap/),
      });
      expect(completeKinds(run)).toEqual(ALL.filter((k) => k !== 'aws.logs.retention'));
    }
  });

  it('a cursor loop (the same nextToken every page): stopped at the repeat (it looped forever), the kind fails, the others complete', async () => {
    const { run, proxy } = await collectThrough([on('DescribeLogGroups', { kind: 'loop-token', field: 'nextToken' })]);
    expect(kind(run, 'aws.logs.retention')).toMatchObject({
      completeness: 'failed',
      error: expect.stringContaining(`DescribeLogGroups repeated page token "${LOOP_TOKEN}" after page 2`),
    });
    expect(hits(proxy, 'DescribeLogGroups')).toBe(2);
    expect(completeKinds(run)).toEqual(ALL.filter((k) => k !== 'aws.logs.retention'));
  });

  it('page 3 failing twice (503) then succeeding: the SDK retries in place, the kind completes with every log group', async () => {
    const { run, proxy } = await collectThrough([
      on('DescribeLogGroups', { kind: 'status', status: 503, body: throttled }, (i) => i === 3 || i === 4),
    ]);
    expect(proxy.log.filter((l) => l.op === 'DescribeLogGroups').map((l) => l.fault)).toEqual([null, null, 'status', 'status', null]);
    expect(run.status).toBe('complete');
    expect(readItems(t.home, 'aws.logs.retention').at(-1)!.content.logGroups).toHaveLength(LOG_GROUPS);
  });
});
