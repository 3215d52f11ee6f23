import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET_TEAM_ENTITY, GET_VIEWER, REGISTRY_FILTER, type Operation } from '../../core/collectors/wandb/queries-access';
import { REGISTRY_VERSIONS } from '../../core/collectors/wandb/queries-registry';
import { appearsInFiles, harness, readItems, type Harness } from '../fixtures/mlflow/harness';
import { startWandbStub, type WandbStub } from '../fixtures/wandb/stub';
import { defaultWorld } from '../fixtures/wandb/world';

const KEY = 'import-key-9a8b7c6d5e4f30211203f4e5d6c7b8a9f0';
let h: Harness;
let stub: WandbStub;
const file = (name: string, content: string) => {
  const path = join(h.home, name);
  writeFileSync(path, content);
  return path;
};

/** What the admin's `curl -u api:$WANDB_API_KEY … -d '{"query":…}'` saves: the stub's answer, byte for byte. */
async function curl(op: Operation, variables: Record<string, unknown>): Promise<string> {
  const res = await request(`${stub.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`api:${KEY}`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: op.query, variables, operationName: op.name }),
  });
  return res.body.text();
}

beforeAll(async () => {
  h = await harness({ WANDB_API_KEY: KEY });
  stub = await startWandbStub({ world: defaultWorld(), apiKey: KEY });
});
afterAll(async () => {
  expect(stub.refused).toEqual([]);
  await stub.close();
  h?.cleanup();
});

const imp = (path: string, extra: Record<string, unknown> = {}) => h.raw('import.run', { type: 'wandb', file: path, ...extra });

describe('import wandb FILE', () => {
  it('a saved GetTeamEntity response becomes wandb.access (teams only), with the admin command kept', async () => {
    const r = await imp(file('team.json', await curl(GET_TEAM_ENTITY, { name: 'acme-ml' })));
    expect(r).toMatchObject({
      ok: true,
      value: { kind: 'wandb.access', export: 'GetTeamEntity', records: 3, completeness: 'complete', source: 'imported-wandb' },
    });
    const item = readItems(h.home, 'wandb.access').at(-1)!;
    expect(item.content).toMatchObject({
      host: 'https://api.wandb.ai',
      teams: [{ name: 'acme-ml', members: [{ username: 'ana' }, { username: 'bo' }, { email: 'cy@acme.test', pending: true }] }],
      registries: null,
      orgUsers: null,
    });
    expect(item.ipe.provenance).toBe('admin_export');
    expect(item.ipe.command).toMatch(
      /^curl -sS -u "api:\$WANDB_API_KEY" -H 'Content-Type: application\/json' https:\/\/api\.wandb\.ai\/graphql -d '\{"query":"query GetTeamEntity\(\$name: String!\)/,
    );
    expect(item.ipe.command).toContain('"variables":{"name":"acme-ml"}');
    expect(item.ipe.command.endsWith('> team.json')).toBe(true);
  });

  it('RegistryVersions pages saved with jq -s become wandb.registry, or wandb.retention with --kind', async () => {
    const vars = { organization: 'acme', registryFilter: REGISTRY_FILTER, perPage: 2 };
    const p1 = JSON.parse(await curl(REGISTRY_VERSIONS, { ...vars, cursor: null }));
    const p2 = JSON.parse(await curl(REGISTRY_VERSIONS, { ...vars, cursor: p1.data.organization.orgEntity.artifactMemberships.pageInfo.endCursor }));
    const path = file('versions.json', JSON.stringify([p1, p2]));
    expect(await imp(path)).toMatchObject({ ok: true, value: { kind: 'wandb.registry', records: 3, completeness: 'complete' } });
    const reg = readItems(h.home, 'wandb.registry').at(-1)!.content;
    expect(reg.registries[0].collections[0].versions.map((v: { version: string }) => v.version)).toEqual(['v0', 'v1', 'v2']);
    expect(await imp(path, { kind: 'wandb.retention' })).toMatchObject({ ok: true, value: { kind: 'wandb.retention', records: 3 } });
    // Only the first page saved: the snapshot says it is partial, and why.
    expect(await imp(file('page1.json', JSON.stringify(p1)))).toMatchObject({ ok: true, value: { completeness: 'partial' } });
    expect(readItems(h.home, 'wandb.registry').at(-1)!.ipe.error).toMatch(/hasNextPage: later pages were not saved/);
  });

  it('SCIM users JSON and audit-log JSON lines', async () => {
    const scim = { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 2, Resources: defaultWorld().scimUsers };
    expect(await imp(file('users.json', JSON.stringify(scim)))).toMatchObject({
      ok: true,
      value: { kind: 'wandb.access', export: 'scim/Users', records: 2 },
    });
    expect(readItems(h.home, 'wandb.access').at(-1)!.content.orgUsers).toMatchObject({
      status: 'listed',
      users: [{ userName: 'ana' }, { userName: 'bo' }],
    });
    const jsonl = defaultWorld()
      .audit.map((l) => JSON.stringify(l))
      .join('\n');
    expect(await imp(file('audit.jsonl', jsonl))).toMatchObject({ ok: true, value: { kind: 'wandb.audit-log', records: 2 } });
    const audit = readItems(h.home, 'wandb.audit-log').at(-1)!;
    expect(audit.content.window).toEqual({ from: '2026-11-20T10:00:00Z', to: '2026-11-21T11:00:00Z', days: null, source: 'entries' });
    expect(audit.ipe.command).toBe(`curl -sS -u "api:$WANDB_API_KEY" 'https://api.wandb.ai/audit_logs?numDays=7' > audit.jsonl`);
  });

  it('refuses a file of the wrong kind, naming what it looks like, and writes nothing', async () => {
    const before = (await h.call<{ logSize: number }>('store.status')).logSize;
    const cases: [string, string, RegExp][] = [
      [
        'mlflow.json',
        JSON.stringify({ model_versions: [{ name: 'm', version: '1' }] }),
        /looks like an MLflow registry export \(use `import mlflow`\)/,
      ],
      ['gaad.json', JSON.stringify({ UserDetailList: [] }), /looks like AWS get-account-authorization-details output/],
      ['viewer.json', await curl(GET_VIEWER, {}), /looks like a GraphQL response of another query \(data has "viewer"\)/],
      ['failed.json', JSON.stringify({ data: null, errors: [{ message: 'permission denied' }] }), /looks like a GraphQL error answer with no data/],
      [
        'groups.json',
        JSON.stringify({ Resources: [{ id: 't', displayName: 'team', members: [] }] }),
        /does not match SCIM \/scim\/Users: Resources\.0\.userName/,
      ],
      ['notes.txt', 'meeting notes, not a log', /neither JSON nor JSON lines/],
      ['bad.jsonl', '{"timestamp":"2026-11-20T10:00:00Z","action":"artifact:read"}\n{"timestamp":"2026-1', /line 2 is not JSON/],
    ];
    for (const [name, content, message] of cases) {
      const r = await imp(file(name, content));
      expect(r, name).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(message) } });
    }
    const team = file('team2.json', await curl(GET_TEAM_ENTITY, { name: 'acme-ml' }));
    expect(await imp(team, { kind: 'wandb.audit-log' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/holds GetTeamEntity \(wandb.access\), not wandb.audit-log/) },
    });
    expect((await h.call<{ logSize: number }>('store.status')).logSize).toBe(before);
  });

  it('imports into an existing live source, so collected and imported snapshots diff', async () => {
    await h.call('source.add', {
      type: 'wandb',
      name: 'live',
      config: { host: stub.url, apiKeyEnv: 'WANDB_API_KEY', teams: ['acme-ml'], organization: 'acme' },
    });
    await h.call('collect.run', { source: 'live', kinds: ['wandb.access'] });
    stub.world.teams[0]!.members.push({
      id: 'u9',
      username: 'eve',
      email: 'eve@acme.test',
      name: 'Eve',
      role: 'member',
      admin: false,
      pending: false,
      accountType: 'MEMBER',
    });
    await imp(file('team3.json', await curl(GET_TEAM_ENTITY, { name: 'acme-ml' })), { source: 'live' });
    const d = await h.call<{ changes: { type: string; subject: string }[] }>('diff.run', { source: 'live', kind: 'wandb.access' });
    expect(d.changes).toEqual([
      { type: 'section_not_compared', subject: 'registry members', before: 'captured', after: 'not captured' },
      { type: 'user_added', subject: 'team acme-ml: user eve', after: { role: 'member', admin: false } },
      { type: 'section_not_compared', subject: 'org users (SCIM)', before: 'listed', after: 'not captured' },
    ]);
    expect(appearsInFiles(h.home, KEY)).toBe(false);
    expect(await h.call('store.verify')).toMatchObject({ ok: true });
  });
});
