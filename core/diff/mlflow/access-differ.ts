import type { Change, Differ } from '../types';
import { keyBy, sameJson, visitKeyed } from '../compare';
import { accessContentSchema, parseSnapshot, type AccessUser } from './shapes';

/** "experiment 12" / "registered model fraud" → permission, one map per user. */
function grants(user: AccessUser): Map<string, string> {
  const map = new Map<string, string>();
  for (const p of user.experimentPermissions ?? []) map.set(`experiment ${p.experimentId}`, p.permission);
  for (const p of user.registeredModelPermissions ?? []) map.set(`registered model ${p.name}`, p.permission);
  return map;
}

function grantChanges(subject: string, before: Map<string, string>, after: Map<string, string>): Change[] {
  const out: Change[] = [];
  visitKeyed(before, after, {
    added: (field, p) => out.push({ type: 'permission_granted', subject, field, after: p }),
    removed: (field, p) => out.push({ type: 'permission_revoked', subject, field, before: p }),
    both: (field, b, a) => {
      if (b !== a) out.push({ type: 'permission_changed', subject, field, before: b, after: a });
    },
  });
  return out;
}

const NONE = new Map<string, string>();
const summary = (u: AccessUser) => ({ id: u.id ?? null, isAdmin: u.isAdmin ?? false });

/**
 * Access reviews (CC6.2/CC6.3): who joined or left, who became admin, which grants appeared, changed or went.
 * A user who is added or removed also lists each grant, so the population of permissions reconciles.
 */
export const accessDiffer: Differ = (beforeRaw, afterRaw) => {
  const before = parseSnapshot(accessContentSchema, beforeRaw, 'mlflow.access', 'before');
  const after = parseSnapshot(accessContentSchema, afterRaw, 'mlflow.access', 'after');
  const out: Change[] = [];
  if (!sameJson(before.enumeration ?? null, after.enumeration ?? null)) {
    // Users "added" or "removed" may only reflect a different way of listing them; say so first.
    out.push({
      type: 'enumeration_changed',
      subject: 'user list',
      field: 'enumeration',
      before: before.enumeration ?? null,
      after: after.enumeration ?? null,
    });
  }
  visitKeyed(
    keyBy(before.users, (u) => u.username),
    keyBy(after.users, (u) => u.username),
    {
      added(name, u) {
        out.push({ type: 'user_added', subject: `user ${name}`, after: summary(u) });
        out.push(...grantChanges(`user ${name}`, NONE, grants(u)));
      },
      removed(name, u) {
        out.push({ type: 'user_removed', subject: `user ${name}`, before: summary(u) });
        out.push(...grantChanges(`user ${name}`, grants(u), NONE));
      },
      both(name, b, a) {
        const subject = `user ${name}`;
        if (b.id != null && a.id != null && String(b.id) !== String(a.id)) {
          // Same name, new account: deleted and re-created between the snapshots.
          out.push({ type: 'user_recreated', subject, field: 'id', before: b.id, after: a.id });
        }
        if ((b.isAdmin ?? false) !== (a.isAdmin ?? false))
          out.push({ type: 'admin_changed', subject, field: 'isAdmin', before: b.isAdmin ?? false, after: a.isAdmin ?? false });
        out.push(...grantChanges(subject, grants(b), grants(a)));
      },
    },
  );
  return out;
};
