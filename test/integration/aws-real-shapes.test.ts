import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../core/api';
import { startFakeAws, type FakeAws, type Handler } from '../fixtures/aws/fake-aws-server';
import { ACCOUNT, GENERATED_TIME, jsonError, queryError, queryResponse, s3Error } from '../fixtures/aws/real-aws-shapes';
import { tempCore } from '../helpers/temp-store';
import { readItems, useAwsTestEnv } from './aws-helpers';

// Paths real AWS takes and moto cannot show, served through the real SDK against a loopback server.
let fake: FakeAws | null = null;
let t: Awaited<ReturnType<typeof tempCore>>;

async function collectFrom(override?: Handler, config: Record<string, unknown> = {}) {
  fake = await startFakeAws(override);
  await t.call('source.add', { type: 'aws', name: 'prod', config: { endpoint: fake.endpoint, ...config } });
  const progress: ProgressEvent[] = [];
  const r = await t.core.call('collect.run', { source: 'prod' }, { onProgress: (e) => progress.push(e) });
  if (!r.ok) throw new Error(r.error.message);
  const [summary] = r.value as { status: string; reason: string | null; outcomes: { kind: string; completeness: string; error?: string }[] }[];
  return { summary: summary!, progress, seen: fake.seen };
}

beforeEach(async () => {
  useAwsTestEnv();
  t = await tempCore();
});
afterEach(async () => {
  await fake?.close();
  fake = null;
  t.cleanup();
});

