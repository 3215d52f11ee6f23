import { diffField, keyBy, visitKeyed } from '../compare';
import type { Change, Differ } from '../types';

type Entry = Record<string, unknown>;
const SETTING_TYPES: Record<string, string> = {
  objectLock: 'object_lock_changed',
  versioning: 'versioning_changed',
  encryption: 'encryption_changed',
  publicAccessBlock: 'public_access_block_changed',
  policy: 'bucket_policy_changed',
  logging: 'access_logging_changed',
};

const rulesOf = (setting: unknown): Entry[] => {
  const s = setting as { status?: string; config?: { Rules?: Entry[] } } | undefined;
  return s?.status === 'configured' ? (s.config?.Rules ?? []) : [];
};

/** 'configured' / 'not_configured', or the error code when the setting could not be read (AccessDenied, …). */
const readState = (setting: unknown): string => {
  const s = setting as { status?: string; code?: string } | undefined;
  return s?.status === 'error' ? `unreadable (${s.code ?? 'error'})` : (s?.status ?? 'absent');
};

/**
 * Per bucket: lifecycle rules added/removed/changed (by rule ID), and every other retention setting. A lifecycle
 * that could not be read on one side (a partial snapshot) is not compared rule by rule: its rules did not go away,
 * we could not see them; the change says so instead of reporting them removed and then added back.
 */
export const s3RetentionDiffer: Differ = (before, after) => {
  const buckets = (v: unknown) => keyBy(((v ?? {}) as { buckets?: Entry[] }).buckets, (b) => String(b.name));
  const out: Change[] = [];
  visitKeyed(buckets(before), buckets(after), {
    added: (name) => out.push({ type: 'bucket_added', subject: `bucket ${name}` }),
    removed: (name) => out.push({ type: 'bucket_removed', subject: `bucket ${name}` }),
    both: (name, b, a) => {
      const subject = `bucket ${name}`;
      const ruleKey = (r: Entry) => String(r.ID ?? JSON.stringify(r.Filter ?? r.Prefix ?? ''));
      const unreadable = [b.lifecycle, a.lifecycle].some((x) => (x as { status?: string } | undefined)?.status === 'error');
      if (unreadable) out.push(...diffField(subject, 'lifecycle_read_state_changed', 'lifecycle', readState(b.lifecycle), readState(a.lifecycle)));
      else
        visitKeyed(keyBy(rulesOf(b.lifecycle), ruleKey), keyBy(rulesOf(a.lifecycle), ruleKey), {
          added: (id, r) => out.push({ type: 'lifecycle_rule_added', subject, field: `lifecycle rule ${id}`, after: r }),
          removed: (id, r) => out.push({ type: 'lifecycle_rule_removed', subject, field: `lifecycle rule ${id}`, before: r }),
          both: (id, rb, ra) => out.push(...diffField(subject, 'lifecycle_rule_changed', `lifecycle rule ${id}`, rb, ra)),
        });
      for (const [setting, type] of Object.entries(SETTING_TYPES)) out.push(...diffField(subject, type, setting, b[setting], a[setting]));
    },
  });
  return out;
};

/** Per log group: retention changed (null = never expires), groups added/removed. */
export const logsRetentionDiffer: Differ = (before, after) => {
  const groups = (v: unknown) => keyBy(((v ?? {}) as { logGroups?: Entry[] }).logGroups, (g) => String(g.name));
  const out: Change[] = [];
  visitKeyed(groups(before), groups(after), {
    added: (name, g) => out.push({ type: 'log_group_added', subject: `log group ${name}`, after: { retentionInDays: g.retentionInDays ?? null } }),
    removed: (name) => out.push({ type: 'log_group_removed', subject: `log group ${name}` }),
    both: (name, b, a) => out.push(...diffField(`log group ${name}`, 'retention_changed', 'retentionInDays', b.retentionInDays, a.retentionInDays)),
  });
  return out;
};
