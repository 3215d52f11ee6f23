import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ARM_TOKEN, startArmStub, type ArmStub } from '../fixtures/azure/arm-stub';
import { azureCore, fakeCredential, stubConfig, type AzureHarness } from '../fixtures/azure/harness';

/** Each bad answer a real ARM can give, one at a time: the kind is partial or failed with the reason, and nothing of the bad response is stored. */
let stub: ArmStub;
let h: AzureHarness;
type Outcome = { kind: string; completeness: string; error?: string };
type Run = { status: string; reason: string | null; code: string | null; outcomes: Outcome[] };

async function collect(): Promise<Run> {
  const [run] = await h.call<Run[]>('collect.run', { source: 'prod' });
  return run!;
}
const outcome = (run: Run, kind: string) => run.outcomes.find((o) => o.kind === kind)!;
const count = async (kind: string) => (await h.call<{ total: number }>('items.list', { kind })).total;
const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () => ({ status, body, headers });

beforeAll(async () => {
  stub = await startArmStub();
});
afterAll(async () => (h?.cleanup(), await stub.close()));
beforeEach(async () => {
  stub.reset();
  h?.cleanup();
  h = await azureCore(stub);
  await h.call('source.add', { type: 'azure', name: 'prod', config: stubConfig(stub) });
});

describe('credentials', () => {
  it('no token at all (DefaultAzureCredential found nothing): the run fails once, AUTH_FAILED, naming what to do', async () => {
    h.cleanup();
    const err = Object.assign(
      new Error(
        'DefaultAzureCredential failed to retrieve a token from the included credentials. EnvironmentCredential is unavailable. AzureCliCredential: Please run az login.',
      ),
      { name: 'CredentialUnavailableError' },
    );
    h = await azureCore(stub, fakeCredential({ fail: err }));
    await h.call('source.add', { type: 'azure', name: 'prod', config: stubConfig(stub) });
    const run = await collect();
    expect(run).toMatchObject({ status: 'failed', code: 'AUTH_FAILED' });
    expect(run.reason).toMatch(/no Azure token .*CredentialUnavailableError.*az login/);
    expect(stub.requests).toHaveLength(0);
  });

  it('401 (token rejected): the kind fails naming the credential, later kinds are skipped, nothing is stored', async () => {
    h.cleanup();
    h = await azureCore(stub, fakeCredential({ armToken: 'eyJ-expired-token' }));
    await h.call('source.add', { type: 'azure', name: 'prod', config: stubConfig(stub) });
    const run = await collect();
    expect(run.status).toBe('failed');
    expect(outcome(run, 'azure.rbac').error).toMatch(/Azure rejected the credential \(HTTP 401\).*az login/);
    expect(outcome(run, 'azure.storage.retention').error).toMatch(/skipped after the credential was rejected/);
    expect(await count('azure.rbac')).toBe(0);
  });

  it('403 on the main listing: that kind fails naming AuthorizationFailed; the others are collected', async () => {
    stub.faults.push({
      match: /roleAssignments/,
      reply: json(403, {
        error: {
          code: 'AuthorizationFailed',
          message: "The client 'x' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/read'.",
        },
      }),
    });
    const run = await collect();
    expect(outcome(run, 'azure.rbac')).toMatchObject({
      completeness: 'failed',
      error: expect.stringMatching(/access denied \(HTTP 403\).*AuthorizationFailed/),
    });
    expect(outcome(run, 'azure.storage.retention').completeness).toBe('complete');
    expect([await count('azure.rbac'), await count('azure.ml.registry')]).toEqual([0, 1]);
  });

  it('403 on one account setting: partial, naming the call and the account; the rest is stored', async () => {
    stub.faults.push({
      match: /mldata01\/blobServices\/default\?/,
      reply: json(403, { error: { code: 'AuthorizationFailed', message: 'no read on blob service' } }),
    });
    const run = await collect();
    expect(outcome(run, 'azure.storage.retention')).toMatchObject({
      completeness: 'partial',
      error: expect.stringMatching(/BlobServices_GetServiceProperties \(mldata01\): AuthorizationFailed/),
    });
  });

  it('Graph refused (403): azure.rbac is partial and says orphans were judged from principalType only', async () => {
    stub.faults.push({
      match: /getByIds/,
      reply: json(403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } }),
    });
    const run = await collect();
    expect(outcome(run, 'azure.rbac')).toMatchObject({
      completeness: 'partial',
      error: expect.stringMatching(/Graph directoryObjects\/getByIds.*Authorization_RequestDenied/),
    });
  });
});

