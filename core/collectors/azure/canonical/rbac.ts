import { compareKeys } from '../../../diff/compare';
import { isoOrNull, scopeLevel, type ScopeLevel } from './common';

/** One role assignment as both the REST API and `az role assignment list` describe it (properties flattened). */
export interface AssignmentInput {
  id: string;
  name: string;
  scope: string;
  roleDefinitionId: string;
  /** az resolves it (`roleDefinitionName`); live collection takes it from the role definition. */
  roleName?: string | null;
  principalId: string;
  principalType?: string | null;
  /** az resolves it through Graph (`principalName`); live collection through directoryObjects/getByIds. */
  principalName?: string | null;
  condition?: string | null;
  conditionVersion?: string | null;
  description?: string | null;
  createdOn?: string | null;
  updatedOn?: string | null;
  createdBy?: string | null;
  updatedBy?: string | null;
  delegatedManagedIdentityResourceId?: string | null;
}

export interface Permission {
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

export interface RoleDefinition {
  /** The role definition's GUID (its ARM `name`); the same built-in role has one GUID under every scope. */
  id: string;
  roleName: string | null;
  roleType: string | null;
  description: string | null;
  assignableScopes: string[];
  /** null when the source did not include them (az role assignment list names the role only). */
  permissions: Permission[] | null;
}

export interface Assignment extends Required<Omit<AssignmentInput, 'roleDefinitionId'>> {
  roleDefinitionId: string;
  scopeLevel: ScopeLevel;
  orphaned: boolean;
  orphanReason: string | null;
}

/**
 * How principals were checked: `graph` (live; `found` holds the ids Graph returned), `az` (az's principalName),
 * or `none` (principalType "Unknown" is then the only sign of an orphan).
 */
export type PrincipalCheck = { via: 'graph'; found: ReadonlyMap<string, string | null> } | { via: 'az' } | { via: 'none' };

export type Coverage = 'all-scopes' | 'subscription-scope-only';

export interface RbacContent {
  subscriptionId: string;
  coverage: Coverage;
  principalCheck: PrincipalCheck['via'];
  assignments: Assignment[];
  roleDefinitions: RoleDefinition[];
  summary: {
    assignments: number;
    principals: number;
    orphaned: number;
    byScopeLevel: Record<string, number>;
    privileged: { principal: string; role: string; scope: string }[];
  };
}

/** Roles that grant control over the subscription (or access to grant it): few holders, each justified. */
export const PRIVILEGED_ROLES = new Set(['Owner', 'Contributor', 'User Access Administrator', 'Role Based Access Control Administrator']);

export const roleGuid = (roleDefinitionId: string) => (roleDefinitionId.split('/').at(-1) ?? roleDefinitionId).toLowerCase();

function orphan(a: AssignmentInput, check: PrincipalCheck, azResolvedAny: boolean): string | null {
  if (a.principalType === 'Unknown') return 'principalType is Unknown: the principal no longer exists in the directory';
  // Graph is asked for users, groups and service principals only (managed identities are service principals);
  // foreign groups live in another tenant and other types are not looked up, so neither can be judged missing.
  const lookedUp = ['User', 'Group', 'ServicePrincipal'].includes(a.principalType ?? '');
  if (check.via === 'graph' && lookedUp && !check.found.has(a.principalId)) return 'not found in Microsoft Graph (directoryObjects/getByIds)';
  if (check.via === 'az' && azResolvedAny && !a.principalName)
    return 'az could not resolve the principal (no principalName) while it resolved others';
  return null;
}

export function canonicalRbac(input: {
  subscriptionId: string;
  coverage: Coverage;
  assignments: AssignmentInput[];
  definitions: RoleDefinition[];
  check: PrincipalCheck;
}): RbacContent {
  const defs = new Map(input.definitions.map((d) => [d.id, d]));
  const azResolvedAny = input.assignments.some((a) => !!a.principalName);
  const assignments: Assignment[] = input.assignments.map((a) => {
    const guid = roleGuid(a.roleDefinitionId);
    const reason = orphan(a, input.check, azResolvedAny);
    const graphName = input.check.via === 'graph' ? input.check.found.get(a.principalId) : undefined;
    return {
      id: a.id,
      name: a.name,
      scope: a.scope,
      scopeLevel: scopeLevel(a.scope),
      roleDefinitionId: guid,
      roleName: a.roleName ?? defs.get(guid)?.roleName ?? null,
      principalId: a.principalId,
      principalType: a.principalType ?? null,
      principalName: a.principalName || graphName || null,
      condition: a.condition ?? null,
      conditionVersion: a.conditionVersion ?? null,
      description: a.description ?? null,
      createdOn: isoOrNull(a.createdOn),
      updatedOn: isoOrNull(a.updatedOn),
      createdBy: a.createdBy ?? null,
      updatedBy: a.updatedBy ?? null,
      delegatedManagedIdentityResourceId: a.delegatedManagedIdentityResourceId ?? null,
      orphaned: reason !== null,
      orphanReason: reason,
    };
  });
  // One precomputed key per assignment and code-unit order: deterministic, and fast enough for 100k assignments
  // (a natural-order comparator that lower-cases on every call took most of the time at that size).
  const key = new Map(assignments.map((a) => [a, `${a.scope.toLowerCase()}\u0000${a.roleName ?? ''}\u0000${a.principalId}\u0000${a.id}`]));
  assignments.sort((x, y) => (key.get(x)! < key.get(y)! ? -1 : key.get(x)! > key.get(y)! ? 1 : 0));
  // Only the definitions the assignments use: the ~500 built-in roles nobody holds are not evidence.
  const used = new Set(assignments.map((a) => a.roleDefinitionId));
  const roleDefinitions = input.definitions.filter((d) => used.has(d.id)).sort((x, y) => compareKeys(x.roleName ?? x.id, y.roleName ?? y.id));
  const byScopeLevel: Record<string, number> = {};
  for (const a of assignments) byScopeLevel[a.scopeLevel] = (byScopeLevel[a.scopeLevel] ?? 0) + 1;
  const privileged = assignments
    .filter((a) => PRIVILEGED_ROLES.has(a.roleName ?? '') && ['root', 'managementGroup', 'subscription'].includes(a.scopeLevel))
    .map((a) => ({ principal: a.principalName ?? a.principalId, role: a.roleName!, scope: a.scope }));
  return {
    subscriptionId: input.subscriptionId,
    coverage: input.coverage,
    principalCheck: input.check.via,
    assignments,
    roleDefinitions,
    summary: {
      assignments: assignments.length,
      principals: new Set(assignments.map((a) => a.principalId)).size,
      orphaned: assignments.filter((a) => a.orphaned).length,
      byScopeLevel,
      privileged,
    },
  };
}
