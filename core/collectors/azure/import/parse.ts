import { z } from 'zod';
import { AppError, formatZodError } from '../../../util/errors';
import { armIdParts, isoOrNull } from '../canonical/common';
import { canonicalRbac, roleGuid, type AssignmentInput, type RoleDefinition } from '../canonical/rbac';
import { canonicalStorage } from '../canonical/storage';
import { fromRestAssignment } from '../kinds/rbac';
import { roleAssignment } from '../schemas';
import type { AzureShape } from './detect';

export interface ParsedAzure {
  kind: 'azure.rbac' | 'azure.storage.retention';
  subscriptionId: string;
  content: unknown;
  command: string;
  recordsRetrieved: number;
  /** Why the item is partial; empty when the file is the whole answer. */
  errors: string[];
  notes: string[];
}

const str = z.string().nullish();
/** One row of `az role assignment list -o json`: the REST properties flattened, plus az's resolved names. */
const azRow = z.looseObject({
  id: z.string(),
  name: z.string(),
  principalId: z.string(),
  roleDefinitionId: z.string(),
  scope: z.string(),
  principalType: str,
  principalName: str,
  roleDefinitionName: str,
  condition: str,
  conditionVersion: str,
  description: str,
  createdOn: str,
  updatedOn: str,
  createdBy: str,
  updatedBy: str,
  delegatedManagedIdentityResourceId: str,
});

function rowsOf<S extends z.ZodType>(schema: S, rows: unknown[], name: string): z.output<S>[] {
  return rows.map((r, i) => {
    const v = schema.safeParse(r);
    if (!v.success)
      throw new AppError(
        'BAD_INPUT',
        `${name}: row ${i + 1} is not a role assignment: ${formatZodError(v.error).slice(0, 200)}. Nothing was imported.`,
      );
    return v.data;
  });
}

/** The subscription the rows belong to (`az role assignment list --all` covers exactly one), else the source's. */
function subscriptionOf(ids: string[], fallback: string | null, name: string): string {
  const subs = new Set(ids.map((id) => armIdParts(id).subscriptionId).filter((s): s is string => !!s));
  if (subs.size > 1)
    throw new AppError('BAD_INPUT', `${name} mixes subscriptions (${[...subs].join(', ')}); export one subscription per file. Nothing was imported.`);
  const sub = [...subs][0] ?? fallback;
  if (!sub)
    throw new AppError(
      'BAD_INPUT',
      `${name} names no subscription (only inherited assignments); import it with --source naming an azure source. Nothing was imported.`,
    );
  return sub;
}

export const ROLE_ASSIGNMENTS_COMMAND = (sub: string) => `az role assignment list --all --subscription ${sub} -o json > role-assignments.json`;
export const MANAGEMENT_POLICY_COMMAND = (rg: string, account: string) =>
  `az storage account management-policy show -g ${rg} --account-name ${account} -o json > management-policy.json`;

