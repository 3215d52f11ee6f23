import { toErrorBody } from '../../../util/errors';
import { isAuthFailure } from '../errors';
import { API_VERSIONS } from '../config';
import { canonicalRbac, roleGuid, type AssignmentInput, type PrincipalCheck, type RoleDefinition } from '../canonical/rbac';
import { graphObjects, roleAssignment, roleDefinition, type RawRoleAssignment, type RawRoleDefinition } from '../schemas';
import type { KindCollector, KindRun } from './types';

const GRAPH_BATCH = 1000; // directoryObjects/getByIds takes at most 1000 ids per call

export function fromRestAssignment(a: RawRoleAssignment): AssignmentInput {
  return { id: a.id, name: a.name, ...a.properties };
}

export function fromRestDefinition(d: RawRoleDefinition): RoleDefinition {
  const p = d.properties;
  return {
    id: d.name.toLowerCase(),
    roleName: p.roleName ?? null,
    roleType: p.type ?? null,
    description: p.description ?? null,
    assignableScopes: [...(p.assignableScopes ?? [])].sort(),
    permissions: (p.permissions ?? []).map((x) => ({
      actions: x.actions ?? [],
      notActions: x.notActions ?? [],
      dataActions: x.dataActions ?? [],
      notDataActions: x.notDataActions ?? [],
    })),
  };
}

/** Role definitions an assignment names but the subscription listing did not return (e.g. defined on a management group). */
async function missingDefinitions(run: KindRun, ids: string[], errors: string[]): Promise<RoleDefinition[]> {
  const out: RoleDefinition[] = [];
  for (const id of ids) {
    try {
      out.push(fromRestDefinition(await run.client.get(run.client.url(id, API_VERSIONS.authorization), roleDefinition, run.trace)));
    } catch (err) {
      if (isAuthFailure(err)) throw err;
      errors.push(`GET role definition ${roleGuid(id)}: ${toErrorBody(err).message}`);
    }
  }
  return out;
}

/** Which principals still exist, by Graph directoryObjects/getByIds (v1.0); ids it does not return are gone. */
async function checkPrincipals(run: KindRun, ids: string[], errors: string[]): Promise<PrincipalCheck> {
  if (!run.config.resolvePrincipals) return { via: 'none' };
  const found = new Map<string, string | null>();
  const url = `${run.config.graphEndpoint.replace(/\/+$/, '')}/v1.0/directoryObjects/getByIds`;
  try {
    for (let i = 0; i < ids.length; i += GRAPH_BATCH) {
      const r = await run.client.post(
        url,
        { ids: ids.slice(i, i + GRAPH_BATCH), types: ['user', 'group', 'servicePrincipal'] },
        graphObjects,
        run.trace,
      );
      for (const o of r.value) found.set(o.id, o.userPrincipalName ?? o.displayName ?? null);
    }
    return { via: 'graph', found };
  } catch (err) {
    // Graph needs its own permission; without it orphans are found from principalType only, and the item says so.
    errors.push(`Graph directoryObjects/getByIds (principal lookup): ${toErrorBody(err).message}`);
    return { via: 'none' };
  }
}

/**
 * azure.rbac: every role assignment that applies to the subscription — on it, inherited from above, and on each
 * resource group and resource below. The list is made WITHOUT `$filter=atScope()`: that filter returns only
 * assignments at or above the scope and would silently drop resource-group and resource grants.
 */
export const collectRbac: KindCollector = async (run) => {
  const sub = `/subscriptions/${run.config.subscriptionId}`;
  const errors: string[] = [];
  const assignmentsUrl = run.client.url(`${sub}/providers/Microsoft.Authorization/roleAssignments`, API_VERSIONS.authorization);
  const raw = await run.client.list('roleAssignments', assignmentsUrl, roleAssignment, run.trace, run.hooks);
  const definitionsUrl = run.client.url(`${sub}/providers/Microsoft.Authorization/roleDefinitions`, API_VERSIONS.authorization);
  const definitions = (await run.client.list('roleDefinitions', definitionsUrl, roleDefinition, run.trace, run.hooks)).map(fromRestDefinition);
  const known = new Set(definitions.map((d) => d.id));
  const missing = [...new Set(raw.map((a) => a.properties.roleDefinitionId).filter((id) => !known.has(roleGuid(id))))];
  definitions.push(...(await missingDefinitions(run, missing, errors)));
  run.progress(raw.length);
  const check = await checkPrincipals(run, [...new Set(raw.map((a) => a.properties.principalId))], errors);
  const content = canonicalRbac({
    subscriptionId: run.config.subscriptionId,
    coverage: 'all-scopes',
    assignments: raw.map(fromRestAssignment),
    definitions,
    check,
  });
  return {
    content,
    parameters: { filter: null, principalCheck: check.via, roleDefinitionsListed: definitions.length },
    recordsRetrieved: raw.length,
    azCommands: [
      `az role assignment list --all --subscription ${run.config.subscriptionId} -o json`,
      `az role definition list --subscription ${run.config.subscriptionId} -o json`,
    ],
    errors,
    notes: [
      'Role assignments were listed at the subscription without $filter, which returns those on the subscription, inherited from above it, and on every resource group and resource below it.',
      ...(check.via === 'graph'
        ? []
        : ['Principals were not looked up in Microsoft Graph: only principalType "Unknown" marks an orphaned assignment.']),
      'PIM-eligible assignments (roleEligibilityScheduleInstances) are not role assignments and are not listed here.',
    ],
  };
};
