import { jsonTooDeep, tooDeepMessage } from '../../../util/json-depth';
import { byText } from './order';

/**
 * Canonical per-bucket retention settings, shared by the live collector and the offline `aws-s3` import.
 * S3 reports "nothing configured" as an error code; those codes become explicit `not_configured` values.
 */
export const S3_SETTINGS = {
  lifecycle: { call: 'GetBucketLifecycleConfiguration', notConfigured: 'NoSuchLifecycleConfiguration', cli: 'get-bucket-lifecycle-configuration' },
  objectLock: { call: 'GetObjectLockConfiguration', notConfigured: 'ObjectLockConfigurationNotFoundError', cli: 'get-object-lock-configuration' },
  versioning: { call: 'GetBucketVersioning', notConfigured: null, cli: 'get-bucket-versioning' },
  encryption: { call: 'GetBucketEncryption', notConfigured: 'ServerSideEncryptionConfigurationNotFoundError', cli: 'get-bucket-encryption' },
  publicAccessBlock: { call: 'GetPublicAccessBlock', notConfigured: 'NoSuchPublicAccessBlockConfiguration', cli: 'get-public-access-block' },
  policy: { call: 'GetBucketPolicy', notConfigured: 'NoSuchBucketPolicy', cli: 'get-bucket-policy' },
  logging: { call: 'GetBucketLogging', notConfigured: null, cli: 'get-bucket-logging' },
} as const;
export type S3SettingName = keyof typeof S3_SETTINGS;
export const S3_SETTING_NAMES = Object.keys(S3_SETTINGS) as S3SettingName[];

export type S3Setting =
  | { status: 'configured'; config: unknown }
  | { status: 'not_configured'; code: string | null }
  | { status: 'error'; call: string; code: string; message: string };

export type BucketRetention = { name: string } & Record<S3SettingName, S3Setting>;

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k, v]) => k !== '$metadata' && v !== undefined && v !== null)
        .map(([k, v]) => [k, plain(v)]),
    );
  }
  return value;
}

/** A successful response (SDK output or the CLI's JSON) → setting. Empty versioning/logging = never configured. */
export function settingFromResponse(name: S3SettingName, response: unknown): S3Setting {
  const body = (plain(response ?? {}) ?? {}) as Record<string, unknown>;
  switch (name) {
    case 'lifecycle':
      return { status: 'configured', config: { Rules: body.Rules ?? [] } };
    case 'objectLock':
      return { status: 'configured', config: body.ObjectLockConfiguration ?? {} };
    case 'versioning':
      return body.Status
        ? { status: 'configured', config: { Status: body.Status, MFADelete: body.MFADelete ?? null } }
        : { status: 'not_configured', code: null };
    case 'encryption':
      return { status: 'configured', config: body.ServerSideEncryptionConfiguration ?? {} };
    case 'publicAccessBlock':
      return { status: 'configured', config: body.PublicAccessBlockConfiguration ?? {} };
    case 'policy':
      return policySetting(body.Policy);
    case 'logging':
      return body.LoggingEnabled ? { status: 'configured', config: body.LoggingEnabled } : { status: 'not_configured', code: null };
  }
}

/** S3 returns the bucket policy as a JSON string; one nested past the bound is a per-bucket error, not a crash. */
function policySetting(policy: unknown): S3Setting {
  const config = typeof policy === 'string' ? (JSON.parse(policy) as unknown) : (policy ?? {});
  if (jsonTooDeep(config))
    return { status: 'error', call: S3_SETTINGS.policy.call, code: 'PolicyTooDeep', message: tooDeepMessage('The bucket policy') };
  return { status: 'configured', config };
}

/** An error code from a get-bucket-* call: the documented "not configured" code, or a real failure. */
export function settingFromError(name: S3SettingName, code: string, message: string): S3Setting {
  const spec = S3_SETTINGS[name];
  if (spec.notConfigured && code === spec.notConfigured) return { status: 'not_configured', code };
  return { status: 'error', call: spec.call, code, message: message.slice(0, 300) };
}

interface Rule {
  ID?: string;
  Status?: string;
  Prefix?: string;
  Filter?: { Prefix?: string; And?: { Prefix?: string; Tags?: unknown[] }; Tag?: unknown };
  Expiration?: { Days?: number; Date?: string; ExpiredObjectDeleteMarker?: boolean };
  NoncurrentVersionExpiration?: { NoncurrentDays?: number };
}

/** Effective retention per bucket and prefix: what a sampled auditor question ("how long is X kept?") needs. */
export function retentionSummary(bucket: BucketRetention) {
  const rules = bucket.lifecycle.status === 'configured' ? (((bucket.lifecycle.config as { Rules?: Rule[] }).Rules ?? []) as Rule[]) : [];
  const prefixes = rules
    .filter((r) => r.Status === 'Enabled')
    .map((r) => ({
      prefix: r.Filter?.Prefix ?? r.Filter?.And?.Prefix ?? r.Prefix ?? '',
      tagFiltered: Boolean(r.Filter?.Tag || r.Filter?.And?.Tags),
      rule: r.ID ?? null,
      expireAfterDays: r.Expiration?.Days ?? null,
      expireOn: r.Expiration?.Date ?? null,
      noncurrentExpireAfterDays: r.NoncurrentVersionExpiration?.NoncurrentDays ?? null,
    }))
    .sort((a, b) => byText(a.prefix, b.prefix) || byText(a.rule, b.rule));
  const lock =
    bucket.objectLock.status === 'configured'
      ? (bucket.objectLock.config as { Rule?: { DefaultRetention?: { Mode?: string; Days?: number; Years?: number } } }).Rule?.DefaultRetention
      : undefined;
  const wholeBucketExpiry = prefixes.find((p) => p.prefix === '' && !p.tagFiltered && p.expireAfterDays !== null);
  return {
    bucket: bucket.name,
    prefixes,
    objectLockMode: lock?.Mode ?? null,
    objectLockMinimumDays: lock ? (lock.Days ?? (lock.Years ?? 0) * 365) : null,
    versioning: bucket.versioning.status === 'configured' ? (bucket.versioning.config as { Status: string }).Status : 'Never enabled',
    /** No enabled whole-bucket expiration: objects outside the listed prefixes are kept until someone deletes them. */
    keptIndefinitelyOutsidePrefixes: !wholeBucketExpiry,
    defaultExpireAfterDays: wholeBucketExpiry?.expireAfterDays ?? null,
  };
}

export function canonicalS3(buckets: BucketRetention[]) {
  const sorted = [...buckets].sort((a, b) => byText(a.name, b.name));
  return { buckets: sorted, summary: sorted.map(retentionSummary) };
}

export function bucketErrors(buckets: BucketRetention[]): string[] {
  return buckets.flatMap((b) =>
    S3_SETTING_NAMES.flatMap((n) => {
      const s = b[n];
      return s.status === 'error' ? [`${s.call} on bucket ${b.name}: ${s.code}`] : [];
    }),
  );
}
