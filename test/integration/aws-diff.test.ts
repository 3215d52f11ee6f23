import { PutRetentionPolicyCommand, CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeactivateMFADeviceCommand,
  ListMFADevicesCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { PutBucketLifecycleConfigurationCommand } from '@aws-sdk/client-s3';
import { SageMakerClient, UpdateModelPackageCommand } from '@aws-sdk/client-sagemaker';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Change } from '../../core/diff/types';
import { tempCore } from '../helpers/temp-store';
import { RAW_LIFECYCLE, TRUST_POLICY, iamClient, resetMoto, s3Client, seedAccount, useAwsTestEnv } from './aws-helpers';

const endpoint = inject('motoEndpoint');
const creds = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
let t: Awaited<ReturnType<typeof tempCore>>;

beforeEach(async () => {
  useAwsTestEnv();
  await resetMoto(endpoint);
  await seedAccount(endpoint);
  t = await tempCore();
  await t.call('source.add', { type: 'aws', name: 'moto', config: { endpoint } });
});
afterEach(() => t.cleanup());

/** What changed in the account between the two collections, made through the real APIs. */
async function changeAccount(): Promise<void> {
  const iam = iamClient(endpoint);
  await iam.send(new CreateUserCommand({ UserName: 'carol' }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'bob' }));
  const { MFADevices } = await iam.send(new ListMFADevicesCommand({ UserName: 'bob' }));
  await iam.send(new DeactivateMFADeviceCommand({ UserName: 'bob', SerialNumber: MFADevices![0]!.SerialNumber! }));
  const trust = { ...TRUST_POLICY, Statement: [{ ...TRUST_POLICY.Statement[0]!, Principal: { AWS: 'arn:aws:iam::999999999999:root' } }] };
  await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'sagemaker-exec', PolicyDocument: JSON.stringify(trust) }));
  const s3 = s3Client(endpoint);
  await s3.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket: 'ml-data',
      LifecycleConfiguration: { Rules: [{ ...RAW_LIFECYCLE, Expiration: { Days: 30 } }] },
    }),
  );
  const logs = new CloudWatchLogsClient(creds);
  await logs.send(new PutRetentionPolicyCommand({ logGroupName: '/ml/inference', retentionInDays: 90 }));
  const sm = new SageMakerClient(creds);
  await sm.send(
    new UpdateModelPackageCommand({
      ModelPackageArn: 'arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud/2',
      ModelApprovalStatus: 'Approved',
      ApprovalDescription: 'ok for prod',
    }),
  );
  for (const c of [iam, s3, logs, sm]) c.destroy();
}

const diff = (kind: string) => t.call<{ changes: Change[]; recorded: { kind: string } }>('diff.run', { source: 'moto', kind });

describe('AWS diffs between two collections (diff procedure)', () => {
  it('shows the added IAM user, the changed trust policy, MFA turned off, a new key and the lifecycle change', async () => {
    await t.call('collect.run', { source: 'moto' });
    await changeAccount();
    await t.call('collect.run', { source: 'moto' });

    const iam = await diff('aws.iam');
    expect(iam.changes.map((c) => `${c.type} ${c.subject}`)).toEqual(['user_added user carol', 'role_trust_policy_changed role sagemaker-exec']);
    expect(iam.recorded.kind).toBe('aws.iam.diff');

    const report = await diff('aws.credential-report');
    expect(report.changes).toEqual([
      expect.objectContaining({ type: 'mfa_disabled', subject: 'user bob' }),
      expect.objectContaining({ type: 'access_key_created', subject: 'user bob', field: 'access_key_2' }),
      // The credential report names joiners too, for teams that import only it.
      expect.objectContaining({ type: 'user_added', subject: 'user carol' }),
    ]);

    const s3 = await diff('aws.s3.retention');
    expect(s3.changes).toEqual([
      expect.objectContaining({ type: 'lifecycle_rule_changed', subject: 'bucket ml-data', field: 'lifecycle rule expire-raw' }),
    ]);
    expect((s3.changes[0]!.after as { Expiration: { Days: number } }).Expiration.Days).toBe(30);

    const logs = await diff('aws.logs.retention');
    expect(logs.changes).toEqual([
      { type: 'retention_changed', subject: 'log group /ml/inference', field: 'retentionInDays', before: null, after: 90 },
    ]);

    const sm = await diff('aws.sagemaker.registry');
    expect(sm.changes).toHaveLength(1);
    expect(sm.changes[0]).toMatchObject({
      type: 'approval_changed',
      subject: 'model group fraud v2',
      before: { status: 'PendingManualApproval' },
      after: { status: 'Approved', description: 'ok for prod' },
    });
    expect((sm.changes[0]!.after as { at: string | null }).at).not.toBeNull();
    expect((await t.call<{ ok: boolean }>('store.verify')).ok).toBe(true);
  });
});
