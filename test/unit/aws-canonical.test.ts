import { describe, expect, it } from 'vitest';
import { canonicalCredentialReport, parseCsv, CREDENTIAL_REPORT_COLUMNS } from '../../core/collectors/aws/canonical/credential-report';
import { canonicalGaad, decodePolicyDocument } from '../../core/collectors/aws/canonical/gaad';
import { retentionSummary, settingFromError, settingFromResponse, type BucketRetention } from '../../core/collectors/aws/canonical/s3-retention';
import { cliCommand } from '../../core/collectors/aws/ipe';
import { canonicalText } from '../../core/util/canonical';

const DOC = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a b/%literal+plus' }] };

describe('GAAD canonical form', () => {
  it('decodes URL-encoded documents and leaves decoded ones (even with a literal % or +) intact', () => {
    expect(decodePolicyDocument(encodeURIComponent(JSON.stringify(DOC)))).toEqual(DOC);
    expect(decodePolicyDocument(JSON.stringify(DOC))).toEqual(DOC);
    expect(decodePolicyDocument(DOC)).toBe(DOC);
    expect(() => decodePolicyDocument('%7Bnot json')).toThrow(/neither JSON nor URL-encoded JSON/);
  });

  it('gives identical bytes for SDK pages and the CLI document, whatever the order of lists', () => {
    const sdk = [
      {
        IsTruncated: true,
        Marker: 'm',
        UserDetailList: [
          {
            UserName: 'bob',
            CreateDate: new Date('2024-01-02T03:04:05Z'),
            GroupList: ['b', 'a'],
            UserPolicyList: [{ PolicyName: 'p', PolicyDocument: encodeURIComponent(JSON.stringify(DOC)) }],
          },
        ],
        GroupDetailList: [],
        RoleDetailList: [],
        Policies: [],
      },
      {
        IsTruncated: false,
        UserDetailList: [{ UserName: 'alice', CreateDate: new Date('2024-01-01T00:00:00Z') }],
        GroupDetailList: [],
        RoleDetailList: [],
        Policies: [],
        $metadata: { requestId: 'x' },
      },
    ];
    const cli = {
      UserDetailList: [
        { UserName: 'alice', CreateDate: '2024-01-01T00:00:00+00:00' },
        {
          UserName: 'bob',
          CreateDate: '2024-01-02T03:04:05+00:00',
          GroupList: ['a', 'b'],
          UserPolicyList: [{ PolicyName: 'p', PolicyDocument: DOC }],
        },
      ],
      GroupDetailList: [],
      RoleDetailList: [],
      Policies: [],
    };
    expect(canonicalText(canonicalGaad(sdk))).toBe(canonicalText(canonicalGaad([cli])));
    expect(canonicalGaad([cli]).users[1]!.CreateDate).toBe('2024-01-02T03:04:05.000Z');
  });

  it('orders by code unit, not by locale, so hashes do not depend on the machine', () => {
    const g = canonicalGaad([{ UserDetailList: [{ UserName: 'alice' }, { UserName: 'Zed' }, { UserName: 'émile' }, { UserName: 'bob' }] }]);
    expect(g.users.map((u) => u.UserName)).toEqual(['Zed', 'alice', 'bob', 'émile']);
  });

  it('refuses a page that is not GAAD', () => {
    expect(() => canonicalGaad([{ Users: [] }])).toThrow(/Not GetAccountAuthorizationDetails output/);
    expect(() => canonicalGaad([{ UserDetailList: 'x' }])).toThrow(/Not GetAccountAuthorizationDetails output/);
  });
});

const row = (over: Partial<Record<string, string>>) =>
  CREDENTIAL_REPORT_COLUMNS.map((c) => over[c] ?? (c.endsWith('_active') || c === 'password_enabled' ? 'false' : 'N/A')).join(',');

