import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { harness, outcome, readItems, type Harness, type RunSummary } from '../fixtures/mlflow/harness';
import { startWandbStub, type StubOptions, type WandbStub } from '../fixtures/wandb/stub';
import { defaultWorld, manyVersions } from '../fixtures/wandb/world';

const KEY = 'wandb-test-key-0123456789abcdef0123456789abcdef';
let h: Harness;
let stub: WandbStub | null = null;

beforeAll(async () => {
  h = await harness({ WANDB_API_KEY: KEY });
});
afterAll(() => h?.cleanup());
afterEach(async () => {
  expect(stub?.refused ?? []).toEqual([]); // every query the collector sent is one the stub knows
  await stub?.close();
  stub = null;
});

let n = 0;
async function collect(opts: Partial<StubOptions> = {}, config: Record<string, unknown> = {}): Promise<RunSummary> {
  stub = await startWandbStub({ world: defaultWorld(), apiKey: KEY, ...opts });
  const name = `wb${++n}`;
  await h.call('source.add', {
    type: 'wandb',
    name,
    config: {
      host: stub.url,
      apiKeyEnv: 'WANDB_API_KEY',
      teams: ['acme-ml', 'acme-research'],
      organization: 'acme',
      teamTtlDefault: '30 days',
      pageSize: 2,
      ...config,
    },
  });
  return (await h.call<RunSummary[]>('collect.run', { source: name }))[0]!;
}
const latest = (kind: string) => readItems(h.home, kind).at(-1)!;

describe('wandb collector against the GraphQL stub', () => {
  it('collects all four kinds, paging every Relay listing', async () => {
    const run = await collect();
    expect(run.status).toBe('complete');
    for (const kind of ['wandb.access', 'wandb.registry', 'wandb.retention', 'wandb.audit-log'])
      expect(outcome(run, kind)).toMatchObject({ completeness: 'complete', items: 1 });

    const access = latest('wandb.access').content;
    expect(access.viewer).toEqual({ username: 'ana', admin: false });
    expect(access.teams.map((t: { name: string }) => t.name)).toEqual(['acme-ml', 'acme-research']);
    expect(access.teams[0].members).toEqual([
      { username: 'ana', email: 'ana@acme.test', name: 'Ana', role: 'admin', admin: true, pending: false, accountType: 'MEMBER', id: 'u1' },
      { username: 'bo', email: 'bo@acme.test', name: 'Bo', role: 'member', admin: false, pending: false, accountType: 'MEMBER', id: 'u2' },
      { username: null, email: 'cy@acme.test', name: 'cy@acme.test', role: 'member', admin: false, pending: true, accountType: 'MEMBER', id: 'u3' },
    ]);
    expect(access.registries).toEqual([
      {
        registry: 'wandb-registry-model',
        users: [
          { username: 'ana', email: 'ana@acme.test', name: 'Ana', role: 'admin' },
          { username: 'bo', email: 'bo@acme.test', name: 'Bo', role: 'member' },
        ],
        teams: [{ team: 'acme-research', role: 'viewer' }],
      },
    ]);
    expect(access.orgUsers).toMatchObject({ status: 'listed', users: [{ userName: 'ana', organizationRole: 'admin' }, { userName: 'bo' }] });

    const registry = latest('wandb.registry');
    const [legacy, model] = registry.content.registries;
    expect(legacy).toMatchObject({
      name: 'model-registry',
      entity: 'acme-ml',
      legacy: true,
      collections: [{ name: 'churn', versions: [{ version: 'v0', aliases: ['champion'] }] }],
    });
    expect(model.collections[0].versions.map((v: { version: string; aliases: string[] }) => [v.version, v.aliases])).toEqual([
      ['v0', []],
      ['v1', ['staging']],
      ['v2', ['production']],
    ]);
    expect(model.collections[0].versions[2]).toMatchObject({
      digest: expect.stringMatching(/^d0+2$/),
      state: 'COMMITTED',
      linkedAt: '2026-11-03T10:00:00Z',
      sourceArtifact: 'acme-ml/fraud/fraud-model:v2',
      producedBy: { runId: 'run2', project: 'acme-ml/fraud', commit: expect.stringMatching(/^c0ffee2/), user: 'ana' },
    });
    // 3 versions at 2 per page: two RegistryVersions pages, each recorded with its cursor-free variables.
    expect(stub!.calls.filter((c) => c === 'RegistryVersions')).toHaveLength(2);
    expect(registry.ipe.command).toContain(
      `curl -sS -u "api:$WANDB_API_KEY" -H 'Content-Type: application/json' ${stub!.url}/graphql -d '{"query":"query RegistryVersions(`,
    );
    expect(registry.ipe.provenance).toBe('api_snapshot');

    const retention = latest('wandb.retention').content;
    expect(retention.teamTtlDefault).toMatchObject({ value: '30 days', attested: true });
    expect(
      retention.versions.map((v: { registry: string; version: string; ttl: string; ttlSeconds: number | null }) => [
        v.registry,
        v.version,
        v.ttl,
        v.ttlSeconds,
      ]),
    ).toEqual([
      ['acme-ml/model-registry', 'v0', 'set', 2_592_000],
      ['wandb-registry-model', 'v0', 'inherited', null],
      ['wandb-registry-model', 'v1', 'inherited', null],
      ['wandb-registry-model', 'v2', 'disabled', null],
    ]);

    const audit = latest('wandb.audit-log');
    expect(audit.content).toMatchObject({
      deployment: 'dedicated-or-self-managed',
      count: 2,
      actions: { 'artifact:read': 1, 'team:invite_user': 1 },
      lookbackLimitDays: null,
    });
    expect(audit.ipe.parameters).toMatchObject({ path: '/admin/audit_logs', numDays: 7 });
    expect(await h.call('store.verify')).toMatchObject({ ok: true });
  });

  it('never selects apiKey, and the stub knows every query by its exact selection', async () => {
    await collect({}, { teams: ['acme-ml'] });
    expect(stub!.calls).toContain('GetTeamEntity');
    for (const item of ['wandb.access', 'wandb.registry'].map(latest)) expect(JSON.stringify(item.ipe)).not.toMatch(/apiKey\b/);
  });

  it('a key that is not an org admin: SCIM is recorded as not available, the item says so and stays complete', async () => {
    const run = await collect({ scimAdmin: false });
    expect(outcome(run, 'wandb.access').completeness).toBe('complete');
    const item = latest('wandb.access');
    expect(item.content.orgUsers).toMatchObject({ status: 'not_available', users: [], reason: expect.stringContaining('HTTP 403') });
    expect(item.ipe.notes.join(' ')).toMatch(/Org users not available/);
  });

  it('pages 5,000 registry versions 100 at a time', async () => {
    const world = manyVersions(defaultWorld(), 5000);
    const run = await collect({ world }, { pageSize: 100 });
    expect(outcome(run, 'wandb.registry').completeness).toBe('complete');
    expect(stub!.calls.filter((c) => c === 'RegistryVersions')).toHaveLength(50);
    expect(latest('wandb.registry').content.registries[1].collections[0].versions).toHaveLength(5000);
  });
});
