import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient, CreateLogGroupCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { EvidenceStore } from '../../core/store/evidence-store';
import { getItem, listItemMeta } from '../../core/store/store-reads';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { CreateModelPackageCommand, CreateModelPackageGroupCommand, SageMakerClient, UpdateModelPackageCommand } from '@aws-sdk/client-sagemaker';

/**
 * Test credentials for moto (and our local fake AWS): fixed dummy keys, and no path to a real account —
 * no shared config files, no instance metadata (tests talk only to 127.0.0.1).
 */
export function useAwsTestEnv(): void {
  process.env.AWS_ACCESS_KEY_ID = 'testing';
  process.env.AWS_SECRET_ACCESS_KEY = 'testing';
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/aws-credentials';
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
}

export async function resetMoto(endpoint: string): Promise<void> {
  const r = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
  if (!r.ok) throw new Error(`moto reset failed: ${r.status}`);
}

const base = (endpoint: string) => ({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
export const iamClient = (endpoint: string) => new IAMClient(base(endpoint));
export const s3Client = (endpoint: string) => new S3Client({ ...base(endpoint), forcePathStyle: true });

export const TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
export const RAW_LIFECYCLE = {
  ID: 'expire-raw',
  Filter: { Prefix: 'raw/' },
  Status: 'Enabled',
  Expiration: { Days: 365 },
  NoncurrentVersionExpiration: { NoncurrentDays: 30 },
} as const;

/** A small, realistic account: joiners with and without MFA, a role, buckets with and without settings. */
export async function seedAccount(endpoint: string): Promise<void> {
  const iam = iamClient(endpoint);
  await iam.send(new CreateGroupCommand({ GroupName: 'ml-engineers' }));
  const policy = await iam.send(
    new CreatePolicyCommand({
      PolicyName: 'read-models',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::ml-models/*' }],
      }),
    }),
  );
  for (const user of ['alice', 'bob']) {
    await iam.send(new CreateUserCommand({ UserName: user, Tags: [{ Key: 'team', Value: 'ml' }] }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'ml-engineers', UserName: user }));
    await iam.send(new CreateLoginProfileCommand({ UserName: user, Password: 'Sup3r-Secret-pw!' }));
    await iam.send(new CreateAccessKeyCommand({ UserName: user }));
  }
  await iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: policy.Policy!.Arn! }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: 'bob',
      PolicyName: 'inline-list',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] }),
    }),
  );
  const mfa = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'bob-mfa' }));
  await iam.send(
    new EnableMFADeviceCommand({
      UserName: 'bob',
      SerialNumber: mfa.VirtualMFADevice!.SerialNumber!,
      AuthenticationCode1: '123456',
      AuthenticationCode2: '654321',
    }),
  );
  await iam.send(new CreateRoleCommand({ RoleName: 'sagemaker-exec', AssumeRolePolicyDocument: JSON.stringify(TRUST_POLICY) }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'sagemaker-exec', PolicyArn: policy.Policy!.Arn! }));

  const s3 = s3Client(endpoint);
  await s3.send(new CreateBucketCommand({ Bucket: 'ml-data' }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: 'ml-data', VersioningConfiguration: { Status: 'Enabled' } }));
  await s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: 'ml-data', LifecycleConfiguration: { Rules: [RAW_LIFECYCLE] } }));
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: 'ml-data',
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    }),
  );
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: 'ml-data',
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: 'arn:aws:s3:::ml-data/*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    }),
  );
  await s3.send(new CreateBucketCommand({ Bucket: 'scratch' }));
  await s3.send(new CreateBucketCommand({ Bucket: 'trail-logs' }));

  const logs = new CloudWatchLogsClient(base(endpoint));
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/sagemaker/TrainingJobs' }));
  await logs.send(new PutRetentionPolicyCommand({ logGroupName: '/aws/sagemaker/TrainingJobs', retentionInDays: 365 }));
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/ml/inference' }));

  const ct = new CloudTrailClient(base(endpoint));
  await ct.send(new CreateTrailCommand({ Name: 'org-trail', S3BucketName: 'trail-logs', IsMultiRegionTrail: true, EnableLogFileValidation: true }));
  await ct.send(new StartLoggingCommand({ Name: 'org-trail' }));
  await ct.send(new PutEventSelectorsCommand({ TrailName: 'org-trail', EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] }));

  const sm = new SageMakerClient(base(endpoint));
  await sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'fraud', ModelPackageGroupDescription: 'fraud models' }));
  for (let v = 0; v < 2; v++) {
    await sm.send(
      new CreateModelPackageCommand({
        ModelPackageGroupName: 'fraud',
        ModelPackageDescription: `fraud v${v + 1}`,
        ModelApprovalStatus: 'PendingManualApproval',
        CustomerMetadataProperties: { gitCommit: `abc${v}` },
        InferenceSpecification: {
          Containers: [{ Image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud:latest' }],
          SupportedContentTypes: ['text/csv'],
          SupportedResponseMIMETypes: ['text/csv'],
        },
      }),
    );
  }
  await sm.send(
    new UpdateModelPackageCommand({
      ModelPackageArn: 'arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud/1',
      ModelApprovalStatus: 'Approved',
      ApprovalDescription: 'reviewed by risk',
    }),
  );
  for (const c of [iam, s3, logs, ct, sm]) c.destroy();
}

/** Items of one kind with their content and IPE, read straight from the store the core wrote. */
export function readItems(
  home: string,
  kind: string,
): {
  seq: number;
  scope: Record<string, string>;
  contentSha256: string;
  completeness: string;
  provenance: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests navigate stored JSON freely
  content: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ipe: any;
}[] {
  const store = EvidenceStore.open({ home, secrets: new MemorySecretStore(), actor: { osUser: 'test', host: 'test-host' } });
  try {
    return listItemMeta(store, { kind }).map((m) => {
      const row = getItem(store, m.seq);
      return {
        seq: m.seq,
        scope: JSON.parse(m.scope) as Record<string, string>,
        contentSha256: m.content_sha256,
        completeness: m.completeness,
        provenance: m.provenance,
        content: JSON.parse(row.content.toString('utf8')),
        ipe: JSON.parse(row.ipe.toString('utf8')),
      };
    });
  } finally {
    store.close();
  }
}