describe('credential report', () => {
  const header = CREDENTIAL_REPORT_COLUMNS.join(',');
  const asOf = '2026-06-30T00:00:00Z';

  it('parses quoted fields and CRLF line ends', () => {
    expect(parseCsv('a,"b,""c"""\r\n1,2\r\n')).toEqual([
      ['a', 'b,"c"'],
      ['1', '2'],
    ]);
  });

  it('flags old keys, console users without MFA and unused credentials as of GeneratedTime', () => {
    const csv = [
      header,
      row({
        user: 'dave',
        arn: 'arn:aws:iam::1:user/dave',
        user_creation_time: '2025-01-01T00:00:00+00:00',
        password_enabled: 'true',
        password_last_used: '2026-01-01T00:00:00+00:00',
        mfa_active: 'false',
        access_key_1_active: 'true',
        access_key_1_last_rotated: '2026-06-01T00:00:00+00:00',
        access_key_1_last_used_date: '2026-06-29T00:00:00+00:00',
      }),
      row({
        user: 'erin',
        arn: 'arn:aws:iam::1:user/erin',
        user_creation_time: '2025-01-01T00:00:00+00:00',
        mfa_active: 'true',
        access_key_2_active: 'true',
        access_key_2_last_rotated: '2026-01-01T00:00:00+00:00',
      }),
    ].join('\n');
    const report = canonicalCredentialReport(csv, new Date(asOf).toISOString(), '2099-01-01T00:00:00Z');
    expect(report.asOfBasis).toBe('GeneratedTime');
    expect(report.flags).toEqual([
      { type: 'console_user_without_mfa', user: 'dave' },
      { type: 'unused_credential', user: 'dave', credential: 'password', days: 180 },
      { type: 'access_key_older_than_90_days', user: 'erin', credential: 'access_key_2', days: 180 },
      { type: 'unused_credential', user: 'erin', credential: 'access_key_2', days: 180 },
    ]);
    expect(report.summary).toMatchObject({
      rows: 2,
      consoleUsersWithoutMfa: 1,
      accessKeysOlderThan90Days: 1,
      unusedCredentials: 2,
      rootAccountRow: false,
    });
  });

  it('names the missing columns and refuses ragged lines', () => {
    expect(() => canonicalCredentialReport('user,arn\nalice,x\n', null, asOf)).toThrow(/missing column\(s\) user_creation_time, password_enabled/);
    expect(() => canonicalCredentialReport(`${header}\nalice,arn\n`, null, asOf)).toThrow(/line 2 has 2 fields, expected 22/);
  });
});

describe('S3 retention', () => {
  it('maps each documented "not configured" code to not_configured and anything else to an error', () => {
    expect(settingFromError('lifecycle', 'NoSuchLifecycleConfiguration', 'x')).toEqual({
      status: 'not_configured',
      code: 'NoSuchLifecycleConfiguration',
    });
    expect(settingFromError('objectLock', 'ObjectLockConfigurationNotFoundError', 'x')).toEqual({
      status: 'not_configured',
      code: 'ObjectLockConfigurationNotFoundError',
    });
    expect(settingFromError('encryption', 'ServerSideEncryptionConfigurationNotFoundError', 'x').status).toBe('not_configured');
    expect(settingFromError('publicAccessBlock', 'NoSuchPublicAccessBlockConfiguration', 'x').status).toBe('not_configured');
    expect(settingFromError('policy', 'NoSuchBucketPolicy', 'x').status).toBe('not_configured');
    expect(settingFromError('policy', 'NoSuchLifecycleConfiguration', 'x')).toMatchObject({ status: 'error', call: 'GetBucketPolicy' });
    expect(settingFromError('lifecycle', 'AccessDenied', 'Access Denied')).toEqual({
      status: 'error',
      call: 'GetBucketLifecycleConfiguration',
      code: 'AccessDenied',
      message: 'Access Denied',
    });
    expect(settingFromResponse('versioning', {})).toEqual({ status: 'not_configured', code: null });
    expect(settingFromResponse('policy', { Policy: '{"Version":"2012-10-17"}' })).toEqual({
      status: 'configured',
      config: { Version: '2012-10-17' },
    });
  });

  it('summarises effective retention per prefix, object lock and the rest of the bucket', () => {
    const nc = { status: 'not_configured', code: null } as const;
    const bucket: BucketRetention = {
      name: 'b',
      lifecycle: {
        status: 'configured',
        config: {
          Rules: [
            { ID: 'tmp', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 7 } },
            { ID: 'off', Status: 'Disabled', Filter: {}, Expiration: { Days: 1 } },
          ],
        },
      },
      objectLock: { status: 'configured', config: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 30 } } } },
      versioning: nc,
      encryption: nc,
      publicAccessBlock: nc,
      policy: nc,
      logging: nc,
    };
    expect(retentionSummary(bucket)).toEqual({
      bucket: 'b',
      prefixes: [{ prefix: 'tmp/', tagFiltered: false, rule: 'tmp', expireAfterDays: 7, expireOn: null, noncurrentExpireAfterDays: null }],
      objectLockMode: 'GOVERNANCE',
      objectLockMinimumDays: 30,
      versioning: 'Never enabled',
      keptIndefinitelyOutsidePrefixes: true,
      defaultExpireAfterDays: null,
    });
  });
});

describe('IPE command', () => {
  it('adds profile, region and endpoint to each command, before any pipe', () => {
    expect(
      cliCommand(
        ['aws iam generate-credential-report', 'aws iam get-credential-report --query Content --output text | base64 -d'],
        { profile: 'audit' },
        'eu-west-1',
      ),
    ).toBe(
      'aws iam generate-credential-report --profile audit --region eu-west-1 ; aws iam get-credential-report --query Content --output text --profile audit --region eu-west-1 | base64 -d',
    );
  });
});
