import { AppError, formatZodError } from '../../../util/errors';
import { jsonTooDeep, tooDeepMessage } from '../../../util/json-depth';
import { tooManyContainers, tooManyContainersMessage } from '../../../util/json-bomb';
import type { z } from 'zod';
import { parseAuditJsonl, type AuditLine } from '../audit-log';
import { scimUsersPage, teamData, registryVersionsData, type RawMember, type RawMembership, type RawScimUser } from '../schemas';

/** The admin files `import wandb` accepts, and the kind each becomes. */
export type WandbExport =
  | {
      export: 'GetTeamEntity';
      kind: 'wandb.access';
      teams: { name: string; defaultAccess: string | null; members: RawMember[] }[];
      responses: number;
    }
  | {
      export: 'RegistryVersions';
      kind: 'wandb.registry' | 'wandb.retention';
      orgEntity: string;
      memberships: RawMembership[];
      responses: number;
      morePages: boolean;
    }
  | { export: 'scim/Users'; kind: 'wandb.access'; users: RawScimUser[]; responses: number; total: number | null }
  | { export: 'audit_logs'; kind: 'wandb.audit-log'; lines: AuditLine[]; responses: number };

const EXPECTED =
  'a saved W&B GraphQL response of GetTeamEntity or RegistryVersions ({"data":…}, or a JSON array of pages), a SCIM /scim/Users answer ({"Resources":[…]}) or audit-log JSON lines';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a file that is not ours seems to be, so the refusal can say so. */
export function looksLike(v: unknown): string {
  const first = Array.isArray(v) ? v[0] : v;
  if (!isObj(first)) return Array.isArray(v) ? 'a JSON array of non-objects' : `a JSON ${v === null ? 'null' : typeof v}`;
  const keys = Object.keys(first);
  const has = (...k: string[]) => k.some((x) => keys.includes(x));
  if (has('model_versions', 'registered_models')) return 'an MLflow registry export (use `import mlflow`)';
  if (has('user', 'users') && !has('data')) return 'an MLflow users export (use `import mlflow`)';
  if (has('UserDetailList', 'RoleDetailList')) return 'AWS get-account-authorization-details output (use `import aws-gaad`)';
  if (has('Content', 'ReportFormat')) return 'an AWS credential report (use `import aws-credential-report`)';
  if (has('bindings') && has('etag')) return 'a GCP IAM policy';
  if (has('roleDefinitionId', 'principalId')) return 'Azure role assignments';
  if (has('errors') && !isObj(first.data)) return 'a GraphQL error answer with no data (the query failed when it was saved)';
  if (isObj(first.data))
    return `a GraphQL response of another query (data has ${
      Object.keys(first.data)
        .map((k) => `"${k}"`)
        .join(', ') || 'nothing'
    })`;
  if (has('Resources') && Array.isArray(first.Resources) && isObj(first.Resources[0]) && 'members' in first.Resources[0])
    return 'a SCIM /scim/Groups answer (teams), not /scim/Users';
  return `JSON with top-level keys ${
    keys
      .slice(0, 8)
      .map((k) => `"${k}"`)
      .join(', ') || 'none'
  }`;
}

function refuse(name: string, v: unknown): never {
  throw new AppError('BAD_INPUT', `${name} is not ${EXPECTED}; it looks like ${looksLike(v)}. Nothing was imported.`);
}

function parsePages<S extends z.ZodType>(pages: unknown[], schema: S, name: string, what: string): z.output<S>[] {
  return pages.map((p, i) => {
    if (isObj(p) && Array.isArray(p.errors) && p.errors.length) {
      throw new AppError(
        'BAD_INPUT',
        `${pages.length > 1 ? `response ${i + 1} of ${name}` : name} holds GraphQL errors (${JSON.stringify(p.errors).slice(0, 160)}): the ${what} query failed when it was saved. Nothing was imported.`,
      );
    }
    const r = schema.safeParse(isObj(p) ? p.data : undefined);
    if (!r.success)
      throw new AppError(
        'BAD_INPUT',
        `${pages.length > 1 ? `response ${i + 1} of ${name}` : name} does not match ${what}: ${formatZodError(r.error)}`,
      );
    return r.data;
  });
}

