import { diffField, keyBy, sameJson, visitKeyed } from '../compare';
import type { Change, Differ } from '../types';

interface A {
  id: string;
  scope: string;
  roleName: string | null;
  roleDefinitionId: string;
  principalId: string;
  principalType: string | null;
  principalName: string | null;
  condition: string | null;
  orphaned: boolean;
}
interface Content {
  subscriptionId?: string;
  coverage?: string;
  assignments?: A[];
  roleDefinitions?: { id: string; roleName: string | null; permissions: unknown }[];
}

const role = (a: A) => a.roleName ?? a.roleDefinitionId;
const who = (a: A) => `principal ${a.principalName ?? a.principalId}${a.principalType ? ` (${a.principalType})` : ''}`;
/** `/subscriptions/{s}/resourceGroups/rg/providers/…/x` → `rg/…/x`: what a reader needs from a scope in a table cell. */
const short = (scope: string) =>
  scope
    .replace(/^\/subscriptions\/[^/]+(\/resourceGroups\/)?/i, '')
    .replace(/\/providers\/Microsoft\.[A-Za-z]+\//gi, '/')
    .replace(/^\/providers\/Microsoft\.Management\/managementGroups\//i, 'management group ') || '(subscription)';
/** "Reader at rg-ml" per grant: a list of strings reads in a table where a list of objects would be "3 entries". */
const grants = (list: A[]) => list.map((a) => `${role(a)} at ${short(a.scope)}`).sort();

/** scope (lower-cased: ARM ids are case-insensitive) → roles held there. */
function byScope(list: A[]): Map<string, { scope: string; roles: Set<string> }> {
  const m = new Map<string, { scope: string; roles: Set<string> }>();
  for (const a of list) {
    const key = a.scope.toLowerCase();
    if (!m.has(key)) m.set(key, { scope: a.scope, roles: new Set() });
    m.get(key)!.roles.add(role(a));
  }
  return m;
}

/** Grants of one principal that stayed: role changed at a scope (one out, one in), or granted/revoked. */
function scopeChanges(subject: string, before: A[], after: A[]): Change[] {
  const out: Change[] = [];
  visitKeyed(byScope(before), byScope(after), {
    added: (_, s) => [...s.roles].sort().forEach((r) => out.push({ type: 'role_granted', subject, field: `at ${short(s.scope)}`, after: r })),
    removed: (_, s) => [...s.roles].sort().forEach((r) => out.push({ type: 'role_revoked', subject, field: `at ${short(s.scope)}`, before: r })),
    both: (_, b, a) => {
      const gone = [...b.roles].filter((r) => !a.roles.has(r)).sort();
      const come = [...a.roles].filter((r) => !b.roles.has(r)).sort();
      if (gone.length === 1 && come.length === 1)
        return void out.push({ type: 'role_changed', subject, field: `at ${short(a.scope)}`, before: gone[0], after: come[0] });
      gone.forEach((r) => out.push({ type: 'role_revoked', subject, field: `at ${short(a.scope)}`, before: r }));
      come.forEach((r) => out.push({ type: 'role_granted', subject, field: `at ${short(a.scope)}`, after: r }));
    },
  });
  return out;
}

/**
 * azure.rbac: joiners and leavers (a principal's first grant, its last revoked), role changes per scope,
 * conditions changed, principals that became orphans, custom role permissions changed. When one side is an az
 * export made without --all, only subscription-scope grants are compared (the rest were never in that file).
 */
export const rbacDiffer: Differ = (beforeRaw, afterRaw) => {
  const b = (beforeRaw ?? {}) as Content;
  const a = (afterRaw ?? {}) as Content;
  const out: Change[] = [];
  const limited = b.coverage === 'subscription-scope-only' || a.coverage === 'subscription-scope-only';
  const sub = `/subscriptions/${(a.subscriptionId ?? b.subscriptionId ?? '').toLowerCase()}`;
  const keep = (list: A[] | undefined) => (list ?? []).filter((x) => !limited || x.scope.toLowerCase() === sub);
  if (limited)
    out.push({ type: 'comparison_limited', subject: 'role assignments', field: 'coverage', before: b.coverage ?? null, after: a.coverage ?? null });
  const principals = (list: A[]) => {
    const m = new Map<string, A[]>();
    for (const x of list) m.set(x.principalId, [...(m.get(x.principalId) ?? []), x]);
    return m;
  };
  visitKeyed(principals(keep(b.assignments)), principals(keep(a.assignments)), {
    added: (_, list) => out.push({ type: 'principal_added', subject: who(list[0]!), after: grants(list) }),
    removed: (_, list) => out.push({ type: 'principal_removed', subject: who(list[0]!), before: grants(list) }),
    both: (_, lb, la) => {
      // The name from whichever side has it: a principal that became an orphan lost its name in the later snapshot.
      const subject = who({
        ...la[0]!,
        principalName: la.find((x) => x.principalName)?.principalName ?? lb.find((x) => x.principalName)?.principalName ?? null,
      });
      out.push(...scopeChanges(subject, lb, la));
      visitKeyed(
        keyBy(lb, (x) => x.id.toLowerCase()),
        keyBy(la, (x) => x.id.toLowerCase()),
        {
          added: () => {},
          removed: () => {},
          both: (_, xb, xa) =>
            out.push(...diffField(subject, 'condition_changed', `condition on ${role(xa)} at ${short(xa.scope)}`, xb.condition, xa.condition)),
        },
      );
      if (!lb.some((x) => x.orphaned) && la.some((x) => x.orphaned))
        out.push({ type: 'principal_orphaned', subject, after: 'the principal no longer resolves; its grants remain' });
    },
  });
  visitKeyed(
    keyBy(b.roleDefinitions, (d) => d.id),
    keyBy(a.roleDefinitions, (d) => d.id),
    {
      added: () => {},
      removed: () => {},
      both: (_, db, da) => {
        // az exports name roles without permissions (null): nothing to compare there.
        if (db.permissions !== null && da.permissions !== null && !sameJson(db.permissions, da.permissions)) {
          out.push({
            type: 'role_definition_changed',
            subject: `role ${da.roleName ?? da.id}`,
            field: 'permissions',
            before: db.permissions,
            after: da.permissions,
          });
        }
      },
    },
  );
  return out;
};
