import { z } from 'zod';
import { AppError, toErrorBody } from '../../../util/errors';
import {
  bucketIamFromPolicy,
  bucketSummary,
  canonicalBucket,
  rawBucketSchema,
  type BucketIam,
  type CanonicalBucket,
  type RawBucket,
} from '../canonical/bucket';
import { policySchema } from '../canonical/policy';
import type { KindCollector, KindRun } from './types';

// storage v1 buckets.list → `Buckets{kind, items[Bucket], nextPageToken}` (maxResults uint32, pageToken, projection).
const bucketsPage = z.object({ items: z.array(rawBucketSchema).default([]), nextPageToken: z.string().optional() });

/** gcp.storage.retention content, shared by live collection and `import gcp`. */
export function storageContent(project: string, buckets: CanonicalBucket[], asOf: string) {
  const sorted = [...buckets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { project, asOf, buckets: sorted, summary: sorted.map(bucketSummary) };
}

/** One bucket's IAM policy; a refusal for one bucket is a fact about that bucket, a rejected credential is not. */
async function bucketIam(run: KindRun, bucket: string): Promise<BucketIam> {
  // storage v1 buckets.getIamPolicy: GET b/{bucket}/iam?optionsRequestedPolicyVersion=3 → Policy{kind: storage#policy, …}.
  const url = `${run.endpoints.storage}/storage/v1/b/${encodeURIComponent(bucket)}/iam?optionsRequestedPolicyVersion=3`;
  try {
    return bucketIamFromPolicy(await run.client.json('GET', url, policySchema, run.trace), run.asOf);
  } catch (err) {
    if (err instanceof AppError && (err.code === 'AUTH_FAILED' || err.code === 'ENVIRONMENT' || err.code === 'CANCELLED')) throw err;
    const e = toErrorBody(err);
    return { status: 'error', call: 'storage.buckets.getIamPolicy', code: e.code, message: e.message };
  }
}

/** gcp.storage.retention: every bucket of the project (full projection) and each bucket's IAM policy. */
export const collectStorage: KindCollector = async (run) => {
  const project = run.config.project;
  const size = run.client.pageSize;
  const raw: RawBucket[] = await run.client.pages({
    what: 'storage buckets.list',
    page: (token) => {
      const q = new URLSearchParams({ project, maxResults: String(size), projection: 'full', ...(token ? { pageToken: token } : {}) });
      return run.client.json('GET', `${run.endpoints.storage}/storage/v1/b?${q}`, bucketsPage, run.trace);
    },
    items: (p) => p.items,
    next: (p) => p.nextPageToken,
    saveCursor: (c) => run.saveCursor(c),
  });
  const buckets: CanonicalBucket[] = [];
  for (const b of raw) {
    buckets.push(canonicalBucket(b, await bucketIam(run, b.name)));
    run.progress(buckets.length);
  }
  const errors = buckets.flatMap((b) => (b.iamPolicy.status === 'error' ? [`${b.iamPolicy.call} on bucket ${b.name}: ${b.iamPolicy.message}`] : []));
  return {
    content: storageContent(project, buckets, run.asOf),
    parameters: { project, maxResults: size, projection: 'full', optionsRequestedPolicyVersion: 3 },
    recordsRetrieved: buckets.length,
    commands: [
      `gcloud storage buckets list --project=${project} --format=json --raw`,
      'gcloud storage buckets get-iam-policy gs://<each bucket> --format=json',
    ],
    errors,
  };
};
