import { z } from 'zod';
import { byCodeUnits } from '../../../util/order';
import { analyseCondition, type ConditionView, type GrantStatus } from './conditions';

// cloudresourcemanager v3 / storage v1 `Policy`, `Binding`, `Expr`, `AuditConfig`, `AuditLogConfig` (discovery
// documents; gcloud --format=json prints the same camelCase). Unknown fields are ignored, never refused.
const exprSchema = z.object({
  expression: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  location: z.string().optional(),
});
const bindingSchema = z.object({ role: z.string().min(1), members: z.array(z.string()).default([]), condition: exprSchema.optional() });
const auditConfigSchema = z.object({
  service: z.string().min(1),
  auditLogConfigs: z.array(z.object({ logType: z.string().min(1), exemptedMembers: z.array(z.string()).optional() })).default([]),
});
export const policySchema = z.object({
  version: z.number().int().optional(),
  etag: z.string().optional(),
  bindings: z.array(bindingSchema).default([]),
  auditConfigs: z.array(auditConfigSchema).default([]),
});
export type RawPolicy = z.output<typeof policySchema>;

export interface CanonicalBinding {
  role: string;
  members: string[];
  condition: ConditionView | null;
}
export interface Grant {
  role: string;
  /** The condition's title (else its expression); null for an unconditional grant. */
  condition: string | null;
  status: GrantStatus;
  expiresAt: string | null;
}
export interface CanonicalMember {
  member: string;
  /** user, group, serviceAccount, domain, public (allUsers/allAuthenticatedUsers), deleted, principalSet, … */
  type: string;
  deleted: boolean;
  grants: Grant[];
}
export interface CanonicalPolicy {
  version: number | null;
  etag: string | null;
  bindings: CanonicalBinding[];
  members: CanonicalMember[];
  auditConfigs: { service: string; auditLogConfigs: { logType: string; exemptedMembers: string[] }[] }[];
}

/** `deleted:user:bob@x?uid=1` → deleted; `allUsers` → public; else the prefix before the first colon. */
export function memberType(member: string): { type: string; deleted: boolean } {
  if (member === 'allUsers' || member === 'allAuthenticatedUsers') return { type: 'public', deleted: false };
  if (member.startsWith('deleted:')) return { type: 'deleted', deleted: true };
  const m = member.match(/^([A-Za-z]+):/);
  return { type: m ? m[1]! : 'other', deleted: false };
}

const conditionLabel = (c: ConditionView | null) => (c ? (c.title ?? c.expression) : null);
const bindingKey = (b: CanonicalBinding) => `${b.role}\u0000${b.condition?.expression ?? ''}`;

/** Sorted, with each condition judged at `asOf` (collection or import time) and a per-member view of grants. */
export function canonicalPolicy(p: RawPolicy, asOf: string): CanonicalPolicy {
  const bindings: CanonicalBinding[] = p.bindings
    .map((b) => ({
      role: b.role,
      members: [...new Set(b.members)].sort(byCodeUnits),
      condition: b.condition ? analyseCondition(b.condition, asOf) : null,
    }))
    .sort((a, b) => byCodeUnits(bindingKey(a), bindingKey(b)));
  const byMember = new Map<string, Grant[]>();
  for (const b of bindings) {
    for (const m of b.members) {
      const grant: Grant = {
        role: b.role,
        condition: conditionLabel(b.condition),
        status: b.condition?.status ?? 'active',
        expiresAt: b.condition?.expiresAt ?? null,
      };
      byMember.set(m, [...(byMember.get(m) ?? []), grant]);
    }
  }
  const members = [...byMember.entries()]
    .sort(([a], [b]) => byCodeUnits(a, b))
    .map(([member, grants]) => ({ member, ...memberType(member), grants }));
  const auditConfigs = p.auditConfigs
    .map((a) => ({
      service: a.service,
      auditLogConfigs: a.auditLogConfigs
        .map((l) => ({ logType: l.logType, exemptedMembers: [...(l.exemptedMembers ?? [])].sort(byCodeUnits) }))
        .sort((x, y) => byCodeUnits(x.logType, y.logType)),
    }))
    .sort((x, y) => byCodeUnits(x.service, y.service));
  return { version: p.version ?? null, etag: p.etag ?? null, bindings, members, auditConfigs };
}

/** Who holds what, at a glance: the numbers an access review starts from. */
export function policySummary(p: CanonicalPolicy) {
  const grants = p.members.flatMap((m) => m.grants.map((g) => ({ member: m.member, ...g })));
  const activeHolders = (role: string) => grants.filter((g) => g.role === role && g.status === 'active').map((g) => g.member);
  return {
    bindings: p.bindings.length,
    members: p.members.length,
    conditionalBindings: p.bindings.filter((b) => b.condition).length,
    expiredGrants: grants.filter((g) => g.status === 'expired').length,
    notYetActiveGrants: grants.filter((g) => g.status === 'not_yet_active').length,
    deletedMembers: p.members.filter((m) => m.deleted).map((m) => m.member),
    publicMembers: p.members.filter((m) => m.type === 'public').map((m) => m.member),
    owners: activeHolders('roles/owner'),
  };
}
