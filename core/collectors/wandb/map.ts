import { compareKeys } from '../../diff/compare';
import type { RawCollection, RawLegacyArtifact, RawMember, RawMembership, RawRegistry, RawScimUser } from './schemas';

/**
 * Raw W&B answers → the snapshot content both the collector and the importer record, so a collected snapshot and
 * an imported one of the same team or registry diff cleanly. Lists are sorted; absent fields are null.
 */

export interface TeamMember {
  username: string | null;
  email: string | null;
  name: string | null;
  role: string | null;
  admin: boolean;
  pending: boolean;
  accountType: string | null;
  id: string | null;
}

export interface Team {
  name: string;
  defaultAccess: string | null;
  members: TeamMember[];
}

/** How a member is known across snapshots: username, or the invited email while the invite is pending. */
export const memberKey = (m: Pick<TeamMember, 'username' | 'email' | 'id'>): string => m.username ?? m.email ?? m.id ?? '?';

const nn = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

export function mapTeam(name: string, defaultAccess: string | null | undefined, members: RawMember[]): Team {
  const mapped = members.map((m) => ({
    username: nn(m.username),
    email: nn(m.email),
    name: nn(m.name),
    role: nn(m.role),
    admin: m.admin === true,
    pending: m.pending === true,
    accountType: nn(m.accountType),
    id: nn(m.id),
  }));
  return { name, defaultAccess: nn(defaultAccess), members: mapped.sort((a, b) => compareKeys(memberKey(a), memberKey(b))) };
}

export interface RegistryAcl {
  registry: string;
  users: { username: string | null; email: string | null; name: string | null; role: string }[];
  teams: { team: string; role: string }[];
}

export interface OrgUser {
  id: string;
  userName: string;
  displayName: string | null;
  active: boolean | null;
  emails: string[];
  organizationRole: string | null;
  teamRoles: { team: string; role: string }[];
}

export function mapScimUser(u: RawScimUser): OrgUser {
  return {
    id: u.id,
    userName: u.userName,
    displayName: nn(u.displayName),
    active: nn(u.active),
    emails: (u.emails ?? []).map((e) => e.value).sort(),
    organizationRole: nn(u.organizationRole),
    teamRoles: (u.teamRoles ?? []).map((t) => ({ team: t.teamName, role: t.roleName })).sort((a, b) => compareKeys(a.team, b.team)),
  };
}

export interface RegistryVersion {
  version: string;
  versionIndex: number | null;
  aliases: string[];
  /** When the version was linked into the registry (the membership's creation); null for the legacy registry. */
  linkedAt: string | null;
  digest: string;
  state: string;
  createdAt: string;
  updatedAt: string | null;
  artifactId: string;
  /** The source artifact: entity/project/sequence:vN. */
  sourceArtifact: string;
  producedBy: { runId: string; project: string | null; commit: string | null; user: string | null } | null;
  ttlDurationSeconds: number | null;
  ttlIsInherited: boolean | null;
}

export interface RegistryCollection {
  name: string;
  type: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  versions: RegistryVersion[];
}

export interface Registry {
  name: string;
  entity: string;
  legacy: boolean;
  access: string | null;
  createdAt: string | null;
  collections: RegistryCollection[];
}

const projectPath = (p: { name: string; entity: { name: string } } | null | undefined) => (p ? `${p.entity.name}/${p.name}` : null);

type ArtifactLike = Pick<
  RawLegacyArtifact,
  'id' | 'versionIndex' | 'state' | 'digest' | 'createdAt' | 'updatedAt' | 'ttlDurationSeconds' | 'ttlIsInherited' | 'artifactSequence' | 'createdBy'
>;

function versionOf(a: ArtifactLike, version: string, aliases: string[], linkedAt: string | null, versionIndex: number | null): RegistryVersion {
  const seq = a.artifactSequence;
  const run = a.createdBy && a.createdBy.__typename === 'Run' && a.createdBy.name ? a.createdBy : null;
  return {
    version,
    versionIndex,
    aliases: [...aliases].sort(),
    linkedAt,
    digest: a.digest,
    state: a.state,
    createdAt: a.createdAt,
    updatedAt: nn(a.updatedAt),
    artifactId: a.id,
    sourceArtifact: `${projectPath(seq.project) ?? '?'}/${seq.name}:v${a.versionIndex ?? '?'}`,
    producedBy: run ? { runId: run.name!, project: projectPath(run.project), commit: nn(run.commit), user: run.user?.username ?? null } : null,
    ttlDurationSeconds: nn(a.ttlDurationSeconds),
    ttlIsInherited: nn(a.ttlIsInherited),
  };
}

/** A registry version from a RegistryVersions membership; null when the membership has no artifact (deleted). */
export function membershipVersion(m: RawMembership): RegistryVersion | null {
  if (!m.artifact) return null;
  return versionOf(
    m.artifact,
    `v${m.versionIndex ?? '?'}`,
    m.aliases.map((a) => a.alias),
    m.createdAt,
    m.versionIndex,
  );
}

/** A legacy Model Registry version: only the aliases that belong to this portfolio, not the source's own. */
export function legacyVersion(a: RawLegacyArtifact, version: string, collection: string): RegistryVersion {
  const aliases = a.aliases.filter((x) => !x.artifactCollection || x.artifactCollection.name === collection).map((x) => x.alias);
  const index = /^v(\d+)$/.exec(version);
  return versionOf(a, version, aliases, null, index ? Number(index[1]) : null);
}

export function emptyCollection(c: RawCollection): RegistryCollection {
  return { name: c.name, type: c.type.name, createdAt: c.createdAt, updatedAt: nn(c.updatedAt), versions: [] };
}

export function emptyRegistry(r: RawRegistry): Registry {
  return { name: r.name, entity: r.entity.name, legacy: false, access: nn(r.access), createdAt: r.createdAt, collections: [] };
}

const byVersion = (a: RegistryVersion, b: RegistryVersion) => (a.versionIndex ?? -1) - (b.versionIndex ?? -1) || compareKeys(a.version, b.version);

/** Sorted registries → collections → versions, so the same state always hashes the same. */
export function sortRegistries(registries: Registry[]): Registry[] {
  for (const r of registries) {
    r.collections.sort((a, b) => compareKeys(a.name, b.name));
    for (const c of r.collections) c.versions.sort(byVersion);
  }
  return registries.sort((a, b) => compareKeys(`${a.entity}/${a.name}`, `${b.entity}/${b.name}`));
}
