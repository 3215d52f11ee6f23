import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../core/util/canonical';
import { gcpHarness, type GcpHarness, type Json } from '../fixtures/gcp/harness';

/** Files written by the real gcloud 528 against the stub (scripts/gcp-gcloud-fixtures.ts). */
const GCLOUD = fileURLToPath(new URL('../fixtures/gcp/gcloud/', import.meta.url));
let h: GcpHarness;
let live: { iam: Json; storage: Json };

const file = (fixture: string, as = fixture) => {
  const path = join(h.dir, as);
  copyFileSync(join(GCLOUD, fixture), path);
  return path;
};
const show = async (seq: number) => h.call<{ content: Json; ipe: Json; scope: Json; provenance: string }>('items.show', { seq });
const imp = (path: string, extra: Record<string, unknown> = {}) =>
  h.call<{ seq: number; kind: string; source: string }>('import.run', { type: 'gcp', file: path, ...extra });
const logSize = async () => (await h.call<unknown[]>('log.list', { limit: 1000 })).length;

beforeAll(async () => {
  h = await gcpHarness();
  await h.call('source.add', { type: 'gcp', name: 'prod', config: h.config({ kinds: ['gcp.iam', 'gcp.storage.retention'] }) });
  await h.call('collect.run', { source: 'prod' });
  const rows = (await h.call<{ rows: { seq: number; kind: string }[] }>('items.list', {})).rows;
  live = {
    iam: (await show(rows.find((r) => r.kind === 'gcp.iam')!.seq)).content,
    storage: (await show(rows.find((r) => r.kind === 'gcp.storage.retention')!.seq)).content,
  };
});
afterAll(() => h?.close());

describe('import gcp: gcloud projects get-iam-policy', () => {
  it('PROJECT.iam-policy.json: the project from the name, the same bindings as live, the command stored', async () => {
    const path = file('projects-get-iam-policy.json', 'acme-ml-prod.iam-policy.json');
    const r = await imp(path);
    expect(r).toMatchObject({ kind: 'gcp.iam', source: 'gcp-import' });
    const item = await show(r.seq);
    expect(item.scope).toEqual({ project: 'acme-ml-prod' });
    expect(item.provenance).toBe('admin_export');
    expect(item.ipe.command).toBe('gcloud projects get-iam-policy acme-ml-prod --format=json > acme-ml-prod.iam-policy.json');
    expect(item.ipe.importedFile).toMatchObject({ name: 'acme-ml-prod.iam-policy.json', sha256: sha256Hex(readFileSync(path)) });
    expect(item.content.bindings).toEqual(live.iam.bindings);
    expect(item.content.auditConfigs).toEqual(live.iam.auditConfigs);
  });

  it('with --source naming the live gcp source, the project comes from it', async () => {
    const r = await imp(file('projects-get-iam-policy.json', 'policy.json'), { source: 'prod' });
    expect((await show(r.seq)).scope).toEqual({ project: 'acme-ml-prod' });
  });

  it('without a project anywhere (a new source, a plain file name) it is refused, and nothing at all is written', async () => {
    const before = await logSize();
    await expect(imp(file('projects-get-iam-policy.json', 'policy.json'), { source: 'fresh' })).rejects.toThrow(
      /BAD_INPUT: policy\.json is a project IAM policy, but gcloud does not write the project into it: name the file PROJECT\.iam-policy\.json/,
    );
    expect(await logSize()).toBe(before);
  });
});

describe('import gcp: gcloud storage buckets describe / list', () => {
  const withoutIam = (b: Json) => ({ ...b, iamPolicy: undefined });

  it('--raw: the same bucket as live collection, bucket IAM marked not in the export', async () => {
    const r = await imp(file('buckets-describe-raw.json'), { source: 'prod' });
    const item = await show(r.seq);
    expect(item.ipe.command).toBe('gcloud storage buckets describe gs://acme-datasets --format=json --raw > buckets-describe-raw.json');
    const [bucket] = item.content.buckets;
    expect(withoutIam(bucket)).toEqual(withoutIam(live.storage.buckets.find((b: Json) => b.name === 'acme-datasets')));
    expect(bucket.iamPolicy).toEqual({ status: 'not_in_export' });
  });

  it('normalised (no --raw): the same facts, except the lock time gcloud leaves out', async () => {
    const item = await show((await imp(file('buckets-describe.json'), { source: 'prod' })).seq);
    const ours = item.content.buckets[0];
    const theirs = live.storage.buckets.find((b: Json) => b.name === 'acme-datasets');
    expect(withoutIam({ ...ours, uniformBucketLevelAccess: null })).toEqual(withoutIam({ ...theirs, uniformBucketLevelAccess: null }));
    expect(ours.uniformBucketLevelAccess).toEqual({ enabled: true, lockedTime: null });
    expect(item.ipe.command).toBe('gcloud storage buckets describe gs://acme-datasets --format=json > buckets-describe.json');
  });

  it('a normalised file without --source is refused: it names no project', async () => {
    await expect(imp(file('buckets-describe-scratch.json'), { source: 'fresh' })).rejects.toThrow(/does not name its project/);
  });

  it('buckets list --raw: every bucket, the project number from the file when the source names no project', async () => {
    const r = await imp(file('buckets-list-raw.json'), { source: 'by-number' });
    const item = await show(r.seq);
    expect(item.scope).toEqual({ project: '123456789012' });
    expect(item.content.buckets.map((b: Json) => b.name)).toEqual(['acme-datasets', 'acme-scratch']);
    expect(item.ipe.command).toBe('gcloud storage buckets list --project=123456789012 --format=json --raw > buckets-list-raw.json');
  });
});

describe('a file of the wrong kind is refused, naming what it looks like, and nothing is written', () => {
  const cases: [string, string | null, unknown, RegExp][] = [
    [
      'gcloud YAML (no --format=json)',
      'projects-get-iam-policy.yaml',
      null,
      /looks like gcloud's default YAML output; re-run the command with --format=json/,
    ],
    ['a bucket IAM policy', 'buckets-get-iam-policy.json', null, /looks like a bucket's IAM policy \(`gcloud storage buckets get-iam-policy`\)/],
    [
      'AWS GAAD',
      null,
      { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] },
      /AWS IAM authorization-details export \(use `import aws-gaad`\)/,
    ],
    ['az role assignment list', null, [{ principalId: 'p', roleDefinitionId: 'r', scope: '/subscriptions/s' }], /Azure role assignment list/],
    [
      'gcloud projects describe',
      null,
      { projectId: 'acme-ml-prod', projectNumber: '1', lifecycleState: 'ACTIVE' },
      /project description \(`gcloud projects describe`\)/,
    ],
    ['something else', null, { hello: 'world' }, /looks like a JSON object with keys hello, not `gcloud projects get-iam-policy/],
  ];
  for (const [name, fixture, json, message] of cases) {
    it(name, async () => {
      const before = await logSize();
      const path = fixture ? file(fixture) : join(h.dir, 'wrong.json');
      if (!fixture) writeFileSync(path, JSON.stringify(json));
      const err = await imp(path, { source: 'prod' }).catch((e: Error & { code?: string }) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as { code?: string }).code).toBe('BAD_INPUT');
      expect((err as Error).message).toMatch(message);
      expect(await logSize()).toBe(before);
    });
  }

  it('--kind that does not match the file', async () => {
    await expect(imp(file('buckets-describe-raw.json'), { source: 'prod', kind: 'gcp.iam' })).rejects.toThrow(
      /holds gcp\.storage\.retention evidence, not gcp\.iam/,
    );
  });
});
