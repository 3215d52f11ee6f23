import { GetAccountAuthorizationDetailsCommand, GenerateCredentialReportCommand, GetCredentialReportCommand } from '@aws-sdk/client-iam';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import * as s3cmd from '@aws-sdk/client-s3';
import { execSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { S3_SETTINGS, S3_SETTING_NAMES, type S3SettingName } from '../../core/collectors/aws/canonical/s3-retention';
import { S3_FILE_NAMES } from '../../core/collectors/aws/import/s3-import';
import { cliErrorText, gaadAsCli } from '../fixtures/aws/cli-shapes';
import { tempCore, tempDir } from '../helpers/temp-store';
import { iamClient, readItems, resetMoto, s3Client, seedAccount, useAwsTestEnv } from './aws-helpers';

const endpoint = inject('motoEndpoint');
let t: Awaited<ReturnType<typeof tempCore>>;
let files: ReturnType<typeof tempDir>;

beforeEach(async () => {
  useAwsTestEnv();
  await resetMoto(endpoint);
  await seedAccount(endpoint);
  t = await tempCore();
  files = tempDir('aws-import-');
});
afterEach(() => (t.cleanup(), files.cleanup()));

type Imported = { seq: number; contentSha256: string; completeness: string; source: string; file: { sha256: string; bytes: number } };

/** SDK pages as a script would dump them: an array of raw page objects, documents still URL-encoded. */
async function sdkGaadPages(): Promise<Record<string, unknown>[]> {
  const iam = iamClient(endpoint);
  const pages: Record<string, unknown>[] = [];
  let Marker: string | undefined;
  do {
    const page = await iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 2, Marker }));
    pages.push(JSON.parse(JSON.stringify(page)) as Record<string, unknown>);
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);
  iam.destroy();
  return pages;
}

/** What the documented export loop writes: stdout to <name>.json, awscli's error line to <name>.err. */
async function writeS3Export(dir: string): Promise<void> {
  const s3 = s3Client(endpoint);
  const commands: Record<S3SettingName, (b: string) => { send: () => Promise<unknown> }> = {
    lifecycle: (Bucket) => ({ send: () => s3.send(new s3cmd.GetBucketLifecycleConfigurationCommand({ Bucket })) }),
    objectLock: (Bucket) => ({ send: () => s3.send(new s3cmd.GetObjectLockConfigurationCommand({ Bucket })) }),
    versioning: (Bucket) => ({ send: () => s3.send(new s3cmd.GetBucketVersioningCommand({ Bucket })) }),
    encryption: (Bucket) => ({ send: () => s3.send(new s3cmd.GetBucketEncryptionCommand({ Bucket })) }),
    publicAccessBlock: (Bucket) => ({ send: () => s3.send(new s3cmd.GetPublicAccessBlockCommand({ Bucket })) }),
    policy: (Bucket) => ({ send: () => s3.send(new s3cmd.GetBucketPolicyCommand({ Bucket })) }),
    logging: (Bucket) => ({ send: () => s3.send(new s3cmd.GetBucketLoggingCommand({ Bucket })) }),
  };
  const { Buckets } = await s3.send(new ListBucketsCommand({}));
  for (const { Name } of Buckets ?? []) {
    mkdirSync(join(dir, Name!), { recursive: true });
    for (const n of S3_SETTING_NAMES) {
      let out = '';
      let err = '';
      try {
        const { $metadata: _m, ...body } = (await commands[n](Name!).send()) as Record<string, unknown>;
        out = Object.keys(body).length ? JSON.stringify(body, null, 4) : ''; // awscli prints nothing for an empty answer
      } catch (e) {
        err = cliErrorText((e as Error).name, S3_SETTINGS[n].call, (e as Error).message);
      }
      writeFileSync(join(dir, Name!, `${S3_FILE_NAMES[n]}.json`), out);
      writeFileSync(join(dir, Name!, `${S3_FILE_NAMES[n]}.err`), err);
    }
  }
  s3.destroy();
}

async function logSize(): Promise<number> {
  return (await t.call<{ logSize: number }>('store.status')).logSize;
}

