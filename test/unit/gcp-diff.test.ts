import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gcpHarness, type GcpHarness, type Json } from '../fixtures/gcp/harness';
import { gcpIamDiffer } from '../../core/diff/gcp/iam-differ';

/** Two collections from the stub with changes between them, compared by diff.run as an auditor would. */
let h: GcpHarness;
const diff = async (kind: string) => (await h.call<{ changes: Json[] }>('diff.run', { source: 'prod', kind })).changes;

beforeAll(async () => {
  h = await gcpHarness();
  await h.call('source.add', { type: 'gcp', name: 'prod', config: h.config() });
  await h.call('collect.run', { source: 'prod' });
  const s = h.stub.state;
  const bindings = s.policy.bindings!;
  bindings[0]!.members = ['group:ml-admins@acme.example']; // alice leaves roles/owner …
  bindings[1]!.members.push('user:alice@acme.example'); // … and becomes a viewer: a mover
  bindings.push({ role: 'roles/editor', members: ['user:dave@acme.example'] }); // a joiner
  bindings[3]!.condition = { title: 'contractor through 2027', expression: 'request.time < timestamp("2027-06-30T00:00:00Z")' };
  s.policy.auditConfigs = [s.policy.auditConfigs![0]!];
  const ds = s.buckets[0] as Json;
  ds.lifecycle.rule[0].condition.age = 400;
  ds.lifecycle.rule.pop();
  ds.retentionPolicy = { ...ds.retentionPolicy, retentionPeriod: '5184000' };
  s.buckets[1] = { ...(s.buckets[1] as Json), versioning: { enabled: true } };
  s.bucketIam['acme-scratch']!.bindings = s.bucketIam['acme-scratch']!.bindings!.filter((b) => !b.members.includes('allUsers'));
  const fraud = s.models['us-central1']!['1001']!;
  fraud[0]!.versionAliases = ['baseline', 'champion'];
  fraud[1]!.versionAliases = ['default'];
  fraud.push({ ...fraud[1]!, versionId: '3', versionAliases: [], versionCreateTime: '2026-01-03T10:00:00.000000Z', deployedModels: [] });
  delete s.models['us-central1']!['2002'];
  await h.call('collect.run', { source: 'prod' });
});
afterAll(() => h?.close());

describe('gcp diffs in the common change model', () => {
  it('gcp.iam: joiner, leaver-from-role as a mover, condition changed, audit log switched off', async () => {
    const changes = await diff('gcp.iam');
    expect(changes).toContainEqual({ type: 'member_added', subject: 'member user:dave@acme.example', after: ['roles/editor'] });
    expect(changes).toContainEqual({
      type: 'role_changed',
      subject: 'member user:alice@acme.example',
      field: 'roles',
      before: ['roles/owner'],
      after: ['roles/viewer'],
    });
    expect(changes).toContainEqual(
      expect.objectContaining({
        type: 'condition_changed',
        subject: 'member user:carol@acme.example',
        field: 'role roles/aiplatform.user',
        after: [{ title: 'contractor through 2027', expression: 'request.time < timestamp("2027-06-30T00:00:00Z")' }],
      }),
    );
    expect(changes).toContainEqual({ type: 'audit_log_disabled', subject: 'audit log storage.googleapis.com DATA_WRITE' });
    expect(changes.filter((c) => c.type === 'member_removed')).toEqual([]);
  });

  it('gcp.iam: a time-boxed grant that lapsed between two snapshots is listed as expired', () => {
    const policy = (asOf: string) => ({
      bindings: [
        {
          role: 'roles/editor',
          members: ['user:temp@acme.example'],
          condition: {
            title: 'break-glass',
            expression: 'request.time < timestamp("2026-03-01T00:00:00Z")',
            status: asOf < '2026-03-01' ? 'active' : 'expired',
          },
        },
      ],
    });
    expect(gcpIamDiffer(policy('2026-02-01'), policy('2026-04-01'))).toEqual([
      {
        type: 'grant_expired',
        subject: 'member user:temp@acme.example',
        field: 'role roles/editor',
        before: 'roles/editor if break-glass (active)',
        after: 'roles/editor if break-glass (expired)',
      },
    ]);
  });

  it('gcp.storage.retention: lifecycle rule changed and removed, retention changed, versioning, a public member removed', async () => {
    const changes = await diff('gcp.storage.retention');
    const types = changes.map((c) => `${c.type} ${c.subject}${c.field ? ` ${c.field}` : ''}`);
    expect(types).toEqual(
      expect.arrayContaining([
        'lifecycle_rule_changed bucket acme-datasets lifecycle rule Delete prefix raw/',
        'lifecycle_rule_removed bucket acme-datasets lifecycle rule Delete noncurrent',
        'retention_policy_changed bucket acme-datasets retentionPolicy',
        'versioning_changed bucket acme-scratch versioning',
        'member_removed bucket acme-scratch member allUsers',
      ]),
    );
    expect(changes.find((c) => c.type === 'lifecycle_rule_changed')).toMatchObject({
      before: 'Delete when age=365, matchesPrefix=raw/',
      after: 'Delete when age=400, matchesPrefix=raw/',
    });
    expect(changes.find((c) => c.type === 'retention_policy_changed')).toMatchObject({
      before: { retentionPeriod: '2592000', retention: '30 d' },
      after: { retentionPeriod: '5184000', retention: '60 d' },
    });
  });

  it('gcp.vertex.registry: version created, alias moved (champion) and default moved, model deleted', async () => {
    const changes = await diff('gcp.vertex.registry');
    expect(changes).toContainEqual({ type: 'alias_moved', subject: 'model fraud-detector (1001)', field: 'alias champion', before: '2', after: '1' });
    expect(changes).toContainEqual(expect.objectContaining({ type: 'version_created', subject: 'model fraud-detector (1001) v3' }));
    expect(changes).toContainEqual(expect.objectContaining({ type: 'model_deleted', subject: 'model churn (2002)' }));
    expect(changes.find((c) => c.field === 'alias default')).toBeUndefined(); // default stayed on v2
  });
});
