import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appearsInFiles, basicConfig, harness, outcome, readItems, type Harness, type RunSummary } from '../fixtures/mlflow/harness';
import { GIT, LOWEST } from '../fixtures/mlflow/seed';

const { server, seed } = inject('mlflow3');
let h: Harness;
let run: RunSummary;

beforeAll(async () => {
  h = await harness({ MLFLOW_PASSWORD: server.admin.password, MLFLOW_TOKEN: server.bearerToken ?? '' });
  await h.call('source.add', {
    type: 'mlflow',
    name: 'prod',
    config: basicConfig(server, { pageSize: 5, gcSchedule: 'weekly cron: mlflow gc --older-than 30d' }),
  });
  run = (await h.call<RunSummary[]>('collect.run', { source: 'prod' }))[0]!;
});
afterAll(() => h?.cleanup());

describe('MLflow 3.x collection against a real server (basic auth)', () => {
  it('source.test reaches the server, checks the credentials and reports the version', async () => {
    const r = await h.call<{ ok: boolean; serverVersion: string; identity: string; detail: string }>('source.test', { name: 'prod' });
    expect(r.ok).toBe(true);
    expect(r.serverVersion).toMatch(/^3\.\d+\.\d+/);
    expect(r.identity).toBe(`${server.admin.username} (admin)`);
  });

  it('collects all four kinds completely and verify-store passes', async () => {
    expect(run.status).toBe('complete');
    expect(run.outcomes.map((o) => [o.kind, o.completeness, o.items])).toEqual([
      ['mlflow.registry', 'complete', 1],
      ['mlflow.lineage', 'complete', 1],
      ['mlflow.access', 'complete', 1],
      ['mlflow.retention', 'complete', 1],
    ]);
    const v = await h.call<{ ok: boolean; items: number; problems: unknown[] }>('store.verify');
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.items).toBeGreaterThanOrEqual(4);
  });

  it('records the registry with every version across pages, stages, moved aliases and tags; the deleted version is gone', () => {
    const [item] = readItems(h.home, 'mlflow.registry');
    const fraud = item!.content.models.find((m: { name: string }) => m.name === 'fraud');
    expect(item!.content.server).toBe(server.url);
    expect(fraud.versions.map((v: { version: string }) => v.version)).toEqual(Array.from({ length: seed.fraudVersions }, (_, i) => String(i + 1)));
    expect(fraud).toMatchObject({ description: 'Card fraud scorer', tags: { team: 'risk', tier: '1' }, aliases: { challenger: '5', champion: '3' } });
    expect(Object.keys(fraud).sort()).toEqual(['aliases', 'creationTimestamp', 'description', 'lastUpdatedTimestamp', 'name', 'tags', 'versions']); // stored canonical: keys sorted
    const v3 = fraud.versions[2];
    expect(v3).toMatchObject({
      version: '3',
      currentStage: 'Production',
      aliases: ['champion'],
      tags: { validated: 'true' },
      runId: seed.trainingRunId,
      status: 'READY',
      description: 'Promoted after review #42',
    });
    expect(Object.keys(v3).sort()).toEqual([
      'aliases',
      'creationTimestamp',
      'currentStage',
      'description',
      'lastUpdatedTimestamp',
      'runId',
      'source',
      'status',
      'tags',
      'userId',
      'version',
    ]);
    expect(fraud.versions[1]).toMatchObject({ currentStage: 'Archived', aliases: [] });
    expect(fraud.versions.find((v: { version: string }) => v.version === seed.deletedVersion)).toBeUndefined();
    const names = item!.content.models.map((m: { name: string }) => m.name);
    expect(names).toEqual([...names].sort());
  });

  it('writes IPE: endpoints, max_results, several pages, server version and Date, a curl line without the secret', () => {
    const [item] = readItems(h.home, 'mlflow.registry');
    const ipe = item!.ipe;
    expect(ipe.endpoints).toEqual(['GET /api/2.0/mlflow/model-versions/search', 'GET /api/2.0/mlflow/registered-models/search']);
    expect(ipe.parameters.max_results).toBe(5);
    expect(ipe.pages).toBeGreaterThanOrEqual(4); // 16 versions at 5 per page, plus the model listing
    expect(ipe.parameters.requests.some((r: string) => r.includes('page_token='))).toBe(true);
    expect(ipe.serverVersion).toMatch(/^3\./);
    expect(ipe.serverDates[0]).toMatch(/GMT$/);
    expect(ipe.apiTotal).toBeNull();
    expect(ipe.provenance).toBe('api_snapshot');
    expect(ipe.command).toContain(`-u "${server.admin.username}:$MLFLOW_PASSWORD"`);
    expect(ipe.command).not.toContain(server.admin.password);
    expect(ipe.rawResponseSha256.length).toBe(ipe.pages);
  });

  it('records access from users/list with admin flags and role-based grants, no password hashes', () => {
    const [item] = readItems(h.home, 'mlflow.access');
    const c = item!.content;
    expect(c.enumeration).toBe('users/list');
    const user = (n: string) => c.users.find((u: { username: string }) => u.username === n);
    for (const n of seed.users) expect(user(n)).toBeDefined();
    expect(user('dave').isAdmin).toBe(true);
    expect(user(server.admin.username).isAdmin).toBe(true);
    expect(user('alice')).toMatchObject({
      isAdmin: false,
      experimentPermissions: [{ experimentId: seed.experiments.training, permission: 'MANAGE' }],
      registeredModelPermissions: [{ name: 'fraud', permission: 'MANAGE' }],
    });
    expect(user('bob').experimentPermissions).toEqual(
      [
        { experimentId: seed.experiments.training, permission: 'EDIT' },
        { experimentId: seed.experiments.churn, permission: LOWEST[3] },
      ].sort((a, b) => a.experimentId.localeCompare(b.experimentId, 'en', { numeric: true })),
    );
    expect(Object.keys(user('alice')).sort()).toEqual(['experimentPermissions', 'id', 'isAdmin', 'registeredModelPermissions', 'username']);
    expect(JSON.stringify(c)).not.toMatch(/password|hash|pbkdf|scrypt/i);
    expect(item!.ipe.endpoints).toContain('GET /api/2.0/mlflow/users/list');
  });

  it('records lineage: git commit/branch/repo, source, user, datasets with digests, params and final metrics', () => {
    const [item] = readItems(h.home, 'mlflow.lineage');
    const v1 = item!.content.versions.find((v: { model: string; version: string }) => v.model === 'fraud' && v.version === '1');
    expect(v1.run).toMatchObject({
      runId: seed.trainingRunId,
      user: 'alice',
      sourceName: 'train.py',
      git: GIT,
      params: { learning_rate: '0.05', max_depth: '6' },
      metrics: { auc: 0.93, f1: 0.71 },
    });
    expect(v1.run.datasets).toEqual([
      { name: 'holdout', digest: 'e5f6a7b8', source: '{"uri":"s3://data/holdout"}', sourceType: 's3', context: 'eval' },
      { name: 'transactions-2026q3', digest: 'a1b2c3d4', source: '{"uri":"s3://data/txns/2026q3"}', sourceType: 's3', context: 'training' },
    ]);
    const v2 = item!.content.versions.find((v: { model: string; version: string }) => v.model === 'fraud' && v.version === '2');
    expect(v2.run.git.branch).toBe('feature/threshold');
  });

  it('records retention: soft-deleted experiments and runs, and the attested gc schedule', () => {
    const [item] = readItems(h.home, 'mlflow.retention');
    const c = item!.content;
    expect(c.gcSchedule).toBe('weekly cron: mlflow gc --older-than 30d');
    expect(c.deletedExperiments.map((e: { experimentId: string }) => e.experimentId)).toContain(seed.experiments.deleted);
    expect(c.deletedRuns.map((r: { runId: string }) => r.runId)).toContain(seed.deletedRunId);
    expect(c.deletedRuns.map((r: { runId: string }) => r.runId)).not.toContain(seed.trainingRunId);
    expect(item!.ipe.parameters).toMatchObject({ view_type: 'DELETED_ONLY', run_view_type: 'DELETED_ONLY' });
  });

  it('never stores the password anywhere in the store folder', () => {
    expect(appearsInFiles(h.home, server.admin.password)).toBe(false);
  });
});

describe('MLflow 3.x with a bearer token', () => {
  it('tests and collects the registry with Authorization: Bearer', async () => {
    await h.call('source.add', { type: 'mlflow', name: 'tok', config: { url: server.url, tokenEnv: 'MLFLOW_TOKEN' } });
    const t = await h.call<{ ok: boolean; serverVersion: string }>('source.test', { name: 'tok' });
    expect(t.ok).toBe(true);
    const [r] = await h.call<RunSummary[]>('collect.run', { source: 'tok', kinds: ['mlflow.registry'] });
    expect(outcome(r!, 'mlflow.registry').completeness).toBe('complete');
    const item = readItems(h.home, 'mlflow.registry').at(-1)!;
    expect(item.ipe.command).toContain('Authorization: Bearer $MLFLOW_TOKEN');
    expect(appearsInFiles(h.home, server.bearerToken!)).toBe(false);
  });
});
