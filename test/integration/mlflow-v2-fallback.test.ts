import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { basicConfig, harness, outcome, readItems, type Harness, type RunSummary } from '../fixtures/mlflow/harness';

const { server, seed } = inject('mlflow2');
let h: Harness;
let run: RunSummary;

beforeAll(async () => {
  h = await harness({ MLFLOW_PASSWORD: server.admin.password });
  await h.call('source.add', { type: 'mlflow', name: 'legacy', config: basicConfig(server, { pageSize: 4 }) });
  run = (await h.call<RunSummary[]>('collect.run', { source: 'legacy' }))[0]!;
});
afterAll(() => h?.cleanup());

describe('MLflow 2.x (no users/list): derived user population', () => {
  it('falls back to users/get for every name seen, and says so in the IPE and the run outcome', () => {
    const access = outcome(run, 'mlflow.access');
    expect(access.completeness).toBe('partial');
    expect(access.error).toMatch(/derived/);
    const [item] = readItems(h.home, 'mlflow.access');
    expect(item!.content.enumeration).toBe('derived');
    expect(item!.ipe.completeness).toBe('partial');
    expect(item!.ipe.notes.join(' ')).toMatch(/DERIVED.*may be incomplete/);
    expect(item!.ipe.endpoints).toEqual(
      expect.arrayContaining(['GET /api/2.0/mlflow/users/list', 'GET /api/2.0/mlflow/users/get', 'POST /api/2.0/mlflow/runs/search']),
    );
  });

  it('finds users from run tags with their 2.x permission lists; a user with no activity is (honestly) missing', () => {
    const [item] = readItems(h.home, 'mlflow.access');
    const users = item!.content.users as {
      username: string;
      isAdmin: boolean;
      experimentPermissions: unknown[];
      registeredModelPermissions: unknown[];
    }[];
    expect(users.map((u) => u.username)).toEqual(['alice', 'bob', 'carol', server.admin.username].sort());
    expect(users.find((u) => u.username === 'alice')).toMatchObject({
      isAdmin: false,
      experimentPermissions: [{ experimentId: seed.experiments.training, permission: 'MANAGE' }],
      registeredModelPermissions: [{ name: 'fraud', permission: 'MANAGE' }],
    });
    expect(users.find((u) => u.username === 'bob')!.experimentPermissions).toContainEqual({
      experimentId: seed.experiments.churn,
      permission: 'NO_PERMISSIONS',
    });
    expect(users.map((u) => u.username)).not.toContain('erin');
    expect(JSON.stringify(item!.content)).not.toMatch(/password|hash/i);
  });

  it('collects the other kinds completely from 2.x, with pages and the server version, and the store verifies', async () => {
    for (const kind of ['mlflow.registry', 'mlflow.lineage', 'mlflow.retention']) expect(outcome(run, kind).completeness).toBe('complete');
    expect(run.status).toBe('partial');
    const [registry] = readItems(h.home, 'mlflow.registry');
    expect(registry!.ipe.serverVersion).toMatch(/^2\./);
    expect(registry!.ipe.pages).toBeGreaterThan(3);
    const fraud = registry!.content.models.find((m: { name: string }) => m.name === 'fraud');
    expect(fraud.versions).toHaveLength(seed.fraudVersions);
    expect(fraud.aliases).toEqual({ challenger: '5', champion: '3' });
    const v = await h.call<{ ok: boolean }>('store.verify');
    expect(v.ok).toBe(true);
  });
});
