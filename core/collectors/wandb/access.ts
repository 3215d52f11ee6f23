import { compareKeys } from '../../diff/compare';
import { HttpError, type RequestTrace } from '../../http';
import { toErrorBody } from '../../util/errors';
import type { WandbClient } from './client';
import { mapScimUser, mapTeam, type OrgUser, type RegistryAcl, type Team } from './map';
import { GET_TEAM_ENTITY, GET_VIEWER, REGISTRY_TEAM_MEMBERS, REGISTRY_USER_MEMBERS } from './queries-access';
import { registryMembersData, registryTeamMembersData, scimUsersPage, teamData, viewerData, type RawRegistry } from './schemas';

export interface AccessContent {
  host: string;
  organization: string | null;
  viewer: { username: string | null; admin: boolean | null } | null;
  /** null: not captured in this snapshot (an import of one file), so a differ compares nothing there. */
  teams: Team[] | null;
  registries: RegistryAcl[] | null;
  orgUsers: { status: 'listed' | 'not_available'; reason: string | null; users: OrgUser[] } | null;
}

export interface AccessResult {
  content: AccessContent;
  /** Why the snapshot is known to miss something (a team not visible, registries not listed). */
  gaps: string[];
  notes: string[];
  records: number;
}

const why = (err: unknown) => toErrorBody(err).message;

/** SCIM pages by startIndex/count (RFC 7644 §3.4.2.4); a 401/403/404 means "not an org admin key" here. */
async function orgUsers(client: WandbClient, trace: RequestTrace): Promise<AccessContent['orgUsers']> {
  const users: OrgUser[] = [];
  try {
    for (let start = 1; ;) {
      const page = await client.getJson('/scim/Users', { startIndex: start, count: client.pageSize }, scimUsersPage, trace);
      const got = page.Resources ?? [];
      users.push(...got.map(mapScimUser));
      start += got.length;
      if (got.length === 0 || page.totalResults === undefined || start > page.totalResults) break;
    }
  } catch (err) {
    if (err instanceof HttpError && (err.status === 401 || err.status === 403 || err.status === 404)) {
      trace.attempted('GET /scim/Users', `GET ${client.base}/scim/Users`, `HTTP ${err.status}`);
      return {
        status: 'not_available',
        reason: `SCIM /scim/Users answered HTTP ${err.status}: org users are listed only for an organization admin's key`,
        users: [],
      };
    }
    throw err;
  }
  return { status: 'listed', reason: null, users: users.sort((a, b) => compareKeys(a.userName, b.userName)) };
}

async function registryAcls(client: WandbClient, registries: RawRegistry[], trace: RequestTrace): Promise<RegistryAcl[]> {
  const out: RegistryAcl[] = [];
  for (const r of registries) {
    const vars = { project: r.name, entity: r.entity.name };
    const users = await client.graphql(REGISTRY_USER_MEMBERS, vars, registryMembersData, trace);
    const teams = await client.graphql(REGISTRY_TEAM_MEMBERS, vars, registryTeamMembersData, trace);
    out.push({
      registry: r.name,
      users: (users.project?.members ?? [])
        .map((m) => ({ username: m.username ?? null, email: m.email ?? null, name: m.name ?? null, role: m.role.name }))
        .sort((a, b) => compareKeys(a.username ?? a.email ?? '', b.username ?? b.email ?? '')),
      teams: (teams.project?.teamMembers ?? []).map((t) => ({ team: t.team.name, role: t.role.name })).sort((a, b) => compareKeys(a.team, b.team)),
    });
  }
  return out.sort((a, b) => compareKeys(a.registry, b.registry));
}

/**
 * Who can reach the models: the key's own identity, each configured team's members (role, admin, pending invites,
 * account type), each registry's user and team members with roles, and the org's users from SCIM when allowed.
 */
export async function buildAccess(args: {
  client: WandbClient;
  teams: readonly string[];
  organization: () => Promise<string | null>;
  registries: () => Promise<RawRegistry[]>;
  trace: RequestTrace;
}): Promise<AccessResult> {
  const { client, trace } = args;
  const gaps: string[] = [];
  const notes: string[] = [];
  const v = (await client.graphql(GET_VIEWER, {}, viewerData, trace)).viewer;
  const teams: Team[] = [];
  for (const name of args.teams) {
    const d = await client.graphql(GET_TEAM_ENTITY, { name }, teamData, trace);
    if (!d.entity) gaps.push(`team ${name} does not exist or is not visible to this key`);
    else teams.push(mapTeam(d.entity.name, d.entity.defaultAccess, d.entity.members));
  }
  let organization: string | null = null;
  let registries: RegistryAcl[] | null = null;
  try {
    organization = await args.organization();
    if (organization) registries = await registryAcls(client, await args.registries(), trace);
    else notes.push('No organization configured or found from the teams: registry members were not listed.');
  } catch (err) {
    gaps.push(`registry members not listed: ${why(err)}`);
  }
  const users = await orgUsers(client, trace);
  if (users?.status === 'not_available')
    notes.push(
      `Org users not available: ${users.reason}. Team and registry members are complete; the org-wide user list is not part of this snapshot.`,
    );
  const content: AccessContent = {
    host: client.base,
    organization,
    viewer: v ? { username: v.username ?? null, admin: v.admin ?? null } : null,
    teams: teams.sort((a, b) => compareKeys(a.name, b.name)),
    registries,
    orgUsers: users,
  };
  const records =
    teams.reduce((n, t) => n + t.members.length, 0) +
    (registries ?? []).reduce((n, r) => n + r.users.length + r.teams.length, 0) +
    (users?.users.length ?? 0);
  return { content, gaps, notes, records };
}