describe('AWS collector against real-AWS response shapes', () => {
  it('keeps the <root_account> row and GeneratedTime, flags old keys and console users without MFA', async () => {
    const { summary } = await collectFrom();
    expect(summary.outcomes.find((o) => o.kind === 'aws.credential-report')?.completeness).toBe('complete');
    const [item] = readItems(t.home, 'aws.credential-report');
    expect(item!.scope).toEqual({ account: ACCOUNT, partition: 'aws' });
    const c = item!.content;
    expect(c.generatedTime).toBe(new Date(GENERATED_TIME).toISOString());
    expect(c.asOfBasis).toBe('GeneratedTime');
    expect(c.rows.map((r: { user: string }) => r.user)).toEqual(['<root_account>', 'alice']);
    expect(c.flags).toEqual([
      { type: 'root_without_mfa', user: '<root_account>' },
      { type: 'console_user_without_mfa', user: 'alice' },
      { type: 'access_key_older_than_90_days', user: 'alice', credential: 'access_key_1', days: 300 },
    ]);
    expect(Object.keys(c.rows[0]).length).toBe(22);
  });

  it('follows GAAD Marker pages, decodes URL-encoded policies and records request ids and Date headers', async () => {
    const { seen } = await collectFrom();
    expect(seen.filter((s) => s.action === 'GetAccountAuthorizationDetails')).toHaveLength(2);
    expect(seen.filter((s) => s.action === 'GenerateCredentialReport')).toHaveLength(2); // STARTED, then COMPLETE
    const [item] = readItems(t.home, 'aws.iam');
    expect(item!.content.users[0].UserPolicyList[0].PolicyDocument.Statement[0].Action).toBe('*');
    expect(item!.content.roles[0].AssumeRolePolicyDocument.Statement[0].Principal.Service).toBe('sagemaker.amazonaws.com');
    expect(item!.content.roles[0].RoleLastUsed.LastUsedDate).toBe('2026-11-19T10:00:00.000Z');
    expect(item!.ipe.pages).toBe(2);
    expect(item!.ipe.apiVersion).toBe('iam 2010-05-08');
    expect(item!.ipe.requestIds).toHaveLength(2);
    expect(item!.ipe.serverDates[0]).toMatch(/GMT$/);
    expect(item!.ipe.endpoints[0]).toMatch(/^iam:GetAccountAuthorizationDetails http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('records default SSE-S3 encryption, object lock years and the effective retention per prefix', async () => {
    await collectFrom();
    const [item] = readItems(t.home, 'aws.s3.retention');
    const data = item!.content.buckets.find((b: { name: string }) => b.name === 'ml-data');
    expect(data.encryption.config.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(data.versioning).toEqual({ status: 'configured', config: { Status: 'Enabled', MFADelete: 'Enabled' } });
    const summary = item!.content.summary.find((s: { bucket: string }) => s.bucket === 'ml-data');
    expect(summary).toMatchObject({
      objectLockMode: 'COMPLIANCE',
      objectLockMinimumDays: 2555,
      defaultExpireAfterDays: 730,
      keptIndefinitelyOutsidePrefixes: false,
    });
    expect(summary.prefixes.map((p: { prefix: string; expireAfterDays: number }) => [p.prefix, p.expireAfterDays])).toEqual([
      ['', 730],
      ['raw/', 365],
    ]);
    const sm = readItems(t.home, 'aws.sagemaker.registry')[0]!.content.groups[0].packages[0];
    expect(sm.lastModifiedBy.IamIdentity.Arn).toContain('risk-reviewer/carol');
    expect(readItems(t.home, 'aws.logs.retention')[0]!.ipe.pages).toBe(2);
  });

  it('access denied on one call: that kind is partial and names the call; the other kinds complete', async () => {
    const { summary } = await collectFrom((r) =>
      r.action === 'policy' && r.bucket === 'restricted' ? s3Error(403, 'AccessDenied', 'Access Denied') : undefined,
    );
    const s3 = summary.outcomes.find((o) => o.kind === 'aws.s3.retention')!;
    expect(s3.completeness).toBe('partial');
    expect(s3.error).toContain('GetBucketPolicy on bucket restricted: AccessDenied');
    expect(summary.status).toBe('partial');
    expect(summary.outcomes.filter((o) => o.kind !== 'aws.s3.retention').every((o) => o.completeness === 'complete')).toBe(true);
    const [item] = readItems(t.home, 'aws.s3.retention');
    expect(item!.completeness).toBe('partial');
    expect(item!.content.buckets[1].policy).toMatchObject({ status: 'error', call: 'GetBucketPolicy', code: 'AccessDenied' });
    expect(item!.content.buckets[0].policy).toEqual({ status: 'not_configured', code: 'NoSuchBucketPolicy' });
  });

  it('access denied on GetTrailStatus and DescribeModelPackage: those kinds are partial, keeping what was readable', async () => {
    const { summary } = await collectFrom((r) =>
      r.action === 'GetTrailStatus' || r.action === 'DescribeModelPackage'
        ? jsonError(400, 'AccessDeniedException', 'User is not authorized')
        : undefined,
    );
    const byKind = Object.fromEntries(summary.outcomes.map((o) => [o.kind, o]));
    expect(byKind['aws.cloudtrail']).toMatchObject({ completeness: 'partial' });
    expect(byKind['aws.cloudtrail']!.error).toMatch(/^GetTrailStatus: AccessDeniedException: User is not authorized \(trail arn:aws:cloudtrail:/);
    expect(byKind['aws.sagemaker.registry']!.error).toMatch(/^DescribeModelPackage: AccessDeniedException/);
    const trail = readItems(t.home, 'aws.cloudtrail')[0]!.content.trails[0];
    expect(trail.status).toEqual({ error: { call: 'GetTrailStatus', code: 'AccessDeniedException' } });
    expect(trail.selectors.advancedEventSelectors).toHaveLength(1);
    const pkg = readItems(t.home, 'aws.sagemaker.registry')[0]!.content.groups[0].packages[0];
    expect(pkg).toMatchObject({ version: 1, approvalStatus: 'Approved', error: { call: 'DescribeModelPackage' } });
  });

  it('throttling: the SDK retries (3 attempts in all), then the kind fails with a clear message', async () => {
    const { summary, seen } = await collectFrom(
      (r) => (r.action === 'GetAccountAuthorizationDetails' ? queryError(400, 'Throttling', 'Rate exceeded') : undefined),
      {
        kinds: ['aws.iam', 'aws.logs.retention'],
      },
    );
    expect(seen.filter((s) => s.action === 'GetAccountAuthorizationDetails')).toHaveLength(3);
    const iam = summary.outcomes.find((o) => o.kind === 'aws.iam')!;
    expect(iam.completeness).toBe('failed');
    expect(iam.error).toBe('GetAccountAuthorizationDetails: Throttling: Rate exceeded (gave up after 3 attempts)');
    expect(summary.outcomes.find((o) => o.kind === 'aws.logs.retention')!.completeness).toBe('complete');
    expect(readItems(t.home, 'aws.iam')).toHaveLength(0);
  });

  it('a policy document that is not JSON fails aws.iam with our message, not an AWS call name', async () => {
    const broken = queryResponse(
      'GetAccountAuthorizationDetails',
      '<IsTruncated>false</IsTruncated><UserDetailList><member><UserName>x</UserName><UserPolicyList><member><PolicyName>p</PolicyName><PolicyDocument>%7Bbroken</PolicyDocument></member></UserPolicyList></member></UserDetailList><GroupDetailList/><RoleDetailList/><Policies/>',
    );
    const { summary } = await collectFrom((r) => (r.action === 'GetAccountAuthorizationDetails' ? broken : undefined), { kinds: ['aws.iam'] });
    expect(summary.outcomes[0]).toMatchObject({ completeness: 'failed', error: 'aws.iam: A policy document is neither JSON nor URL-encoded JSON.' });
  });

  it('expired credentials: one request, a clear message, no retries and no further calls', async () => {
    const { summary, seen } = await collectFrom(
      (r) => (r.service === 'sts' ? queryError(403, 'ExpiredToken', 'The security token included in the request is expired') : undefined),
      {
        regions: ['us-east-1', 'eu-west-1'],
      },
    );
    expect(seen).toHaveLength(1);
    expect(summary.status).toBe('failed');
    expect(summary.outcomes).toHaveLength(9); // 3 global kinds + 3 regional kinds × 2 regions
    expect(summary.outcomes[0]!.error).toMatch(
      /^GetCallerIdentity: ExpiredToken: The security token included in the request is expired — refresh the credentials/,
    );
    expect(readItems(t.home, 'aws.iam')).toHaveLength(0);
  });

  it('a credential failure in the middle stops the remaining kinds instead of calling on', async () => {
    const { summary, seen } = await collectFrom((r) =>
      r.action === 'GetAccountAuthorizationDetails'
        ? queryError(403, 'ExpiredToken', 'The security token included in the request is expired')
        : undefined,
    );
    expect(seen.map((s) => s.action)).toEqual(['GetCallerIdentity', 'GetAccountAuthorizationDetails']);
    expect(summary.outcomes.slice(1).every((o) => o.completeness === 'failed' && o.error?.startsWith('skipped after a credential failure'))).toBe(
      true,
    );
  });

  it('missing credentials: no request at all and a message naming the provider chain', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    const { summary, seen } = await collectFrom();
    expect(seen).toHaveLength(0);
    expect(summary.outcomes[0]!.error).toContain('no AWS credentials found in the default provider chain');
    const test = await t.core.call('source.test', { name: 'prod' });
    expect(test).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
  });
});
