import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { ProgressEvent } from '../../core/api';
import { AWS_KINDS } from '../../core/collectors/aws/config';
import { tempCore } from '../helpers/temp-store';
import { readItems, resetMoto, seedAccount, useAwsTestEnv } from './aws-helpers';

const endpoint = inject('motoEndpoint');
let t: Awaited<ReturnType<typeof tempCore>>;

beforeEach(async () => {
  useAwsTestEnv();
  await resetMoto(endpoint);
  t = await tempCore();
  await t.call('source.add', { type: 'aws', name: 'moto', config: { endpoint, regions: ['us-east-1', 'eu-west-1'] } });
});
afterEach(() => t.cleanup());

describe('AWS collector against moto_server', () => {
  it('source test reports the account id and caller ARN', async () => {
    const r = await t.call<{ ok: boolean; identity: string; detail: string }>('source.test', { name: 'moto' });
    expect(r.ok).toBe(true);
    expect(r.identity).toMatch(/^arn:aws:sts::123456789012:/);
    expect(r.detail).toContain('account 123456789012 (partition aws)');
  });

  it('collects every kind (regional kinds per region), and the store verifies', async () => {
    await seedAccount(endpoint);
    const progress: ProgressEvent[] = [];
    const r = await t.core.call('collect.run', { source: 'moto' }, { onProgress: (e) => progress.push(e) });
    expect(r.ok).toBe(true);
    const [summary] = (r as { value: { status: string; outcomes: { kind: string; completeness: string; scope?: { region?: string } }[] }[] }).value;
    expect(summary!.status).toBe('complete');
    expect(summary!.outcomes.map((o) => `${o.kind}${o.scope?.region ? '@' + o.scope.region : ''}`)).toEqual([
      'aws.iam',
      'aws.credential-report',
      'aws.s3.retention',
      'aws.logs.retention@us-east-1',
      'aws.logs.retention@eu-west-1',
      'aws.cloudtrail@us-east-1',
      'aws.cloudtrail@eu-west-1',
      'aws.sagemaker.registry@us-east-1',
      'aws.sagemaker.registry@eu-west-1',
    ]);
    // Progress is reported per kind and region.
    expect(progress.some((e) => e.kind === 'aws.logs.retention' && e.region === 'eu-west-1' && e.message === 'complete')).toBe(true);
    for (const kind of AWS_KINDS) expect(readItems(t.home, kind).length, kind).toBeGreaterThan(0);
    const verify = await t.call<{ ok: boolean; items: number }>('store.verify');
    expect(verify).toMatchObject({ ok: true, items: 9 });

    const iam = readItems(t.home, 'aws.iam')[0]!;
    expect(iam.scope).toEqual({ account: '123456789012', partition: 'aws' });
    expect(iam.provenance).toBe('api_snapshot');
    expect(iam.content.users.map((u: { UserName: string }) => u.UserName)).toEqual(['alice', 'bob']);
    expect(iam.content.roles[0].AssumeRolePolicyDocument.Statement[0].Principal.Service).toBe('sagemaker.amazonaws.com');
    expect(iam.ipe.command).toBe(`aws iam get-account-authorization-details --output json --region us-east-1 --endpoint-url ${endpoint}`);
    expect(iam.ipe.requestIds.length).toBeGreaterThan(0);
    expect(iam.ipe.serverDates.length).toBe(iam.ipe.requestIds.length);

    const report = readItems(t.home, 'aws.credential-report')[0]!.content;
    // moto's GeneratedTime is fixed in 2015, before the users it lists: ages use collection time instead.
    expect(report.asOfBasis).toBe('collection time (GeneratedTime precedes the report data)');
    expect(report.flags).toEqual([{ type: 'console_user_without_mfa', user: 'alice' }]);
    expect(report.rows.find((r: { user: string }) => r.user === 'bob').mfa_active).toBe('true');

    const s3 = readItems(t.home, 'aws.s3.retention')[0]!.content;
    const scratch = s3.buckets.find((b: { name: string }) => b.name === 'scratch');
    expect(scratch.lifecycle).toEqual({ status: 'not_configured', code: 'NoSuchLifecycleConfiguration' });
    expect(scratch.policy).toEqual({ status: 'not_configured', code: 'NoSuchBucketPolicy' });
    expect(s3.summary.find((b: { bucket: string }) => b.bucket === 'ml-data').prefixes[0]).toMatchObject({
      prefix: 'raw/',
      expireAfterDays: 365,
      noncurrentExpireAfterDays: 30,
    });

    const logs = readItems(t.home, 'aws.logs.retention').find((i) => i.scope.region === 'us-east-1')!.content;
    expect(logs.logGroups.map((g: { name: string; neverExpires: boolean }) => [g.name, g.neverExpires])).toEqual([
      ['/aws/sagemaker/TrainingJobs', false],
      ['/ml/inference', true],
    ]);
    const trail = readItems(t.home, 'aws.cloudtrail').find((i) => i.scope.region === 'us-east-1')!.content.trails[0];
    expect(trail).toMatchObject({
      name: 'org-trail',
      isMultiRegionTrail: true,
      logFileValidationEnabled: true,
      s3BucketName: 'trail-logs',
      status: { isLogging: true },
    });
    const groups = readItems(t.home, 'aws.sagemaker.registry').find((i) => i.scope.region === 'us-east-1')!.content.groups;
    expect(groups[0].packages.map((p: { version: number; approvalStatus: string }) => [p.version, p.approvalStatus])).toEqual([
      [1, 'Approved'],
      [2, 'PendingManualApproval'],
    ]);
    expect(groups[0].packages[0].approvalDescription).toBe('reviewed by risk');
  });

  it('never writes a credential into the store: IPE commands name only profile, region and endpoint', async () => {
    await seedAccount(endpoint);
    await t.call('collect.run', { source: 'moto', kinds: ['aws.iam', 'aws.logs.retention'] });
    const all = [...readItems(t.home, 'aws.iam'), ...readItems(t.home, 'aws.logs.retention')];
    const text = JSON.stringify(all);
    expect(text).not.toContain(process.env.AWS_SECRET_ACCESS_KEY!);
    expect(text).not.toContain(process.env.AWS_ACCESS_KEY_ID!);
    expect(all).toHaveLength(3);
  });

  it('uses the named profile from the shared config (and never stores its keys)', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join((await import('node:os')).tmpdir(), 'aws-profile-'));
    writeFileSync(
      join(dir, 'credentials'),
      '[audit-ro]\naws_access_key_id = AKIAPROFILEKEY000001\naws_secret_access_key = profile-secret-value-xyz\n',
    );
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    await t.call('source.add', { type: 'aws', name: 'profiled', config: { endpoint, profile: 'audit-ro' } });
    await seedAccount(endpoint); // seeding uses explicit test keys, so it works while the environment holds none
    const [summary] = await t.call<{ status: string }[]>('collect.run', { source: 'profiled', kinds: ['aws.logs.retention'] });
    expect(summary!.status).toBe('complete');
    const item = readItems(t.home, 'aws.logs.retention')[0]!;
    expect(item.ipe.command).toBe(`aws logs describe-log-groups --profile audit-ro --region us-east-1 --endpoint-url ${endpoint}`);
    expect(JSON.stringify(item)).not.toContain('profile-secret-value-xyz');
  });
});
