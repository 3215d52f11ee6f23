import type { Change, Differ } from '../types';
import { parseSnapshot } from '../mlflow/shapes';
import { auditSchema } from './shapes';

const HOUR_MS = 3_600_000;

/**
 * Audit-log continuity (CC7.2): the later window must start no later than the earlier one ended. On multi-tenant
 * cloud W&B serves 7 days only, so two collections more than 7 days apart leave hours nobody can fetch again:
 * the gap is a change row with its length, never hidden. Action counts that moved are listed after it.
 */
export const wandbAuditLogDiffer: Differ = (beforeRaw, afterRaw) => {
  const before = parseSnapshot(auditSchema, beforeRaw, 'wandb.audit-log', 'before');
  const after = parseSnapshot(auditSchema, afterRaw, 'wandb.audit-log', 'after');
  const out: Change[] = [];
  const [endBefore, startAfter] = [Date.parse(before.window.to), Date.parse(after.window.from)];
  if (startAfter > endBefore) {
    const hours = Math.round(((startAfter - endBefore) / HOUR_MS) * 10) / 10;
    const limit = after.lookbackLimitDays ?? before.lookbackLimitDays;
    out.push({
      type: 'audit_log_gap',
      subject: 'audit log coverage',
      field: `${hours} h not covered${limit ? ` (W&B keeps ${limit} days; these hours can no longer be fetched)` : ''}`,
      before: before.window.to,
      after: after.window.from,
    });
  } else {
    out.push({
      type: 'audit_log_continuous',
      subject: 'audit log coverage',
      field: 'windows overlap or touch',
      before: before.window.to,
      after: after.window.from,
    });
  }
  const actions = new Set([...Object.keys(before.actions ?? {}), ...Object.keys(after.actions ?? {})]);
  for (const a of [...actions].sort()) {
    const [b, n] = [before.actions?.[a] ?? 0, after.actions?.[a] ?? 0];
    if (b !== n) out.push({ type: 'action_count_changed', subject: `action ${a}`, field: 'entries in window', before: b, after: n });
  }
  return out;
};
