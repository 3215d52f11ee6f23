import { byCodeUnits } from '../../util/order';
import { keyBy, sameJson, visitKeyed } from '../compare';
import type { Change } from '../types';

type Obj = Record<string, unknown>;
interface GrantView {
  expression: string | null;
  title: string | null;
  status: string;
}

/** member → role → its grants (one per condition), read from canonical `bindings`. */
function grantsOf(policy: unknown): Map<string, Map<string, GrantView[]>> {
  const out = new Map<string, Map<string, GrantView[]>>();
  for (const b of ((policy ?? {}) as { bindings?: Obj[] }).bindings ?? []) {
    const c = (b.condition ?? null) as Obj | null;
    const view: GrantView = {
      expression: (c?.expression as string) ?? null,
      title: (c?.title as string) ?? null,
      status: (c?.status as string) ?? 'active',
    };
    for (const m of (b.members as string[]) ?? []) {
      const roles = out.get(m) ?? new Map<string, GrantView[]>();
      roles.set(String(b.role), [...(roles.get(String(b.role)) ?? []), view]);
      out.set(m, roles);
    }
  }
  return out;
}

/** "roles/viewer", or "roles/storage.admin if <title> (expired)" for a conditional grant. */
const describe = (role: string, g: GrantView) => (g.expression === null ? role : `${role} if ${g.title ?? g.expression} (${g.status})`);
const described = (roles: Map<string, GrantView[]>) => [...roles.entries()].flatMap(([r, gs]) => gs.map((g) => describe(r, g))).sort();
const conditionsOf = (gs: GrantView[]) =>
  gs.map((g) => ({ title: g.title, expression: g.expression })).sort((a, b) => byCodeUnits(String(a.expression), String(b.expression)));

/** Changes for one role a member held before and after: a new/removed/edited condition, or a grant that lapsed. */
function roleChanges(subject: string, role: string, b: GrantView[], a: GrantView[]): Change[] {
  const field = `role ${role}`;
  if (!sameJson(conditionsOf(b), conditionsOf(a)))
    return [{ type: 'condition_changed', subject, field, before: conditionsOf(b), after: conditionsOf(a) }];
  const out: Change[] = [];
  for (const gb of b) {
    const ga = a.find((x) => x.expression === gb.expression);
    if (ga && ga.status !== gb.status)
      out.push({
        type: ga.status === 'expired' ? 'grant_expired' : 'grant_status_changed',
        subject,
        field,
        before: describe(role, gb),
        after: describe(role, ga),
      });
  }
  return out;
}

/**
 * Joiners, leavers and movers of one IAM policy (project or bucket): a member whose set of roles changed is a
 * mover (`role_changed`, before and after role lists); condition edits and grants that lapsed are listed per role.
 */
export function policyChanges(prefix: string, before: unknown, after: unknown): Change[] {
  const out: Change[] = [];
  visitKeyed(grantsOf(before), grantsOf(after), {
    added: (m, roles) => out.push({ type: 'member_added', subject: `${prefix}member ${m}`, after: described(roles) }),
    removed: (m, roles) => out.push({ type: 'member_removed', subject: `${prefix}member ${m}`, before: described(roles) }),
    both: (m, rb, ra) => {
      const subject = `${prefix}member ${m}`;
      const [namesB, namesA] = [[...rb.keys()].sort(), [...ra.keys()].sort()];
      if (!sameJson(namesB, namesA)) out.push({ type: 'role_changed', subject, field: 'roles', before: namesB, after: namesA });
      for (const role of namesB.filter((r) => ra.has(r))) out.push(...roleChanges(subject, role, rb.get(role)!, ra.get(role)!));
    },
  });
  return out;
}

/** Data Access audit logs switched on or off per service and log type, and exemptions added or removed. */
export function auditConfigChanges(before: unknown, after: unknown): Change[] {
  const flat = (p: unknown) => {
    const m = new Map<string, string[]>();
    for (const s of ((p ?? {}) as { auditConfigs?: Obj[] }).auditConfigs ?? []) {
      for (const l of (s.auditLogConfigs as Obj[]) ?? []) m.set(`${s.service} ${l.logType}`, (l.exemptedMembers as string[]) ?? []);
    }
    return m;
  };
  const out: Change[] = [];
  visitKeyed(flat(before), flat(after), {
    added: (k) => out.push({ type: 'audit_log_enabled', subject: `audit log ${k}` }),
    removed: (k) => out.push({ type: 'audit_log_disabled', subject: `audit log ${k}` }),
    both: (k, b, a) => {
      const ex = (l: string[]) => keyBy(l, (x) => x);
      visitKeyed(ex(b), ex(a), {
        added: (x) => out.push({ type: 'audit_exemption_added', subject: `audit log ${k}`, field: 'exempted member', after: x }),
        removed: (x) => out.push({ type: 'audit_exemption_removed', subject: `audit log ${k}`, field: 'exempted member', before: x }),
        both: () => {},
      });
    },
  });
  return out;
}
