import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wandbAuditLogDiffer } from '../../core/diff/wandb/audit-log-differ';
import { harness, type Harness, type RunSummary } from '../fixtures/mlflow/harness';
import { startWandbStub } from '../fixtures/wandb/stub';
import { defaultWorld, version, type World } from '../fixtures/wandb/world';

const KEY = 'diff-key-5f1e2d3c4b5a69788796a5b4c3d2e1f0aa';
let h: Harness;
beforeAll(async () => {
  h = await harness({ WANDB_API_KEY: KEY });
});
afterAll(() => h?.cleanup());

interface Diff {
  changes: { type: string; subject: string; field?: string; before?: unknown; after?: unknown }[];
}

/** Collects the same source from two worlds (before, after) through the stub, then diffs each kind. */
async function twoSnapshots(change: (w: World) => void): Promise<Record<string, Diff>> {
  const world = defaultWorld();
  const stub = await startWandbStub({ world, apiKey: KEY });
  try {
    await h.call('source.add', {
      type: 'wandb',
      name: 'team',
      config: { host: stub.url, apiKeyEnv: 'WANDB_API_KEY', teams: ['acme-ml'], organization: 'acme', teamTtlDefault: '30 days' },
    });
    const first = await h.call<RunSummary[]>('collect.run', { source: 'team' });
    expect(first[0]!.status).toBe('complete');
    change(world);
    await h.call('source.update', {
      name: 'team',
      config: { host: stub.url, apiKeyEnv: 'WANDB_API_KEY', teams: ['acme-ml'], organization: 'acme', teamTtlDefault: '90 days' },
    });
    expect((await h.call<RunSummary[]>('collect.run', { source: 'team' }))[0]!.status).toBe('complete');
    expect(stub.refused).toEqual([]);
  } finally {
    await stub.close();
  }
  const out: Record<string, Diff> = {};
  for (const kind of ['wandb.access', 'wandb.registry', 'wandb.retention']) out[kind] = await h.call<Diff>('diff.run', { source: 'team', kind });
  return out;
}

describe('wandb diffs between two collected snapshots', () => {
  it('joiners, leavers, role and admin changes, invites accepted; alias moves, versions added or deleted; TTL changes', async () => {
    const d = await twoSnapshots((w) => {
      const team = w.teams[0]!;
      team.members = team.members.filter((m) => m.username !== 'bo'); // leaver
      Object.assign(
        team.members.find((m) => m.email === 'cy@acme.test')!,
        { pending: false, username: 'cy' },
      ); // invite accepted: now known by username
      team.members.find((m) => m.username === 'ana')!.role = 'member';
      team.members.find((m) => m.username === 'ana')!.admin = false;
      team.members.push({
        id: 'u9',
        username: 'eve',
        email: 'eve@acme.test',
        name: 'Eve',
        role: 'member',
        admin: false,
        pending: false,
        accountType: 'MEMBER',
      });
      const reg = w.registries[0]!;
      reg.users = reg.users.filter((u) => u.username !== 'bo');
      const versions = reg.collections[0]!.versions;
      versions[2]!.aliases = [];
      versions[1]!.aliases = ['staging', 'production']; // production moves back from v2 to v1 (a rollback)
      versions.splice(0, 1); // v0 deleted
      versions.push(version(3, { ttlIsInherited: false, ttlDurationSeconds: 604_800 }));
      versions[0]!.ttlIsInherited = false;
      versions[0]!.ttlDurationSeconds = 86_400;
    });
    const types = (k: string) => d[k]!.changes.map((c) => `${c.type} ${c.subject}${c.field ? ` [${c.field}]` : ''}`);
    expect(types('wandb.access')).toEqual([
      'role_changed team acme-ml: user ana [role]',
      'admin_changed team acme-ml: user ana [admin]',
      'user_removed team acme-ml: user bo',
      'invite_accepted team acme-ml: user cy',
      'user_added team acme-ml: user eve',
      'registry_member_removed registry wandb-registry-model: user bo',
    ]);
    expect(types('wandb.registry')).toEqual([
      'alias_moved wandb-registry-model/fraud-detector [alias production]',
      'version_deleted wandb-registry-model/fraud-detector v0',
      'version_added wandb-registry-model/fraud-detector v3',
    ]);
    expect(d['wandb.registry']!.changes[0]).toMatchObject({ before: 'v2', after: 'v1' });
    expect(types('wandb.retention')).toEqual([
      'team_ttl_default_changed team default TTL [attested value]',
      'ttl_version_removed wandb-registry-model/fraud-detector v0',
      'ttl_changed wandb-registry-model/fraud-detector v1 [ttl]',
      'ttl_version_added wandb-registry-model/fraud-detector v3',
    ]);
    expect(d['wandb.retention']!.changes[2]).toMatchObject({ before: 'inherited', after: 'set 1 d (86400 s)' });
  });
});

describe('audit-log continuity', () => {
  const snap = (from: string, to: string) => ({
    deployment: 'multi-tenant',
    window: { from, to },
    lookbackLimitDays: 7,
    count: 1,
    actions: { 'artifact:read': 1 },
  });

  it('two multi-tenant collections more than 7 days apart: the hours lost are a change, never hidden', () => {
    const changes = wandbAuditLogDiffer(snap('2026-11-01T00:00:00Z', '2026-11-08T00:00:00Z'), snap('2026-11-10T12:00:00Z', '2026-11-17T12:00:00Z'));
    expect(changes[0]).toEqual({
      type: 'audit_log_gap',
      subject: 'audit log coverage',
      field: '60 h not covered (W&B keeps 7 days; these hours can no longer be fetched)',
      before: '2026-11-08T00:00:00Z',
      after: '2026-11-10T12:00:00Z',
    });
  });

  it('weekly collections overlap: continuous', () => {
    const changes = wandbAuditLogDiffer(snap('2026-11-01T00:00:00Z', '2026-11-08T00:00:00Z'), snap('2026-11-07T00:00:00Z', '2026-11-14T00:00:00Z'));
    expect(changes.map((c) => c.type)).toEqual(['audit_log_continuous']);
  });
});