function roleAssignments(s: Extract<AzureShape, { shape: 'role-assignments' }>, name: string, fallbackSub: string | null): ParsedAzure {
  const inputs: AssignmentInput[] =
    s.form === 'az'
      ? rowsOf(azRow, s.rows, name).map(({ roleDefinitionName, ...r }) => ({ ...r, roleName: roleDefinitionName ?? null }))
      : rowsOf(roleAssignment, s.rows, name).map(fromRestAssignment);
  const sub = subscriptionOf(
    inputs.flatMap((a) => [a.id, a.scope]),
    fallbackSub,
    name,
  );
  // Without --all, az keeps only rows scoped exactly to the subscription (azure-cli role/custom.py): resource-group
  // and resource grants are then missing, and the file cannot tell us otherwise.
  const onlySubscription = inputs.every((a) => a.scope.toLowerCase().replace(/\/+$/, '') === `/subscriptions/${sub}`);
  const definitions = new Map<string, RoleDefinition>();
  for (const a of inputs) {
    const id = roleGuid(a.roleDefinitionId);
    if (!definitions.has(id))
      definitions.set(id, { id, roleName: a.roleName ?? null, roleType: null, description: null, assignableScopes: [], permissions: null });
  }
  const content = canonicalRbac({
    subscriptionId: sub,
    coverage: onlySubscription ? 'subscription-scope-only' : 'all-scopes',
    assignments: inputs,
    definitions: [...definitions.values()],
    check: s.form === 'az' ? { via: 'az' } : { via: 'none' },
  });
  const errors = [
    ...(onlySubscription
      ? [
          'incomplete: every row is scoped to the subscription itself, as `az role assignment list` prints WITHOUT --all; assignments on resource groups and resources may be missing (re-export with --all)',
        ]
      : []),
    ...(s.nextLink ? ['incomplete: the saved page has a nextLink; later pages were not in the file'] : []),
  ];
  return {
    kind: 'azure.rbac',
    subscriptionId: sub,
    content,
    command: ROLE_ASSIGNMENTS_COMMAND(sub),
    recordsRetrieved: inputs.length,
    errors,
    notes: [
      'Role permissions (actions, data actions) are not part of `az role assignment list`; run `az role definition list` for them. roleDefinitions here name the roles only.',
      s.form === 'az'
        ? 'Orphans: principalType "Unknown", or a principal az could not name while it named others.'
        : 'Saved `az rest` output has no principal names: only principalType "Unknown" marks an orphan.',
    ],
  };
}

function managementPolicy(s: Extract<AzureShape, { shape: 'management-policy' }>, name: string): ParsedAzure {
  const p = s.form === 'az' ? s.policy : (s.policy.properties as Record<string, unknown>);
  const id = typeof s.policy.id === 'string' ? s.policy.id : '';
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Storage\/storageAccounts\/([^/]+)\/managementPolicies\//i.exec(
    id,
  );
  if (!m)
    throw new AppError(
      'BAD_INPUT',
      `${name}: the management policy has no storage account id ("id" should end in /storageAccounts/<account>/managementPolicies/default). Nothing was imported.`,
    );
  const [, sub, rg, account] = m as unknown as [string, string, string, string];
  const rules = ((p.policy as { rules: unknown[] }).rules ?? []).map((r, i) => {
    if (typeof r !== 'object' || r === null || typeof (r as { name?: unknown }).name !== 'string')
      throw new AppError('BAD_INPUT', `${name}: lifecycle rule ${i + 1} has no name. Nothing was imported.`);
    return r as Record<string, unknown>;
  });
  const lifecycle = {
    status: 'configured' as const,
    config: { lastModifiedTime: isoOrNull(typeof p.lastModifiedTime === 'string' ? p.lastModifiedTime : null), rules },
  };
  const content = canonicalStorage(
    sub.toLowerCase(),
    [
      {
        name: account,
        resourceGroup: rg,
        kind: null,
        location: null,
        allowBlobPublicAccess: null,
        lifecycle,
        blobService: { status: 'not_provided' },
        containers: { status: 'not_provided' },
      },
    ],
    'accounts-in-file',
  );
  return {
    kind: 'azure.storage.retention',
    subscriptionId: sub.toLowerCase(),
    content,
    command: MANAGEMENT_POLICY_COMMAND(rg, account),
    recordsRetrieved: 1,
    errors: [
      `only the lifecycle policy of account ${account} was in the file; soft delete, versioning, containers, immutability and legal holds were not provided`,
    ],
    notes: [
      'A "not found" answer from `az storage account management-policy show` means no lifecycle policy; az prints it on stderr, so there is no file to import for it — collect live to record it.',
    ],
  };
}

export function parseAzureExport(s: AzureShape, name: string, fallbackSub: string | null): ParsedAzure {
  return s.shape === 'role-assignments' ? roleAssignments(s, name, fallbackSub) : managementPolicy(s, name);
}
