import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WeekState } from './demo-history-files';

const DENIED = 'An error occurred (AccessDenied) when calling the GetBucketLifecycleConfiguration operation: Access Denied';

/** One `aws s3api get-bucket-*` output per setting and bucket (stdout in .json, stderr in .err), as S3_EXPORT_SCRIPT writes them. */
export function writeS3Folder(dir: string, state: Pick<WeekState, 'lifecycleDenied'>): void {
  const buckets: Record<string, Record<string, unknown>> = {
    'acme-training-data': { lifecycle: { Rules: [{ ID: 'expire-raw', Status: 'Enabled', Filter: { Prefix: 'raw/' }, Expiration: { Days: 365 } }] } },
    'acme-model-artifacts': {
      lifecycle: { Rules: [{ ID: 'old-versions', Status: 'Enabled', Filter: {}, NoncurrentVersionExpiration: { NoncurrentDays: 180 } }] },
    },
  };
  for (const [bucket, own] of Object.entries(buckets)) {
    const b = join(dir, bucket);
    mkdirSync(b, { recursive: true });
    const out = (name: string, json: unknown, err = '') => {
      writeFileSync(join(b, `${name}.json`), json === null ? '' : JSON.stringify(json, null, 2));
      writeFileSync(join(b, `${name}.err`), err);
    };
    if (state.lifecycleDenied && bucket === 'acme-model-artifacts') out('lifecycle', null, DENIED);
    else out('lifecycle', own.lifecycle);
    out(
      'object-lock',
      null,
      'An error occurred (ObjectLockConfigurationNotFoundError) when calling the GetObjectLockConfiguration operation: Object Lock configuration does not exist for this bucket',
    );
    out('versioning', { Status: 'Enabled' });
    out('encryption', {
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true }] },
    });
    out('public-access-block', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    });
    out('policy', null, 'An error occurred (NoSuchBucketPolicy) when calling the GetBucketPolicy operation: The bucket policy does not exist');
    out('logging', {});
  }
}
