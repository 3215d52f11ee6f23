import { AppError } from '../../../util/errors';
import { compareKeys } from '../../../diff/compare';
import type { AccessContent } from '../access';
import { auditContent, auditRequest } from '../audit-log';
import { isMultiTenant } from '../config';
import { graphqlCurl, restCurl } from '../evidence';
import { mapScimUser, mapTeam, membershipVersion, sortRegistries, type Registry } from '../map';
import { GET_TEAM_ENTITY, REGISTRY_FILTER } from '../queries-access';
import { REGISTRY_VERSIONS } from '../queries-registry';
import { buildRetention } from '../retention';
import type { WandbExport } from './detect';

export interface ImportedContent {
  content: unknown;
  records: number;
  notes: string[];
  /** Why the snapshot is known to be incomplete, or null. */
  partial: string | null;
}

function refuseDuplicates(keys: string[], what: string, file: string): void {
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) throw new AppError('BAD_INPUT', `${file} lists ${what} ${k} twice (the same page saved twice?); nothing was imported.`);
    seen.add(k);
  }
}

/** Registry versions grouped as the collector groups them; only registries and collections with a version appear. */
function registriesFrom(d: Extract<WandbExport, { export: 'RegistryVersions' }>): Registry[] {
  const regs = new Map<string, Registry>();
  for (const m of d.memberships) {
    const v = membershipVersion(m);
    const project = m.artifactCollection?.project;
    if (!v || !project || !m.artifactCollection) continue;
    let reg = regs.get(project.name);
    if (!reg)
      regs.set(
        project.name,
        (reg = { name: project.name, entity: project.entity.name, legacy: false, access: null, createdAt: null, collections: [] }),
      );
    let col = reg.collections.find((c) => c.name === m.artifactCollection!.name);
    if (!col)
      reg.collections.push(
        (col = { name: m.artifactCollection.name, type: m.artifact?.artifactType.name ?? null, createdAt: null, updatedAt: null, versions: [] }),
      );
    col.versions.push(v);
  }
  return sortRegistries([...regs.values()]);
}

/** The item content for an admin file, in the collector's shape; sections the file cannot hold are null. */
export function importedContent(d: WandbExport, host: string, teamTtlDefault: string | undefined, file: string): ImportedContent {
  const access = (part: Partial<AccessContent>): AccessContent => ({
    host,
    organization: null,
    viewer: null,
    teams: null,
    registries: null,
    orgUsers: null,
    ...part,
  });
  if (d.export === 'GetTeamEntity') {
    refuseDuplicates(
      d.teams.map((t) => t.name),
      'team',
      file,
    );
    const teams = d.teams.map((t) => mapTeam(t.name, t.defaultAccess, t.members)).sort((a, b) => compareKeys(a.name, b.name));
    const notes = ['Team members only: registry members and org users are not in this file (their sections are null, not empty).'];
    return { content: access({ teams }), records: teams.reduce((n, t) => n + t.members.length, 0), notes, partial: null };
  }
  if (d.export === 'scim/Users') {
    const users = d.users.map(mapScimUser).sort((a, b) => compareKeys(a.userName, b.userName));
    refuseDuplicates(
      users.map((u) => u.userName),
      'user',
      file,
    );
    const partial =
      d.total !== null && d.total > users.length
        ? `SCIM reported ${d.total} users but the file holds ${users.length}: later pages were not saved`
        : null;
    return {
      content: access({ orgUsers: { status: 'listed', reason: null, users } }),
      records: users.length,
      notes: ['Org users (SCIM) only: team and registry members are not in this file.'],
      partial,
    };
  }
  if (d.export === 'audit_logs') {
    const times = d.lines.map((l) => l.timestamp).sort();
    const window = { from: times[0]!, to: times.at(-1)!, days: null, source: 'entries' as const };
    const content = auditContent(host, isMultiTenant(host) ? 'multi-tenant' : 'unknown', window, d.lines);
    const notes = ['The covered window is taken from the first and last entries: the request that produced the file is not recorded in it.'];
    return { content, records: d.lines.length, notes, partial: null };
  }
  refuseDuplicates(
    d.memberships.map((m) => m.id),
    'membership',
    file,
  );
  const registries = registriesFrom(d);
  const partial = d.morePages ? 'the last page says hasNextPage: later pages were not saved' : null;
  const notes = ['RegistryVersions lists linked versions only: registries and collections with no version are not in this file.'];
  if (d.kind === 'wandb.retention') {
    const content = buildRetention(host, teamTtlDefault, registries);
    return {
      content,
      records: content.versions.length,
      notes: [...notes, 'The team default TTL comes from the source config (attested), not from the file.'],
      partial,
    };
  }
  return { content: { host, organization: null, registries }, records: d.memberships.length, notes, partial };
}

/** The command the admin runs to produce such a file; the key stays `$WANDB_API_KEY`, never a value. */
export function adminCommand(d: WandbExport, host: string, file: string): string {
  const key = 'WANDB_API_KEY';
  if (d.export === 'GetTeamEntity') {
    const lines = d.teams.map((t) => `${graphqlCurl(host, key, GET_TEAM_ENTITY, { name: t.name })}${d.responses > 1 ? '' : ` > ${file}`}`);
    return d.responses > 1 ? `{ ${lines.join('; ')}; } | jq -s . > ${file}` : lines[0]!;
  }
  if (d.export === 'RegistryVersions') {
    const curl = graphqlCurl(host, key, REGISTRY_VERSIONS, {
      organization: '<organization>',
      registryFilter: REGISTRY_FILTER,
      cursor: null,
      perPage: 100,
    });
    return d.responses > 1
      ? `${curl} > page-1.json  # then cursor = that page's pageInfo.endCursor until hasNextPage is false; jq -s . page-*.json > ${file}`
      : `${curl} > ${file}`;
  }
  if (d.export === 'scim/Users') return `${restCurl(`${host}/scim/Users?startIndex=1&count=1000`, key)} > ${file}`;
  const req = auditRequest(isMultiTenant(host), 7, undefined);
  return `${restCurl(`${host}${req.path}?${new URLSearchParams(Object.entries(req.params).map(([k, v]): [string, string] => [k, String(v)]))}`, key)} > ${file}`;
}
