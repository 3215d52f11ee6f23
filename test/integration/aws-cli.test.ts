import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-store';
import { credentialReportCsv } from '../fixtures/aws/real-aws-shapes';
import { resetMoto, seedAccount, useAwsTestEnv } from './aws-helpers';

const endpoint = inject('motoEndpoint');
let home: ReturnType<typeof tempDir>;

beforeEach(async () => {
  useAwsTestEnv();
  await resetMoto(endpoint);
  home = tempDir();
  expect((await runCli(['--home', home.dir, 'init'])).code).toBe(0);
});
afterEach(() => home.cleanup());

describe('CLI: AWS', () => {
  it('source add with --regions and --endpoint, source test reports the account, collect reports each kind', async () => {
    await seedAccount(endpoint);
    const add = await runCli([
      '--home',
      home.dir,
      'source',
      'add',
      'aws',
      '--name',
      'prod',
      '--regions',
      'us-east-1, eu-west-1',
      '--endpoint',
      endpoint,
    ]);
    expect(add.code).toBe(0);
    const test = await runCli(['--home', home.dir, 'source', 'test', 'prod']);
    expect(test.code).toBe(0);
    expect(test.stdout).toContain('123456789012');
    const collect = await runCli(['--home', home.dir, '--json', 'collect', '--source', 'prod']);
    expect(collect.code).toBe(0);
    const [summary] = JSON.parse(collect.stdout).value as { status: string; outcomes: unknown[] }[];
    expect(summary).toMatchObject({ status: 'complete' });
    expect(summary!.outcomes).toHaveLength(9);
  });

  it('import --help documents the AWS import types and the aws-s3 file names', async () => {
    const r = await runCli(['import', '--help']);
    expect(r.stdout).toMatch(/aws-credential-report\s+Import an IAM credential report/);
    expect(r.stdout).toMatch(/aws-gaad\s+Import `aws iam get-account-authorization-details` output/);
    expect(r.stdout).toMatch(/aws-s3\s+.*DIR\/<bucket>\/\{lifecycle,object-lock,versioning,encryption,public-access-block,policy,logging\}\.json/);
  });

  it('import aws-credential-report FILE.csv prints the item and the file hash; a bad file exits 2', async () => {
    const csv = join(home.dir, 'cred.csv');
    writeFileSync(csv, credentialReportCsv());
    const r = await runCli(['--home', home.dir, 'import', 'aws-credential-report', csv, '--source', 'offline-aws']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/into source "offline-aws" as item #1 \(aws\.credential-report, 2 record\(s\)\)/);
    expect(r.stdout).toMatch(/cred\.csv: \d+ bytes, sha256 [0-9a-f]{64}/);
    writeFileSync(csv, 'user,arn\nalice,x\n');
    const bad = await runCli(['--home', home.dir, 'import', 'aws-credential-report', csv]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/BAD_INPUT.*missing column\(s\) user_creation_time/);
  });
});
