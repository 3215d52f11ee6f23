import { join } from 'node:path';
import type { Core } from '../core/api';

/**
 * GCP demo evidence: two gcloud exports of a project IAM policy and of its buckets (written by the real gcloud
 * against the test stub, the second edited: a joiner, a mover, a condition extended, a lifecycle rule and a
 * retention policy changed), imported through `import gcp` like an admin's files, then diffed.
 */
export function gcpDemoSteps(core: Core, dir: string): [string, () => ReturnType<Core['callUntyped']>][] {
  const file = (name: string) => ({ type: 'gcp', file: join(dir, name), source: 'demo-gcp' });
  return [
    // The first file names the project (gcloud writes none into the policy); the source remembers it after that.
    ['import', () => core.call('import.run', file('acme-ml-prod.iam-policy.json'))],
    ['import', () => core.call('import.run', file('gcp-buckets-1.json'))],
    ['import', () => core.call('import.run', file('gcp-iam-policy-2.json'))],
    ['import', () => core.call('import.run', file('gcp-buckets-2.json'))],
    ['diff', () => core.call('diff.run', { source: 'demo-gcp', kind: 'gcp.iam' })],
    ['diff', () => core.call('diff.run', { source: 'demo-gcp', kind: 'gcp.storage.retention' })],
  ];
}
