import { describe, expect, it } from 'vitest';
import { buildLines } from '../../core/reviews/build-lines';
import { guardCell } from '../../core/reviews/csv';
import { flagsFor, personKey } from '../../core/reviews/flags';
import { principalsOf, REVIEWABLE_KINDS } from '../../core/reviews/normalise';

/** One normaliser per access kind: each source's shape becomes principals with roles, MFA, activity and flags. */
describe('review normalisers', () => {
  it('covers every access kind the report tables know', () => {
    expect(REVIEWABLE_KINDS.sort()).toEqual(['aws.credential-report', 'aws.iam', 'azure.rbac', 'gcp.iam', 'mlflow.access', 'wandb.access']);
  });

  it('aws.iam: groups and policies as roles, AdministratorAccess through a group or an allow-all inline policy is privileged', () => {
    const content = {
      users: [
        { UserName: 'alice', GroupList: ['admins'], AttachedManagedPolicies: [], UserPolicyList: [], CreateDate: '2025-01-01T00:00:00Z' },
        { UserName: 'bob', GroupList: [], AttachedManagedPolicies: [{ PolicyName: 'read-models' }], UserPolicyList: [] },
        {
          UserName: 'ci',
          GroupList: [],
          AttachedManagedPolicies: [],
          UserPolicyList: [{ PolicyName: 'all', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
        },
      ],
      groups: [{ GroupName: 'admins', AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess' }] }],
    };
    const [alice, bob, ci] = principalsOf('aws.iam', content);
    expect(alice).toMatchObject({ principal: 'alice', roles: ['group admins'], privileged: true, mfa: null, createdAt: '2025-01-01T00:00:00Z' });
    expect(bob).toMatchObject({ roles: ['policy read-models'], privileged: false });
    expect(ci).toMatchObject({ roles: ['inline all'], privileged: true });
  });

  it('aws.credential-report: MFA where someone signs in, last use of any credential, root privileged', () => {
    const row = (o: Record<string, string>) => ({
      password_enabled: 'false',
      password_last_used: 'N/A',
      mfa_active: 'false',
      access_key_1_active: 'false',
      access_key_1_last_used_date: 'N/A',
      access_key_2_active: 'false',
      access_key_2_last_used_date: 'N/A',
      user_creation_time: '2024-01-01T00:00:00+00:00',
      ...o,
    });
    const content = {
      rows: [
        row({ user: '<root_account>', password_enabled: 'not_supported', mfa_active: 'true' }),
        row({
          user: 'alice',
          password_enabled: 'true',
          password_last_used: '2026-11-01T00:00:00+00:00',
          access_key_1_active: 'true',
          access_key_1_last_used_date: '2026-11-20T00:00:00+00:00',
        }),
        row({ user: 'deploy', access_key_1_active: 'true' }),
      ],
    };
    const [root, alice, deploy] = principalsOf('aws.credential-report', content);
    expect(root).toMatchObject({ type: 'root', displayName: 'root account', privileged: true, mfa: true, person: null });
    expect(alice).toMatchObject({ roles: ['console password', 'access key 1'], mfa: false, lastActivity: '2026-11-20T00:00:00+00:00' });
    expect(deploy).toMatchObject({ roles: ['access key 1'], mfa: null, lastActivity: 'never' });
    const asOf = '2026-12-01T00:00:00Z';
    expect(flagsFor({ principal: deploy!, asOf, otherPeople: null }).flags).toEqual(['dormant']);
    expect(flagsFor({ principal: alice!, asOf, otherPeople: null }).flags).toEqual(['no_mfa']);
    expect(flagsFor({ principal: root!, asOf, otherPeople: null }).flags).toEqual(['privileged']);
  });

  it('aws.iam and aws.credential-report of one source merge into one line per user', () => {
    const snap = (seq: number, kind: string, content: unknown) => ({
      seq,
      kind,
      source: 'prod',
      sourceType: 'aws',
      collectedAt: '2026-12-01T00:00:00Z',
      contentSha256: 'x',
      content,
    });
    const lines = buildLines({
      snapshots: [
        snap(1, 'aws.iam', { users: [{ UserName: 'alice', GroupList: ['ml'] }], groups: [] }),
        snap(2, 'aws.credential-report', {
          rows: [{ user: 'alice', password_enabled: 'true', mfa_active: 'false', password_last_used: '2026-11-30T00:00:00Z' }],
        }),
      ],
      previous: new Map(),
      peopleBySource: new Map(),
    });
    expect(lines).toEqual([
      expect.objectContaining({
        key: 'prod|alice',
        kinds: ['aws.iam', 'aws.credential-report'],
        snapshots: [1, 2],
        roles: ['group ml', 'console password'],
        mfa: false,
        flags: ['no_mfa'],
      }),
    ]);
  });

  it('tags against the previous review: a principal gone since is a removed line with nothing to decide', () => {
    const snap = { seq: 5, kind: 'mlflow.access', source: 'prod', sourceType: 'mlflow', collectedAt: '2026-12-01T00:00:00Z', contentSha256: 'x' };
    const first = buildLines({
      snapshots: [
        {
          ...snap,
          content: {
            users: [
              { username: 'a', isAdmin: false },
              { username: 'b', isAdmin: false },
            ],
          },
        },
      ],
      previous: new Map(),
      peopleBySource: new Map(),
    });
    const previous = new Map(first.map((l, i) => [l.key, { ...l, line: i + 1 }]));
    const next = buildLines({
      snapshots: [
        {
          ...snap,
          seq: 6,
          content: {
            users: [
              { username: 'a', isAdmin: true },
              { username: 'c', isAdmin: false },
            ],
          },
        },
      ],
      previous,
      peopleBySource: new Map(),
    });
    expect(next.map((l) => [l.principal, l.tag, l.needsDecision])).toEqual([
      ['a', 'unchanged', true],
      ['b', 'removed', false],
      ['c', 'new', true],
    ]);
    expect(next[0]).toMatchObject({ roles: ['admin'], rolesBefore: ['default permission only (no grants)'], flags: ['privileged'] });
  });

  it('azure.rbac: assignments grouped per principal with their scopes; an orphaned assignment is a deleted principal', () => {
    const sub = '/subscriptions/6f1c2a3b';
    const a = (principalId: string, principalName: string | null, principalType: string, roleName: string, scope: string, orphaned = false) => ({
      principalId,
      principalName,
      principalType,
      roleName,
      scope,
      scopeLevel: scope === sub ? 'subscription' : 'other',
      orphaned,
      createdOn: '2025-01-10T09:00:00.000Z',
    });
    const principals = principalsOf('azure.rbac', {
      assignments: [
        a('1', 'alice@contoso.example', 'User', 'Owner', sub),
        a('1', 'alice@contoso.example', 'User', 'Reader', `${sub}/resourceGroups/rg-ml`),
        a('2', 'auditors', 'Group', 'Reader', '/providers/Microsoft.Management/managementGroups/contoso-root'),
        a('7', null, 'Unknown', 'Contributor', `${sub}/resourceGroups/rg-data`, true),
      ],
    });
    const alice = principals.find((p) => p.displayName === 'alice@contoso.example')!;
    expect(alice).toMatchObject({ type: 'user', privileged: true, person: 'alice@contoso.example' });
    expect(alice.roles).toEqual(['Owner at subscription', 'Reader at resource group rg-ml']);
    expect(principals.find((p) => p.principal === '7')).toMatchObject({ deleted: true, displayName: '7', type: 'unknown' });
    expect(principals.find((p) => p.displayName === 'auditors')).toMatchObject({
      type: 'group',
      roles: ['Reader at management group contoso-root'],
      person: null,
    });
  });

  it('wandb.access: team, registry and org grants of one person on one line; team admins privileged', () => {
    const content = {
      teams: [
        {
          name: 'ml',
          members: [
            { username: 'ana', email: 'ana@x.test', role: 'admin', admin: true },
            { username: null, email: 'cy@x.test', role: 'member', pending: true },
          ],
        },
      ],
      registries: [{ registry: 'wandb-registry-models', users: [{ username: 'ana', role: 'Viewer' }], teams: [{ team: 'ml', role: 'Member' }] }],
      orgUsers: { status: 'listed', users: [{ userName: 'ana', organizationRole: 'member', active: true }] },
    };
    const [ana, cy, team] = principalsOf('wandb.access', content);
    expect(ana).toMatchObject({
      principal: 'ana',
      roles: ['team ml: admin', 'registry models: Viewer', 'organization: member'],
      privileged: true,
      person: 'ana@x.test',
    });
    expect(cy).toMatchObject({ principal: 'cy@x.test', roles: ['team ml: member (invite pending)'] });
    expect(team).toMatchObject({ type: 'team', person: null, roles: ['registry models: Member'] });
  });

  it('matches people across sources by the part of the e-mail before @, case-insensitively', () => {
    expect(personKey('Alice@Example.com')).toBe('alice');
    expect(personKey('user:alice@acme.example')).toBe('alice');
    expect(personKey('deleted:user:mallory@acme.example?uid=1')).toBe('mallory');
    expect(personKey(null)).toBeNull();
  });

  it('quotes cells a spreadsheet would run as a formula', () => {
    for (const v of ['=1+1', '+A1', '-2', '@SUM(A1)', '\tx', '\rx']) expect(guardCell(v)).toBe(`'${v}`);
    for (const v of ['alice', 'a=b', '', "'already"]) expect(guardCell(v)).toBe(v);
  });
});