/** Which operation a GraphQL response answers, by the path its data takes. */
function graphqlExport(v: unknown): 'GetTeamEntity' | 'RegistryVersions' | 'scim/Users' | null {
  const first = Array.isArray(v) ? v[0] : v;
  if (!isObj(first)) return null;
  if (Array.isArray(first.Resources) || first.schemas !== undefined) return 'scim/Users';
  const data = isObj(first.data) ? first.data : null;
  if (data && isObj(data.entity) && 'members' in data.entity) return 'GetTeamEntity';
  const org = data && isObj(data.organization) && isObj(data.organization.orgEntity) ? data.organization.orgEntity : null;
  if (org && 'artifactMemberships' in org) return 'RegistryVersions';
  return null;
}

/** Classifies and validates a whole file; throws (nothing written) on anything else, naming what it looks like. */
export function detectWandbExport(text: string, name: string, kindHint?: string): WandbExport {
  // JSON or JSON lines alike: count before anything is parsed.
  if (tooManyContainers(text)) throw new AppError('BAD_INPUT', `${tooManyContainersMessage(name)}. Nothing was imported.`);
  let json: unknown;
  let isJson = true;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    isJson = false;
  }
  if (isJson && jsonTooDeep(json)) throw new AppError('BAD_INPUT', `${tooDeepMessage(name)}. Nothing was imported.`);
  const found = isJson ? graphqlExport(json) : null;
  const pages = Array.isArray(json) ? json : [json];
  let out: WandbExport;
  if (found === 'GetTeamEntity') {
    const teams = parsePages(pages, teamData, name, 'GetTeamEntity').map((d, i) => {
      if (!d.entity)
        throw new AppError(
          'BAD_INPUT',
          `response ${i + 1} of ${name} has entity null: the team did not exist or was not visible to the key. Nothing was imported.`,
        );
      return { name: d.entity.name, defaultAccess: d.entity.defaultAccess ?? null, members: d.entity.members };
    });
    out = { export: 'GetTeamEntity', kind: 'wandb.access', teams, responses: pages.length };
  } else if (found === 'RegistryVersions') {
    const data = parsePages(pages, registryVersionsData, name, 'RegistryVersions');
    const conns = data.map((d) => d.organization?.orgEntity);
    if (conns.some((c) => !c))
      throw new AppError(
        'BAD_INPUT',
        `${name} has organization or orgEntity null: the organization was not visible to the key. Nothing was imported.`,
      );
    const memberships = conns.flatMap((c) => c!.artifactMemberships.edges.map((e) => e.node));
    const kind = kindHint === 'wandb.retention' ? 'wandb.retention' : 'wandb.registry';
    out = {
      export: 'RegistryVersions',
      kind,
      orgEntity: conns[0]!.name,
      memberships,
      responses: pages.length,
      morePages: conns.at(-1)!.artifactMemberships.pageInfo.hasNextPage,
    };
  } else if (found === 'scim/Users') {
    const parsed = pages.map((p, i) => {
      const r = scimUsersPage.safeParse(p);
      if (!r.success)
        throw new AppError(
          'BAD_INPUT',
          `${pages.length > 1 ? `response ${i + 1} of ${name}` : name} does not match SCIM /scim/Users: ${formatZodError(r.error)}`,
        );
      return r.data;
    });
    out = {
      export: 'scim/Users',
      kind: 'wandb.access',
      users: parsed.flatMap((p) => p.Resources ?? []),
      responses: pages.length,
      total: parsed[0]?.totalResults ?? null,
    };
  } else if (
    !isJson ||
    (Array.isArray(json) && isObj(json[0]) && 'action' in json[0] && 'timestamp' in json[0]) ||
    (isObj(json) && 'action' in json && 'timestamp' in json)
  ) {
    let lines: AuditLine[];
    try {
      lines = parseAuditJsonl(text.replace(/^\uFEFF/, ''), name);
    } catch (err) {
      if (!isJson && !/^\s*[[{]/.test(text))
        throw new AppError('BAD_INPUT', `${name} is not ${EXPECTED}: it is neither JSON nor JSON lines. Nothing was imported.`);
      throw new AppError('BAD_INPUT', `${(err as Error).message}. Nothing was imported.`);
    }
    if (lines.length === 0) throw new AppError('BAD_INPUT', `${name} is empty: no audit-log lines. Nothing was imported.`);
    out = { export: 'audit_logs', kind: 'wandb.audit-log', lines, responses: 1 };
  } else {
    refuse(name, json);
  }
  if (kindHint && kindHint !== out.kind)
    throw new AppError('BAD_INPUT', `${name} holds ${out.export} (${out.kind}), not ${kindHint}. Nothing was imported.`);
  return out;
}