describe('answers', () => {
  it('404 lifecycle policy: recorded as not configured, the kind complete', async () => {
    const run = await collect();
    expect(outcome(run, 'azure.storage.retention').completeness).toBe('complete');
    expect(stub.requests.some((r) => r.path.endsWith('logsarchive/managementPolicies/default'))).toBe(true);
  });

  it('429 with Retry-After: the wait the server asked for is honoured, then the page is read', async () => {
    stub.faults.push({
      match: /roleAssignments/,
      times: 2,
      reply: json(429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'retry-after': '7' }),
    });
    const run = await collect();
    expect(outcome(run, 'azure.rbac').completeness).toBe('complete');
    expect(h.waits.slice(0, 2)).toEqual([7000, 7000]);
  });

  it('429 that never ends and 5xx that never ends: failed after the retries, the status named', async () => {
    stub.faults.push({
      match: /roleAssignments/,
      reply: json(429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'retry-after': '1' }),
    });
    stub.faults.push({
      match: /Microsoft\.Storage\/storageAccounts\?/,
      reply: json(503, { error: { code: 'ServiceUnavailable', message: 'try later' } }),
    });
    const run = await collect();
    expect(outcome(run, 'azure.rbac').error).toMatch(/HTTP 429 .* after retries.*TooManyRequests/);
    expect(outcome(run, 'azure.storage.retention').error).toMatch(/HTTP 503 .* after retries/);
    expect([await count('azure.rbac'), await count('azure.storage.retention')]).toEqual([0, 0]);
  });

  it('a 5xx that clears: retried, then complete', async () => {
    stub.faults.push({ match: /\/workspaces\?/, times: 2, reply: json(500, { error: { code: 'InternalServerError', message: 'oops' } }) });
    expect(outcome(await collect(), 'azure.ml.registry').completeness).toBe('complete');
  });

  it('a nextLink that loops: stopped and failed, nothing stored', async () => {
    stub.faults.push({
      match: /roleAssignments/,
      reply: ({ url }) => ({ status: 200, body: { value: [], nextLink: `${stub.url}${url.pathname}?api-version=2022-04-01&$skipToken=same` } }),
    });
    const run = await collect();
    expect(outcome(run, 'azure.rbac').error).toMatch(/repeated page token .*endless loop/);
    expect(await count('azure.rbac')).toBe(0);
  });

  it('a nextLink on another host is not followed (the token would go with it)', async () => {
    stub.faults.push({
      match: /Microsoft\.Storage\/storageAccounts\?/,
      reply: json(200, { value: [], nextLink: 'https://attacker.example/steal?x=1' }),
    });
    const run = await collect();
    expect(outcome(run, 'azure.storage.retention').error).toMatch(/nextLink on another host \(https:\/\/attacker\.example\); not followed/);
  });

  it('an HTML page (a proxy login) instead of JSON: failed, named, nothing stored', async () => {
    stub.faults.push({
      match: /\/registries\?/,
      reply: () => ({ status: 200, body: '<!DOCTYPE html><html><body>Sign in</body></html>', contentType: 'text/html' }),
    });
    const run = await collect();
    expect(outcome(run, 'azure.ml.registry').error).toMatch(/an HTML page instead of JSON/);
    expect(await count('azure.ml.registry')).toBe(0);
  });

  it('a 500 that echoes the request headers: the reason keeps the status, never the token', async () => {
    stub.faults.push({
      match: /roleAssignments/,
      reply: ({ headers }) => ({
        status: 500,
        body: { error: { code: 'InternalServerError', message: `debug: authorization=${headers.authorization}` } },
      }),
    });
    const run = await collect();
    expect(outcome(run, 'azure.rbac').error).toMatch(/HTTP 500/);
    expect(outcome(run, 'azure.rbac').error).toContain('[REDACTED]');
    expect(JSON.stringify(run)).not.toContain(ARM_TOKEN.split('.')[1]);
  });
});