describe('offline AWS imports', () => {
  it('CLI-shaped and SDK-shaped GAAD files give the same canonical content as the live collector', async () => {
    const pages = await sdkGaadPages();
    // moto answers in one page whatever MaxItems says (Marker paging is covered by aws-real-shapes.test.ts).
    expect(pages.length).toBeGreaterThan(0);
    expect(
      typeof (pages.find((p) => (p.RoleDetailList as unknown[]).length) as { RoleDetailList: { AssumeRolePolicyDocument: unknown }[] })
        .RoleDetailList[0]!.AssumeRolePolicyDocument,
    ).toBe('string');
    writeFileSync(join(files.dir, 'gaad-sdk.json'), JSON.stringify(pages));
    writeFileSync(join(files.dir, 'gaad-cli.json'), JSON.stringify(gaadAsCli(pages), null, 4));
    const sdk = await t.call<Imported>('import.run', { type: 'aws-gaad', file: join(files.dir, 'gaad-sdk.json') });
    const cli = await t.call<Imported>('import.run', { type: 'aws-gaad', file: join(files.dir, 'gaad-cli.json') });
    expect(cli.contentSha256).toBe(sdk.contentSha256);

    await t.call('source.add', { type: 'aws', name: 'moto', config: { endpoint } });
    await t.call('collect.run', { source: 'moto', kinds: ['aws.iam'] });
    const items = readItems(t.home, 'aws.iam');
    expect(items.map((i) => i.contentSha256)).toEqual([sdk.contentSha256, sdk.contentSha256, sdk.contentSha256]);
    expect(items[0]!.provenance).toBe('admin_export');
    expect(items[0]!.scope).toEqual({ account: '123456789012', partition: 'aws' });
    expect(items[0]!.ipe.importedFile).toMatchObject({ name: 'gaad-sdk.json', sha256: sdk.file.sha256 });
    expect(items[0]!.ipe.command).toBe('aws iam get-account-authorization-details --output json > gaad.json');
    // Imports land under an import-only aws source, which collection then leaves alone.
    const sources = await t.call<{ name: string; type: string; config: Record<string, unknown> }[]>('source.list');
    expect(sources.find((s) => s.name === 'aws-import')).toMatchObject({ type: 'aws', config: { importOnly: true } });
    expect(await t.core.call('collect.run', { source: 'aws-import' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(readItems(t.home, 'aws.iam')).toHaveLength(3);
    expect((await t.call('store.verify')) as { ok: boolean }).toMatchObject({ ok: true });
  });

  it('imports the credential report as CSV and as the CLI JSON with base64 Content', async () => {
    const iam = iamClient(endpoint);
    await iam.send(new GenerateCredentialReportCommand({}));
    const report = await iam.send(new GetCredentialReportCommand({}));
    iam.destroy();
    const csv = Buffer.from(report.Content!).toString('utf8');
    writeFileSync(join(files.dir, 'cred.csv'), csv);
    writeFileSync(
      join(files.dir, 'cred.json'),
      JSON.stringify({
        Content: Buffer.from(csv).toString('base64'),
        ReportFormat: 'text/csv',
        GeneratedTime: report.GeneratedTime!.toISOString().replace('.000Z', '+00:00'),
      }),
    );
    await t.call('import.run', { type: 'aws-credential-report', file: join(files.dir, 'cred.csv'), source: 'offline' });
    await t.call('import.run', { type: 'aws-credential-report', file: join(files.dir, 'cred.json'), source: 'offline' });
    const [fromCsv, fromJson] = readItems(t.home, 'aws.credential-report');
    expect(fromCsv!.content.rows).toEqual(fromJson!.content.rows);
    expect(fromCsv!.content.generatedTime).toBeNull();
    expect(fromJson!.content.generatedTime).toBe(report.GeneratedTime!.toISOString());
    expect(fromCsv!.content.rows.map((r: { user: string }) => r.user)).toEqual(['alice', 'bob']);
    expect(fromCsv!.content.flags).toEqual([{ type: 'console_user_without_mfa', user: 'alice' }]);
    expect(fromCsv!.scope).toEqual({ account: '123456789012', partition: 'aws' });
  });

  it('imports a folder of get-bucket-* outputs to the same content as the live collector', async () => {
    const dir = join(files.dir, 's3');
    await writeS3Export(dir);
    const imported = await t.call<Imported>('import.run', { type: 'aws-s3', file: dir });
    expect(imported.completeness).toBe('complete');
    await t.call('source.add', { type: 'aws', name: 'moto', config: { endpoint } });
    await t.call('collect.run', { source: 'moto', kinds: ['aws.s3.retention'] });
    const [fromFiles, live] = readItems(t.home, 'aws.s3.retention');
    expect(fromFiles!.content).toEqual(live!.content);
    expect(fromFiles!.contentSha256).toBe(live!.contentSha256);
    expect(fromFiles!.ipe.command).toContain(
      'aws s3api get-bucket-lifecycle-configuration --bucket $b > s3/$b/lifecycle.json 2> s3/$b/lifecycle.err',
    );
  });

  it('an aws-s3 folder with a missing output or an unexpected error is imported as partial, naming it', async () => {
    const dir = join(files.dir, 's3');
    mkdirSync(join(dir, 'logs-bucket'), { recursive: true });
    writeFileSync(join(dir, 'logs-bucket', 'lifecycle.err'), cliErrorText('AccessDenied', 'GetBucketLifecycleConfiguration', 'Access Denied'));
    writeFileSync(join(dir, 'logs-bucket', 'policy.err'), cliErrorText('NoSuchBucketPolicy', 'GetBucketPolicy', 'The bucket policy does not exist'));
    writeFileSync(join(dir, 'logs-bucket', 'versioning.json'), '');
    const r = await t.call<Imported & { errors: string[] }>('import.run', { type: 'aws-s3', file: dir });
    expect(r.completeness).toBe('partial');
    expect(r.errors).toContain('GetBucketLifecycleConfiguration on bucket logs-bucket: AccessDenied');
    expect(r.errors).toContain('GetBucketEncryption on bucket logs-bucket: NotProvided');
    const [item] = readItems(t.home, 'aws.s3.retention');
    expect(item!.content.buckets[0].policy).toEqual({ status: 'not_configured', code: 'NoSuchBucketPolicy' });
    // The folder's hash is reproducible with coreutils, as docs/aws.md says.
    const manifestHash = execSync('sha256sum */*.json */*.err | LC_ALL=C sort -k2 | sha256sum', { cwd: dir, shell: '/bin/bash' })
      .toString()
      .split(' ')[0];
    expect(r.file.sha256).toBe(manifestHash);
    expect(item!.content.buckets[0].versioning).toEqual({ status: 'not_configured', code: null });
  });

  describe('bad input is rejected with a message and leaves the store untouched', () => {
    async function rejected(procedure: string, file: string): Promise<string> {
      const before = await logSize();
      const r = await t.core.call('import.run', { type: procedure.replace(/^import\./, ''), file });
      expect(r.ok).toBe(false);
      expect(await logSize()).toBe(before);
      expect((await t.call<{ items: number }>('store.status')).items).toBe(0);
      return (r as { error: { code: string; message: string } }).error.code + ': ' + (r as { error: { message: string } }).error.message;
    }

    it('a JSON file that is not GAAD', async () => {
      writeFileSync(join(files.dir, 'users.json'), JSON.stringify({ Users: [{ UserName: 'alice' }] }));
      expect(await rejected('import.aws-gaad', join(files.dir, 'users.json'))).toMatch(
        /^BAD_INPUT: users\.json is not GetAccountAuthorizationDetails output/,
      );
      writeFileSync(join(files.dir, 'text.json'), 'user,arn\n');
      expect(await rejected('import.aws-gaad', join(files.dir, 'text.json'))).toMatch(/^BAD_INPUT: .*text\.json is not JSON/);
    });

    it('a credential report CSV with missing columns', async () => {
      writeFileSync(
        join(files.dir, 'short.csv'),
        'user,arn,user_creation_time,password_enabled,mfa_active\nalice,arn:aws:iam::123456789012:user/alice,2024-01-01T00:00:00+00:00,true,false\n',
      );
      const message = await rejected('import.aws-credential-report', join(files.dir, 'short.csv'));
      expect(message).toMatch(/^BAD_INPUT: Not a complete IAM credential report: missing column\(s\) password_last_used, /);
      expect(message).toContain('cert_2_last_rotated');
    });

    it('a 200 MB file is refused from its size, before it is read', async () => {
      const big = join(files.dir, 'huge.json');
      const fd = openSync(big, 'w');
      ftruncateSync(fd, 200 * 1024 * 1024); // sparse: no 200 MB written to disk
      closeSync(fd);
      for (const p of ['import.aws-gaad', 'import.aws-credential-report']) {
        expect(await rejected(p, big)).toBe(`BAD_INPUT: ${big} is 200.0 MB; imports are limited to 100 MB. Nothing was read or recorded.`);
      }
      const dir = join(files.dir, 's3big', 'bucket');
      mkdirSync(dir, { recursive: true });
      const fd2 = openSync(join(dir, 'policy.json'), 'w');
      ftruncateSync(fd2, 200 * 1024 * 1024);
      closeSync(fd2);
      expect(await rejected('import.aws-s3', join(files.dir, 's3big'))).toMatch(/is 200\.0 MB; imports are limited to 100 MB/);
    });

    it('a missing file and an aws-s3 folder without bucket outputs', async () => {
      expect(await rejected('import.aws-gaad', join(files.dir, 'nope.json'))).toMatch(/^NOT_FOUND: GAAD file not found/);
      mkdirSync(join(files.dir, 'empty'));
      expect(await rejected('import.aws-s3', join(files.dir, 'empty'))).toMatch(/^BAD_INPUT: .*holds no bucket folders/);
    });
  });
});
