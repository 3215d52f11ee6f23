import { describe, expect, it } from 'vitest';
import { credentialReportDiffer } from '../../core/diff/aws/credential-report-differ';
import { iamDiffer } from '../../core/diff/aws/iam-differ';
import { logsRetentionDiffer, s3RetentionDiffer } from '../../core/diff/aws/retention-differs';
import { sagemakerRegistryDiffer } from '../../core/diff/aws/sagemaker-differ';
import { builtIn } from '../helpers/catalog';

const kinds = (changes: { type: string; subject: string }[]) => changes.map((c) => `${c.type} ${c.subject}`);

describe('AWS differs', () => {
  it('are registered for the kinds whose history matters', () => {
    for (const k of ['aws.iam', 'aws.credential-report', 'aws.s3.retention', 'aws.logs.retention', 'aws.sagemaker.registry'])
      expect(builtIn.differ(k)).toBeTypeOf('function');
  });

  it('IAM: leavers, policy attach/detach, group membership and managed policy edits', () => {
    const doc = (a: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: a, Resource: '*' }] });
    const before = {
      users: [
        { UserName: 'alice', GroupList: ['ml'], AttachedManagedPolicies: [{ PolicyArn: 'arn:p/read' }] },
        { UserName: 'mallory', GroupList: [] },
      ],
      groups: [],
      roles: [],
      policies: [{ Arn: 'arn:p/read', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: doc('s3:Get*') }] }],
    };
    const after = {
      users: [
        {
          UserName: 'alice',
          GroupList: ['admins', 'ml'],
          AttachedManagedPolicies: [{ PolicyArn: 'arn:p/admin' }],
          UserPolicyList: [{ PolicyName: 'x', PolicyDocument: doc('*') }],
        },
      ],
      groups: [],
      roles: [],
      policies: [{ Arn: 'arn:p/read', PolicyVersionList: [{ VersionId: 'v2', IsDefaultVersion: true, Document: doc('s3:*') }] }],
    };
    expect(kinds(iamDiffer(before, after))).toEqual([
      'group_membership_added user alice',
      'policy_attached user alice',
      'policy_detached user alice',
      'inline_policy_added user alice',
      'user_removed user mallory',
      'managed_policy_changed policy arn:p/read',
    ]);
    expect(iamDiffer(after, after)).toEqual([]);
  });

  it('credential report: MFA off/on, a rotated key counts as new, deactivated keys, console access', () => {
    const r = (user: string, o: Record<string, string>) => ({
      user,
      mfa_active: 'true',
      password_enabled: 'false',
      access_key_1_active: 'true',
      access_key_1_last_rotated: '2026-01-01T00:00:00+00:00',
      access_key_2_active: 'false',
      access_key_2_last_rotated: 'N/A',
      ...o,
    });
    const before = { rows: [r('a', {}), r('b', { mfa_active: 'false' }), r('gone', {})] };
    const after = {
      rows: [
        r('a', { mfa_active: 'false', password_enabled: 'true', access_key_1_last_rotated: '2026-05-01T00:00:00+00:00' }),
        r('b', { mfa_active: 'true', access_key_1_active: 'false' }),
        r('c', {}),
      ],
    };
    expect(kinds(credentialReportDiffer(before, after))).toEqual([
      'mfa_disabled user a',
      'console_access_enabled user a',
      'access_key_created user a',
      'mfa_enabled user b',
      'access_key_deactivated user b',
      'user_added user c',
      'access_key_created user c',
      'user_removed user gone',
    ]);
  });

  it('S3 and logs retention: rules added/removed, other settings, retention changes', () => {
    const nc = { status: 'not_configured', code: null };
    const bucket = (rules: unknown[], enc: unknown = nc) => ({
      name: 'b',
      lifecycle: { status: 'configured', config: { Rules: rules } },
      objectLock: nc,
      versioning: nc,
      encryption: enc,
      publicAccessBlock: nc,
      policy: nc,
      logging: nc,
    });
    const changes = s3RetentionDiffer(
      { buckets: [bucket([{ ID: 'old' }])] },
      { buckets: [bucket([{ ID: 'new' }], { status: 'configured', config: {} }), { ...bucket([]), name: 'c' }] },
    );
    expect(kinds(changes)).toEqual([
      'lifecycle_rule_added bucket b',
      'lifecycle_rule_removed bucket b',
      'encryption_changed bucket b',
      'bucket_added bucket c',
    ]);
    expect(logsRetentionDiffer({ logGroups: [{ name: 'g', retentionInDays: 30 }] }, { logGroups: [{ name: 'g', retentionInDays: null }] })).toEqual([
      { type: 'retention_changed', subject: 'log group g', field: 'retentionInDays', before: 30, after: null },
    ]);
  });

  it('S3: a lifecycle that could not be read (partial snapshot) is not reported as its rules removed and added back', () => {
    const nc = { status: 'not_configured', code: null };
    const rest = { objectLock: nc, versioning: nc, encryption: nc, publicAccessBlock: nc, policy: nc, logging: nc };
    const ok = { name: 'b', lifecycle: { status: 'configured', config: { Rules: [{ ID: 'keep' }] } }, ...rest };
    const denied = {
      name: 'b',
      lifecycle: { status: 'error', call: 'GetBucketLifecycleConfiguration', code: 'AccessDenied', message: 'Access Denied' },
      ...rest,
    };
    expect(s3RetentionDiffer({ buckets: [ok] }, { buckets: [denied] })).toEqual([
      { type: 'lifecycle_read_state_changed', subject: 'bucket b', field: 'lifecycle', before: 'configured', after: 'unreadable (AccessDenied)' },
    ]);
    expect(kinds(s3RetentionDiffer({ buckets: [denied] }, { buckets: [ok] }))).toEqual(['lifecycle_read_state_changed bucket b']);
    expect(s3RetentionDiffer({ buckets: [denied] }, { buckets: [denied] })).toEqual([]);
  });

  it('SageMaker: approval change names who and when (IAM identity preferred)', () => {
    const pkg = (status: string, by: unknown, at: string) => ({
      version: 3,
      approvalStatus: status,
      lastModifiedBy: by,
      lastModifiedTime: at,
      approvalDescription: null,
    });
    const changes = sagemakerRegistryDiffer(
      { groups: [{ name: 'g', packages: [pkg('PendingManualApproval', null, '2026-01-01T00:00:00.000Z')] }] },
      {
        groups: [
          { name: 'g', packages: [pkg('Approved', { IamIdentity: { Arn: 'arn:aws:sts::1:assumed-role/r/carol' } }, '2026-02-01T00:00:00.000Z')] },
        ],
      },
    );
    expect(changes).toEqual([
      {
        type: 'approval_changed',
        subject: 'model group g v3',
        field: 'approval status',
        before: { status: 'PendingManualApproval', by: null, at: '2026-01-01T00:00:00.000Z', description: null },
        after: { status: 'Approved', by: 'arn:aws:sts::1:assumed-role/r/carol', at: '2026-02-01T00:00:00.000Z', description: null },
      },
    ]);
  });
});
