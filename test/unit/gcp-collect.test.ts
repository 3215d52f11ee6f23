import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gcpHarness, type GcpHarness, type Json } from '../fixtures/gcp/harness';

interface Outcome {
  kind: string;
  completeness: string;
  error?: string;
}
interface Item {
  seq: number;
  kind: string;
  scope: Record<string, string>;
  content: Record<string, unknown>;
  ipe: Record<string, unknown>;
}

let h: GcpHarness;
let items: Item[];
beforeAll(async () => {
  h = await gcpHarness();
  await h.call('source.add', { type: 'gcp', name: 'prod', config: h.config() });
  const [run] = await h.call<{ status: string; outcomes: Outcome[] }[]>('collect.run', { source: 'prod' });
  expect(run!.outcomes).toEqual([
    expect.objectContaining({ kind: 'gcp.iam', completeness: 'complete' }),
    expect.objectContaining({ kind: 'gcp.storage.retention', completeness: 'complete' }),
    expect.objectContaining({ kind: 'gcp.vertex.registry', completeness: 'complete' }),
  ]);
  const list = await h.call<{ rows: { seq: number }[] }>('items.list', {});
  items = await Promise.all(list.rows.map((i) => h.call<Item>('items.show', { seq: i.seq })));
});
afterAll(() => h?.close());

const item = (kind: string) => items.find((i) => i.kind === kind)!;

describe('gcp collection against the local stub, authenticated by a real JWT exchange', () => {
  it('google-auth-library signed a JWT with the key file and the stub accepted it', () => {
    expect(h.stub.issued).toHaveLength(1);
    expect(h.stub.hits.filter((x) => x.path === '/token')).toHaveLength(1);
    expect(h.stub.hits.filter((x) => x.path !== '/token').every((x) => x.authorization === `Bearer ${h.stub.issued[0]}`)).toBe(true);
  });

  it('asks for policy version 3 and keeps conditions, member types and audit configs', () => {
    const iam = h.stub.hits.find((x) => x.path.includes(':getIamPolicy'))!;
    expect(JSON.parse(iam.body)).toEqual({ options: { requestedPolicyVersion: 3 } });
    const c = item('gcp.iam').content as Json;
    expect(c.project).toBe('acme-ml-prod');
    const types = Object.fromEntries(c.members.map((m: Json) => [m.member, m.type]));
    expect(types).toMatchObject({
      'user:alice@acme.example': 'user',
      'group:ml-admins@acme.example': 'group',
      'domain:acme.example': 'domain',
      'serviceAccount:trainer@acme-ml-prod.iam.gserviceaccount.com': 'serviceAccount',
    });
    expect(types['deleted:user:mallory@acme.example?uid=123456789012345678901']).toBe('deleted');
    const bob = c.members.find((m: Json) => m.member === 'user:bob@acme.example');
    expect(bob.grants).toEqual([
      { role: 'roles/storage.admin', condition: 'until end of 2020', status: 'expired', expiresAt: '2021-01-01T00:00:00.000Z' },
    ]);
    const carol = c.members.find((m: Json) => m.member === 'user:carol@acme.example');
    expect(carol.grants[0]).toMatchObject({ status: 'active', expiresAt: '2099-12-31T00:00:00.000Z' });
    expect(c.summary).toMatchObject({ expiredGrants: 1, owners: ['group:ml-admins@acme.example', 'user:alice@acme.example'] });
    expect(c.auditConfigs[0]).toEqual({
      service: 'allServices',
      auditLogConfigs: [
        { logType: 'ADMIN_READ', exemptedMembers: [] },
        { logType: 'DATA_READ', exemptedMembers: ['serviceAccount:trainer@acme-ml-prod.iam.gserviceaccount.com'] },
      ],
    });
  });

  it('keeps int64 fields as exact strings and records each bucket with its IAM policy', () => {
    const c = item('gcp.storage.retention').content as Json;
    const ds = c.buckets.find((b: Json) => b.name === 'acme-datasets');
    expect(ds.retentionPolicy).toEqual({ retentionPeriod: '2592000', retention: '30 d', isLocked: true, effectiveTime: '2025-11-20T10:05:00.000Z' });
    expect(ds.softDeletePolicy.retentionDurationSeconds).toBe('604800');
    expect(ds).toMatchObject({
      versioning: true,
      publicAccessPrevention: 'enforced',
      metageneration: '7',
      defaultKmsKeyName: expect.stringContaining('cryptoKeys/datasets'),
    });
    expect(ds.logging).toEqual({ logBucket: 'acme-access-logs', logObjectPrefix: 'acme-datasets/' });
    expect(ds.iamPolicy.status).toBe('ok');
    const scratch = c.summary.find((s: Json) => s.bucket === 'acme-scratch');
    expect(scratch).toMatchObject({ publicMembers: ['allUsers'], keptIndefinitely: true, softDelete: '0 (off)' });
  });

  it('lists every Vertex model version with aliases, times, labels and deployments', () => {
    const v = item('gcp.vertex.registry');
    expect(v.scope).toEqual({ project: 'acme-ml-prod', region: 'us-central1' });
    const fraud = (v.content as Json).models.find((m: Json) => m.modelId === '1001');
    expect(fraud.aliases).toEqual({ baseline: '1', champion: '2', default: '2' });
    expect(fraud.versions[1]).toMatchObject({
      versionId: '2',
      versionCreateTime: '2026-01-02T10:00:00.000000Z',
      labels: { owner: 'ml-team' },
      deployedModels: [{ deployedModelId: '777', endpoint: expect.stringContaining('/endpoints/555') }],
    });
  });

  it('records IPE with the pinned API version, the requests and a re-runnable gcloud command', () => {
    const ipe = item('gcp.iam').ipe as Json;
    expect(ipe).toMatchObject({ apiVersion: 'cloudresourcemanager v3 (Policy version 3)', provenance: 'api_snapshot', completeness: 'complete' });
    expect(ipe.command).toBe(
      `CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDRESOURCEMANAGER=${h.stub.url}/ gcloud projects get-iam-policy acme-ml-prod --format=json`,
    );
    expect(ipe.notes[0]).toContain(h.key.clientEmail);
    expect((item('gcp.storage.retention').ipe as Json).command).toContain('gcloud storage buckets list --project=acme-ml-prod --format=json --raw');
  });

  it('source test names the project and the credential', async () => {
    const r = await h.call<{ ok: boolean; detail: string }>('source.test', { name: 'prod' });
    expect(r.detail).toContain(`project acme-ml-prod (projects/123456789012, ACTIVE) as service account ${h.key.clientEmail}`);
  });

  it('no access token, private key or key id is stored in the database or its WAL', () => {
    const bytes = h.storeBytes().toString('latin1');
    for (const secret of [...h.stub.issued, ...h.key.secrets]) expect(bytes.includes(secret), secret.slice(0, 12)).toBe(false);
  });
});
