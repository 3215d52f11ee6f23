import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  S3_SETTINGS,
  S3_SETTING_NAMES,
  bucketErrors,
  canonicalS3,
  settingFromError,
  settingFromResponse,
  type BucketRetention,
  type S3Setting,
  type S3SettingName,
} from '../canonical/s3-retention';
import { awsErrorCode, isAuthFailure } from '../errors';
import { PageTokens, checkAborted, type KindCollector } from './types';

const LIST_PAGE_SIZE = 1000;

function send(s3: S3Client, name: S3SettingName, Bucket: string): Promise<unknown> {
  switch (name) {
    case 'lifecycle':
      return s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }));
    case 'objectLock':
      return s3.send(new GetObjectLockConfigurationCommand({ Bucket }));
    case 'versioning':
      return s3.send(new GetBucketVersioningCommand({ Bucket }));
    case 'encryption':
      return s3.send(new GetBucketEncryptionCommand({ Bucket }));
    case 'publicAccessBlock':
      return s3.send(new GetPublicAccessBlockCommand({ Bucket }));
    case 'policy':
      return s3.send(new GetBucketPolicyCommand({ Bucket }));
    case 'logging':
      return s3.send(new GetBucketLoggingCommand({ Bucket }));
  }
}

async function readSetting(s3: S3Client, name: S3SettingName, bucket: string): Promise<S3Setting> {
  try {
    return settingFromResponse(name, await send(s3, name, bucket));
  } catch (err) {
    if (isAuthFailure(err)) throw err; // expired credentials fail the kind; they are not a per-bucket fact
    return settingFromError(name, awsErrorCode(err), (err as Error).message ?? '');
  }
}

/** aws.s3.retention: every bucket's seven retention-relevant settings, "not configured" made explicit. */
export const collectS3Retention: KindCollector = async (run) => {
  const names: string[] = [];
  let token: string | undefined;
  let pages = 0;
  const tokens = new PageTokens('ListBuckets');
  do {
    checkAborted(run.signal);
    const page = await run.clients.s3.send(new ListBucketsCommand({ MaxBuckets: LIST_PAGE_SIZE, ContinuationToken: token }));
    run.page();
    pages += 1;
    for (const b of page.Buckets ?? []) if (b.Name) names.push(b.Name);
    token = tokens.next(page.ContinuationToken);
    run.saveCursor({ continuationToken: token ?? null });
  } while (token);
  const buckets: BucketRetention[] = [];
  for (const name of names.sort()) {
    checkAborted(run.signal);
    const settings = await Promise.all(S3_SETTING_NAMES.map((n) => readSetting(run.clients.s3, n, name)));
    buckets.push({ name, ...Object.fromEntries(S3_SETTING_NAMES.map((n, i) => [n, settings[i]!])) } as BucketRetention);
    run.progress(pages, buckets.length);
  }
  return {
    content: canonicalS3(buckets),
    parameters: { MaxBuckets: LIST_PAGE_SIZE },
    recordsRetrieved: buckets.length,
    apiTotal: null,
    commands: ['aws s3api list-buckets', ...S3_SETTING_NAMES.map((n) => `aws s3api ${S3_SETTINGS[n].cli} --bucket <each bucket>`)],
    errors: bucketErrors(buckets),
  };
};
