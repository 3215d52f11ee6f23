import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { S3_SETTING_NAMES, canonicalS3, settingFromResponse, type BucketRetention } from '../../core/collectors/aws/canonical/s3-retention';
import { S3_FILE_NAMES } from '../../core/collectors/aws/import/s3-import';
import { canonicalBytes, sha256Hex } from '../../core/util/canonical';
import { runCli } from '../helpers/cli';
import { tempCore, tempDir } from '../helpers/temp-store';

const MLFLOW_USER = readFileSync(join(import.meta.dirname, '../fixtures/mlflow-import/users-get.json'), 'utf8');

/** What each `aws s3api get-bucket-*` prints for a configured bucket (shapes from the AWS CLI reference). */
const VALID: Record<string, unknown> = {
  lifecycle: {
    Rules: [
      {
        ID: 'expire-logs',
        Filter: { Prefix: 'logs/' },
        Status: 'Enabled',
        Expiration: { Days: 365 },
        NoncurrentVersionExpiration: { NoncurrentDays: 30 },
      },
    ],
  },
  'object-lock': { ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: 7 } } } },
  versioning: { Status: 'Enabled', MFADelete: 'Disabled' },
  encryption: {
    ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }] },
  },
  'public-access-block': {
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
  },
  policy: {
    Policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b1/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ],
    }),
  },
  logging: { LoggingEnabled: { TargetBucket: 'logs', TargetPrefix: 'b1/' } },
};

let t: Awaited<ReturnType<typeof tempCore>>;
let files: ReturnType<typeof tempDir>;
let dir: string;
beforeEach(async () => {
  t = await tempCore();
  files = tempDir('el-s3-shapes-');
  dir = join(files.dir, 's3');
  mkdirSync(join(dir, 'b1'), { recursive: true });
});
afterEach(() => (t.cleanup(), files.cleanup()));

const put = (base: string, text: string) => writeFileSync(join(dir, 'b1', `${base}.json`), text);

async function refused(): Promise<string> {
  const before = await t.call<{ logSize: number }>('store.status');
  const r = await t.core.call('import.run', { type: 'aws-s3', file: dir });
  expect(r.ok).toBe(false);
  expect((await t.call<{ logSize: number; items: number }>('store.status')).logSize).toBe(before.logSize);
  const { code, message } = (r as { error: { code: string; message: string } }).error;
  expect(code).toBe('BAD_INPUT');
  return message;
}

describe('import aws-s3: each file must have the shape of the command it claims to come from', () => {
  it('a folder of MLflow user JSON files is refused, naming the file and what it looks like (exit 2)', async () => {
    for (const base of Object.values(S3_FILE_NAMES)) put(base, MLFLOW_USER);
    t.core.close();
    const r = await runCli(['--home', t.home, 'import', 'aws-s3', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /b1\/lifecycle\.json is not `aws s3api get-bucket-lifecycle-configuration` output: it is an object with the key\(s\) "user", expected \{"Rules": \[\.\.\.\]\}/,
    );
    expect((await runCli(['--home', t.home, 'status', '--json'])).stdout).toMatch(/"items": 0/);
  });

  it.each([
    [
      'versioning',
      '{"user": {"username": "alice"}}',
      /b1\/versioning\.json is not `aws s3api get-bucket-versioning` output: it is an object with the key\(s\) "user"/,
    ],
    ['logging', '{"users": []}', /b1\/logging\.json is not `aws s3api get-bucket-logging` output: it is an object with the key\(s\) "users"/],
    ['object-lock', '{}', /b1\/object-lock\.json is not .* it is an empty object, expected \{"ObjectLockConfiguration"/],
    ['lifecycle', '{"Rules": [{"ID": "r"}]}', /lifecycle\.json .*\(Rules\.0\.Status: Invalid option/],
    ['encryption', '[1, 2]', /b1\/encryption\.json is not `aws s3api get-bucket-encryption` output: it is an array/],
    ['public-access-block', '{"PublicAccessBlockConfiguration": {"BlockPublicAcls": "yes"}}', /public-access-block\.json .*BlockPublicAcls/],
    ['policy', '{"Policy": "not json"}', /b1\/policy\.json: its "Policy" string is not JSON/],
    [
      'policy',
      '{"Policy": "{\\"model_versions\\": []}"}',
      /b1\/policy\.json: its "Policy" is an object with the key\(s\) "model_versions", not a policy document/,
    ],
    ['lifecycle', 'Rules  expire-logs  Enabled', /b1\/lifecycle\.json is not JSON, .*--output json/],
  ])('%s.json holding %s', async (base, text, message) => {
    put(base, text);
    expect(await refused()).toMatch(message);
  });

  it('a bucket policy string nested 5,000 deep (a depth check of the file never sees inside the string)', async () => {
    put('policy', JSON.stringify({ Policy: `{"Statement":${'['.repeat(5000)}${']'.repeat(5000)}}` }));
    expect(await refused()).toMatch(/b1\/policy\.json's "Policy" nests JSON more than 64 levels deep/);
  });

  it('the documented outputs are accepted: a complete snapshot, same content as before this check', async () => {
    for (const [base, json] of Object.entries(VALID)) put(base, JSON.stringify(json, null, 4));
    const r = await t.call<{ completeness: string; errors: string[]; contentSha256: string }>('import.run', { type: 'aws-s3', file: dir });
    expect(r).toMatchObject({ completeness: 'complete', errors: [] });
    // The check only refuses: accepted files map to exactly the content they mapped to without it.
    const bucket = {
      name: 'b1',
      ...Object.fromEntries(S3_SETTING_NAMES.map((n) => [n, settingFromResponse(n, VALID[S3_FILE_NAMES[n]])])),
    } as BucketRetention;
    expect(r.contentSha256).toBe(sha256Hex(canonicalBytes(canonicalS3([bucket]))));
  });

  it('versioning and logging may be {} or empty (never configured); other settings may be missing (partial)', async () => {
    put('versioning', '{}');
    put('logging', '');
    const r = await t.call<{ completeness: string; errors: string[] }>('import.run', { type: 'aws-s3', file: dir });
    expect(r.completeness).toBe('partial');
    expect(r.errors).toContain('GetBucketLifecycleConfiguration on bucket b1: NotProvided');
  });
});
