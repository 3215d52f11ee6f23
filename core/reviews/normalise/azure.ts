import type { AccessPrincipal } from '../types';
import { list, str, type Obj } from './util';

const TYPES: Record<string, AccessPrincipal['type']> = { User: 'user', Group: 'group', ServicePrincipal: 'service', Unknown: 'unknown' };
const PRIVILEGED = /^(Owner|User Access Administrator|Role Based Access Control Administrator)$|Administrator$/;

/** A scope as a reviewer reads it: subscription, resource group, resource, management group. */
function where(scope: string, level: unknown): string {
  const rg = /\/resourceGroups\/([^/]+)(?:\/providers\/[^/]+\/(.+))?$/i.exec(scope);
  if (rg) return rg[2] ? `${rg[1]}/${rg[2]}` : `resource group ${rg[1]}`;
  const mg = /managementGroups\/([^/]+)$/i.exec(scope);
  if (mg) return `management group ${mg[1]}`;
  return level === 'subscription' ? 'subscription' : scope;
}

/** azure.rbac: role assignments grouped per principal (object id); orphaned assignments mark a deleted principal. */
export function azurePrincipals(content: Obj): AccessPrincipal[] {
  const byId = new Map<string, Obj[]>();
  for (const a of list(content.assignments)) {
    const id = String(a.principalId);
    byId.set(id, [...(byId.get(id) ?? []), a]);
  }
  return [...byId.entries()].map(([id, rows]) => {
    const first = rows[0]!;
    const name = str(first.principalName);
    const type = String(first.principalType ?? 'Unknown');
    const created =
      rows
        .map((r) => str(r.createdOn))
        .filter((x): x is string => x !== null)
        .sort()[0] ?? null;
    return {
      principal: id,
      displayName: name ?? id,
      type: TYPES[type] ?? 'unknown',
      roles: rows.map((r) => `${String(r.roleName ?? r.roleDefinitionId)} at ${where(String(r.scope ?? ''), r.scopeLevel)}`),
      mfa: null, // MFA registration is an Entra ID report, not part of role assignments
      lastActivity: null,
      createdAt: created,
      deleted: rows.some((r) => r.orphaned === true),
      person: type === 'User' ? name : null,
      privileged: rows.some((r) => PRIVILEGED.test(String(r.roleName ?? ''))),
    };
  });
}
