import { z } from 'zod';
import { canonicalText } from '../../../util/canonical';
import { byCodeUnits } from '../../../util/order';
import { canonicalPolicy, type CanonicalPolicy } from './policy';

/**
 * int64/uint64 fields (retentionPeriod, retentionDurationSeconds, metageneration, projectNumber): the JSON API
 * sends strings (storage v1 discovery: `"type": "string", "format": "int64"`), and we keep them as strings,
 * exactly. gcloud's normalised output prints some as JSON numbers; those are accepted only while still exact.
 */
export const int64 = z.union([z.string(), z.number()]).transform((v, ctx) => {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return v;
  const message = typeof v === 'number' ? `${v} is not exact as a JSON number: an int64 must arrive as a string` : 'not an integer in a string';
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
});
const time = z.string().refine((t) => !Number.isNaN(Date.parse(t)), 'an RFC 3339 time');

// storage v1 `Bucket` (the fields retention evidence needs; others ignored).
export const rawBucketSchema = z.object({
  name: z.string().min(1),
  projectNumber: int64.optional(),
  location: z.string().optional(),
  storageClass: z.string().optional(),
  timeCreated: time.optional(),
  updated: time.optional(),
  metageneration: int64.optional(),
  lifecycle: z
    .object({
      rule: z.array(z.object({ action: z.record(z.string(), z.unknown()), condition: z.record(z.string(), z.unknown()).default({}) })).default([]),
    })
    .optional(),
  retentionPolicy: z.object({ retentionPeriod: int64, effectiveTime: time.optional(), isLocked: z.boolean().optional() }).optional(),
  softDeletePolicy: z.object({ retentionDurationSeconds: int64, effectiveTime: time.optional() }).optional(),
  versioning: z.object({ enabled: z.boolean().optional() }).optional(),
  iamConfiguration: z
    .object({
      uniformBucketLevelAccess: z.object({ enabled: z.boolean().optional(), lockedTime: time.optional() }).optional(),
      publicAccessPrevention: z.string().optional(),
    })
    .optional(),
  logging: z.object({ logBucket: z.string().optional(), logObjectPrefix: z.string().optional() }).optional(),
  encryption: z.object({ defaultKmsKeyName: z.string().optional() }).optional(),
  objectRetention: z.object({ mode: z.string().optional() }).optional(),
  defaultEventBasedHold: z.boolean().optional(),
  labels: z.record(z.string(), z.string()).optional(),
});
export type RawBucket = z.output<typeof rawBucketSchema>;

/** One time format everywhere (the API sends `…000Z`, gcloud `+00:00`), so imports and collections hash alike. */
const iso = (t: string | undefined) => (t === undefined ? null : new Date(Date.parse(t)).toISOString());

/** Exact seconds → "30 d", "36 h", "90 s"; BigInt so a huge int64 is never rounded. */
export function durationText(seconds: string): string {
  const s = BigInt(seconds);
  if (s === 0n) return '0 (off)';
  if (s % 86400n === 0n) return `${s / 86400n} d`;
  if (s % 3600n === 0n) return `${s / 3600n} h`;
  return `${s} s`;
}

export type BucketIam =
  ({ status: 'ok' } & CanonicalPolicy) | { status: 'error'; call: string; code: string; message: string } | { status: 'not_in_export' };

// Canonical text, not JSON.stringify: gcloud and the API order an action's keys differently.
const ruleKey = (r: unknown) => canonicalText(r);

export function canonicalBucket(b: RawBucket, iam: BucketIam) {
  const rules = (b.lifecycle?.rule ?? [])
    .map((r) => ({ action: r.action, condition: r.condition }))
    .sort((x, y) => byCodeUnits(ruleKey(x), ruleKey(y)));
  const r = b.retentionPolicy;
  const sd = b.softDeletePolicy;
  const uba = b.iamConfiguration?.uniformBucketLevelAccess;
  return {
    name: b.name,
    location: b.location ?? null,
    storageClass: b.storageClass ?? null,
    timeCreated: iso(b.timeCreated),
    updated: iso(b.updated),
    metageneration: b.metageneration ?? null,
    lifecycleRules: rules,
    retentionPolicy: r
      ? {
          retentionPeriod: r.retentionPeriod,
          retention: durationText(r.retentionPeriod),
          isLocked: r.isLocked ?? false,
          effectiveTime: iso(r.effectiveTime),
        }
      : null,
    softDeletePolicy: sd
      ? {
          retentionDurationSeconds: sd.retentionDurationSeconds,
          retention: durationText(sd.retentionDurationSeconds),
          effectiveTime: iso(sd.effectiveTime),
        }
      : null,
    versioning: b.versioning?.enabled ?? false,
    uniformBucketLevelAccess: { enabled: uba?.enabled ?? false, lockedTime: iso(uba?.lockedTime) },
    publicAccessPrevention: b.iamConfiguration?.publicAccessPrevention ?? null,
    logging: b.logging?.logBucket ? { logBucket: b.logging.logBucket, logObjectPrefix: b.logging.logObjectPrefix ?? null } : null,
    defaultKmsKeyName: b.encryption?.defaultKmsKeyName ?? null,
    objectRetentionMode: b.objectRetention?.mode ?? null,
    defaultEventBasedHold: b.defaultEventBasedHold ?? false,
    labels: b.labels ?? {},
    iamPolicy: iam,
  };
}
export type CanonicalBucket = ReturnType<typeof canonicalBucket>;

export function bucketIamFromPolicy(policy: Parameters<typeof canonicalPolicy>[0], asOf: string): BucketIam {
  return { status: 'ok', ...canonicalPolicy(policy, asOf) };
}

/** Per bucket, what an auditor checks first: how long objects are kept at least and at most, and who can read. */
export function bucketSummary(b: CanonicalBucket) {
  const deletes = b.lifecycleRules.filter((r) => r.action.type === 'Delete');
  const wholeBucket = deletes
    .filter((r) => Object.keys(r.condition).every((k) => k === 'age') && typeof r.condition.age === 'number')
    .map((r) => r.condition.age as number);
  const publicMembers = b.iamPolicy.status === 'ok' ? b.iamPolicy.members.filter((m) => m.type === 'public').map((m) => m.member) : [];
  return {
    bucket: b.name,
    minimumRetention: b.retentionPolicy ? `${b.retentionPolicy.retention}${b.retentionPolicy.isLocked ? ' (locked)' : ' (unlocked)'}` : null,
    deleteAfterDays: wholeBucket.length ? Math.min(...wholeBucket) : null,
    deleteRules: deletes.length,
    keptIndefinitely: wholeBucket.length === 0,
    softDelete: b.softDeletePolicy?.retention ?? null,
    versioning: b.versioning,
    publicMembers,
    publicAccessPrevention: b.publicAccessPrevention,
  };
}
