import type { Change, Differ } from '../types';
import { diffField, keyBy, visitKeyed } from '../compare';
import { parseSnapshot } from '../mlflow/shapes';
import { retentionSchema } from './shapes';

/** "set 30 d", "inherited", "disabled": how a TTL reads in a change row. */
const ttlText = (v: { ttl: string; ttlSeconds?: number | null }) =>
  v.ttl === 'set' && v.ttlSeconds
    ? `set ${+(v.ttlSeconds / 86_400).toFixed(2)} d (${v.ttlSeconds} s)`
    : v.ttlSeconds
      ? `${v.ttl} (${v.ttlSeconds} s)`
      : v.ttl;

/** TTL drift (C1.1/C1.2): each version's TTL set, cleared or inherited, and the attested team default changing. */
export const wandbRetentionDiffer: Differ = (beforeRaw, afterRaw) => {
  const before = parseSnapshot(retentionSchema, beforeRaw, 'wandb.retention', 'before');
  const after = parseSnapshot(retentionSchema, afterRaw, 'wandb.retention', 'after');
  const out: Change[] = [
    ...diffField('team default TTL', 'team_ttl_default_changed', 'attested value', before.teamTtlDefault?.value, after.teamTtlDefault?.value),
  ];
  const k = (v: { registry: string; collection: string; version: string }) => `${v.registry}/${v.collection} ${v.version}`;
  visitKeyed(keyBy(before.versions, k), keyBy(after.versions, k), {
    added: (s, v) => out.push({ type: 'ttl_version_added', subject: s, after: ttlText(v) }),
    removed: (s, v) => out.push({ type: 'ttl_version_removed', subject: s, before: ttlText(v) }),
    both: (s, b, a) => {
      if (ttlText(b) !== ttlText(a)) out.push({ type: 'ttl_changed', subject: s, field: 'ttl', before: ttlText(b), after: ttlText(a) });
    },
  });
  return out;
};
