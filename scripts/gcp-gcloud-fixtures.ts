/**
 * Regenerates test/fixtures/gcp/gcloud/*: the REAL gcloud CLI (google-cloud-cli, tested with 528) run against the
 * local GCP stub, so import tests read files exactly as gcloud formats them (normalised and --raw shapes).
 *   npx tsx scripts/gcp-gcloud-fixtures.ts
 * Offline: endpoint overrides point gcloud at 127.0.0.1 and an access-token file replaces a login.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startGcpStub } from '../test/fixtures/gcp/stub-server';

const OUT = fileURLToPath(new URL('../test/fixtures/gcp/gcloud/', import.meta.url));
const TOKEN = 'ya29.gcloud-fixture-token';

const stub = await startGcpStub();
stub.issued.push(TOKEN);
const config = mkdtempSync(join(tmpdir(), 'el-gcloud-'));
writeFileSync(join(config, 'token'), TOKEN);
const env = {
  ...process.env,
  CLOUDSDK_CONFIG: config,
  CLOUDSDK_AUTH_ACCESS_TOKEN_FILE: join(config, 'token'),
  CLOUDSDK_CORE_PROJECT: 'acme-ml-prod',
  CLOUDSDK_CORE_DISABLE_PROMPTS: '1',
  // Without these two gcloud tries to reach Google before it runs the command.
  CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: '1',
  CLOUDSDK_CORE_DISABLE_USAGE_REPORTING: '1',
  CLOUDSDK_API_ENDPOINT_OVERRIDES_STORAGE: `${stub.url}/storage/v1/`,
  CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDRESOURCEMANAGER: `${stub.url}/`,
};
const files: [string, string[]][] = [
  ['projects-get-iam-policy.json', ['projects', 'get-iam-policy', 'acme-ml-prod', '--format=json']],
  ['projects-get-iam-policy.yaml', ['projects', 'get-iam-policy', 'acme-ml-prod']],
  ['buckets-describe.json', ['storage', 'buckets', 'describe', 'gs://acme-datasets', '--format=json']],
  ['buckets-describe-raw.json', ['storage', 'buckets', 'describe', 'gs://acme-datasets', '--format=json', '--raw']],
  ['buckets-describe-scratch.json', ['storage', 'buckets', 'describe', 'gs://acme-scratch', '--format=json']],
  ['buckets-list-raw.json', ['storage', 'buckets', 'list', '--format=json', '--raw']],
  ['buckets-get-iam-policy.json', ['storage', 'buckets', 'get-iam-policy', 'gs://acme-scratch', '--format=json']],
];
try {
  for (const [file, args] of files) {
    // Asynchronous on purpose: the stub answers from this same process.
    const { stdout } = await promisify(execFile)('gcloud', args, { env, encoding: 'utf8', timeout: 120_000 });
    writeFileSync(join(OUT, file), stdout);
    console.log(`wrote ${file}  (gcloud ${args.join(' ')})`);
  }
} finally {
  await stub.close();
  rmSync(config, { recursive: true, force: true });
}
