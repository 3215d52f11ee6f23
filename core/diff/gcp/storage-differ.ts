import { diffField, keyBy, visitKeyed } from '../compare';
import type { Change, Differ } from '../types';
import { policyChanges } from './policy-changes';

type Obj = Record<string, unknown>;

/** Settings compared as a whole, each with its own change type. */
const SETTINGS: [string, string][] = [
  ['softDeletePolicy', 'soft_delete_changed'],
  ['versioning', 'versioning_changed'],
  ['uniformBucketLevelAccess', 'uniform_access_changed'],
  ['publicAccessPrevention', 'public_access_prevention_changed'],
  ['logging', 'access_logging_changed'],
  ['defaultKmsKeyName', 'default_kms_key_changed'],
  ['objectRetentionMode', 'object_retention_changed'],
  ['defaultEventBasedHold', 'event_based_hold_changed'],
];

/**
 * GCS lifecycle rules have no ids: a rule is known by its action and the objects it selects (prefixes, suffixes,
 * live or noncurrent), so "delete raw/ after 365 → 400 days" is one `lifecycle_rule_changed`, not a remove and add.
 */
function rulesByKey(rules: Obj[]): Map<string, Obj> {
  const out = new Map<string, Obj>();
  for (const r of rules) {
    const a = (r.action ?? {}) as Obj;
    const c = (r.condition ?? {}) as Obj;
    const parts = [
      String(a.type),
      a.storageClass ? `to ${String(a.storageClass)}` : '',
      c.matchesPrefix ? `prefix ${String(c.matchesPrefix)}` : '',
      c.matchesSuffix ? `suffix ${String(c.matchesSuffix)}` : '',
      c.isLive === false ? 'noncurrent' : '',
    ];
    const base = parts.filter(Boolean).join(' ');
    let key = base;
    for (let n = 2; out.has(key); n++) key = `${base} #${n}`;
    out.set(key, r);
  }
  return out;
}

/** "Delete when age=365, matchesPrefix=raw/": a rule as an auditor reads it in a change table. */
function ruleText(r: Obj): string {
  const a = (r.action ?? {}) as Obj;
  const c = Object.entries((r.condition ?? {}) as Obj).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : String(v)}`);
  return `${String(a.type)}${a.storageClass ? ` to ${String(a.storageClass)}` : ''}${c.length ? ` when ${c.join(', ')}` : ''}`;
}

function bucketChanges(name: string, b: Obj, a: Obj): Change[] {
  const subject = `bucket ${name}`;
  const out: Change[] = [];
  visitKeyed(rulesByKey((b.lifecycleRules as Obj[]) ?? []), rulesByKey((a.lifecycleRules as Obj[]) ?? []), {
    added: (k, r) => out.push({ type: 'lifecycle_rule_added', subject, field: `lifecycle rule ${k}`, after: ruleText(r) }),
    removed: (k, r) => out.push({ type: 'lifecycle_rule_removed', subject, field: `lifecycle rule ${k}`, before: ruleText(r) }),
    both: (k, rb, ra) => out.push(...diffField(subject, 'lifecycle_rule_changed', `lifecycle rule ${k}`, ruleText(rb), ruleText(ra))),
  });
  const [rb, ra] = [b.retentionPolicy as Obj | null, a.retentionPolicy as Obj | null];
  const locked = rb?.isLocked !== true && ra?.isLocked === true && rb?.retentionPeriod === ra?.retentionPeriod;
  out.push(...diffField(subject, locked ? 'retention_policy_locked' : 'retention_policy_changed', 'retentionPolicy', rb, ra));
  for (const [field, type] of SETTINGS) out.push(...diffField(subject, type, field, b[field], a[field]));
  const [ib, ia] = [b.iamPolicy as Obj | undefined, a.iamPolicy as Obj | undefined];
  if (ib?.status === 'ok' && ia?.status === 'ok') out.push(...policyChanges(`${subject} `, ib, ia));
  else out.push(...diffField(subject, 'bucket_iam_status_changed', 'iamPolicy status', ib?.status, ia?.status));
  return out;
}

/** gcp.storage.retention: buckets added/removed, lifecycle and retention drift, bucket IAM joiners/leavers/movers. */
export const gcpStorageDiffer: Differ = (before, after) => {
  const buckets = (v: unknown) => keyBy(((v ?? {}) as { buckets?: Obj[] }).buckets, (x) => String(x.name));
  const out: Change[] = [];
  visitKeyed(buckets(before), buckets(after), {
    added: (name, x) =>
      out.push({
        type: 'bucket_added',
        subject: `bucket ${name}`,
        after: { retentionPolicy: x.retentionPolicy ?? null, lifecycleRules: ((x.lifecycleRules as unknown[]) ?? []).length },
      }),
    removed: (name) => out.push({ type: 'bucket_removed', subject: `bucket ${name}` }),
    both: (name, b, a) => out.push(...bucketChanges(name, b, a)),
  });
  return out;
};
