import type { ReportItem, ReportTable } from '../types';
import { cell, dateCell, isObj, snapshotTable, yesNo, type Obj } from './format';

/** W&B snapshots as PDF tables: one row per person and grant, per registry version, per TTL, per audit entry. */

const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Team members, registry members (users and teams) and org users in one table, each row naming where it applies. */
export function wandbAccessTable(item: ReportItem, content: Obj): ReportTable {
  const rows: string[][] = [];
  for (const t of list(content.teams)) {
    for (const m of list(t.members)) {
      rows.push([
        `team ${cell(t.name, 30)}`,
        cell(m.username ?? m.email, 40),
        cell(m.role, 20),
        yesNo(m.admin),
        m.pending ? 'invite pending' : 'member',
        cell(m.accountType, 20),
      ]);
    }
  }
  for (const r of list(content.registries)) {
    const name = cell(String(r.registry).replace(/^wandb-registry-/, ''), 30);
    for (const u of list(r.users)) rows.push([`registry ${name}`, cell(u.username ?? u.email, 40), cell(u.role, 20), '-', 'user', '-']);
    for (const t of list(r.teams)) rows.push([`registry ${name}`, `team ${cell(t.team, 34)}`, cell(t.role, 20), '-', 'team', '-']);
  }
  const org = isObj(content.orgUsers) ? content.orgUsers : null;
  for (const u of list(org?.users))
    rows.push(['organization (SCIM)', cell(u.userName, 40), cell(u.organizationRole, 20), '-', u.active === false ? 'deactivated' : 'active', '-']);
  const teams = list(content.teams).length;
  const orgNote = !org
    ? 'Org users were not captured in this snapshot.'
    : org.status === 'listed'
      ? `${list(org.users).length} org users from SCIM.`
      : `Org users NOT AVAILABLE: ${cell(org.reason, 160)}`;
  const note = `${content.teams === null ? 'Teams not captured' : count(teams, 'team', 'teams')}; ${content.registries === null ? 'registry members not captured' : count(list(content.registries).length, 'registry', 'registries')}. ${orgNote} Team roles (admin, member, viewer, custom) and registry roles (admin, member, viewer, restricted viewer) are separate grants.`;
  return snapshotTable(
    'access',
    'W&B team, registry and organization members',
    item,
    ['Where', 'Identity', 'Role', 'Team admin', 'Status', 'Account'],
    rows,
    note,
  );
}

const short = (v: unknown, n: number) => (typeof v === 'string' && v.length > n ? v.slice(0, n) : cell(v, 40));

/** Every registry version with its aliases, link time, digest and producing run (registry history is ours to keep). */
export function wandbRegistryTable(item: ReportItem, content: Obj): ReportTable {
  const rows: string[][] = [];
  for (const r of list(content.registries)) {
    const reg = r.legacy ? `${cell(r.entity, 20)}/model-registry (legacy)` : cell(String(r.name).replace(/^wandb-registry-/, ''), 30);
    for (const c of list(r.collections)) {
      for (const v of list(c.versions)) {
        const run = isObj(v.producedBy) ? v.producedBy : null;
        const produced = run ? `${cell(run.runId, 16)} @ ${short(run.commit, 10)}` : 'not a run';
        rows.push([
          reg,
          cell(c.name, 30),
          cell(v.version, 8),
          cell(v.aliases, 40),
          dateCell(v.linkedAt ?? v.createdAt),
          cell(v.state, 10),
          short(v.digest, 12),
          produced,
          cell(run?.user, 20),
        ]);
      }
    }
  }
  const note = `${count(list(content.registries).length, 'registry', 'registries')}, ${count(rows.length, 'version', 'versions')}. W&B keeps no alias history: alias moves appear only in the diffs between snapshots.`;
  const columns = ['Registry', 'Collection', 'Version', 'Aliases', 'Linked (UTC)', 'State', 'Digest', 'Run @ commit', 'Run by'];
  return snapshotTable('registry', 'W&B registry versions', item, columns, rows, note);
}

const days = (s: unknown) => (typeof s === 'number' ? `${+(s / 86_400).toFixed(2)} days` : '-');

/** TTL per version, and the team default labelled for what it is: the user's attestation, not an API value. */
export function wandbRetentionTable(item: ReportItem, content: Obj): ReportTable {
  const rows = list(content.versions).map((v) => {
    const ttl =
      v.ttl === 'set'
        ? `TTL ${days(v.ttlSeconds)}`
        : v.ttl === 'inherited'
          ? `team default${v.ttlSeconds ? ` (${days(v.ttlSeconds)})` : ''}`
          : 'NO TTL (kept indefinitely)';
    return [`${cell(v.registry, 30)} / ${cell(v.collection, 30)}`, cell(v.version, 8), ttl, cell(v.sourceArtifact, 60)];
  });
  const team = isObj(content.teamTtlDefault) ? content.teamTtlDefault : {};
  const attested = team.value
    ? `Team default TTL: "${cell(team.value, 60)}" (ATTESTED: typed by the user from the W&B UI; no API serves it).`
    : 'Team default TTL: not attested (no API serves it; set it on the source).';
  const none = rows.filter((r) => r[2]!.startsWith('NO TTL')).length;
  return snapshotTable(
    'retention',
    'W&B artifact TTL per registry version',
    item,
    ['Registry / collection', 'Version', 'TTL', 'Source artifact'],
    rows,
    `${attested} ${count(rows.length, 'version', 'versions')}; ${none} without a TTL.`,
  );
}

/** Audit-log entries with the window they cover; the 7-day multi-tenant limit said where it applies. */
export function wandbAuditTable(item: ReportItem, content: Obj): ReportTable {
  const rows = list(content.entries).map((e) => [
    dateCell(e.timestamp),
    cell(e.action, 30),
    cell(e.actor_email ?? e.actor_user_id, 40),
    cell(e.artifact_qualified_name ?? e.artifact_asset ?? e.entity_name ?? e.project_name, 60),
    cell(e.response_code, 6),
  ]);
  const w = isObj(content.window) ? content.window : {};
  const limit = content.lookbackLimitDays
    ? ` Multi-tenant cloud keeps ${cell(content.lookbackLimitDays)} days: a gap over that between collections is lost and is listed by the wandb.audit-log diff.`
    : '';
  const actions = isObj(content.actions)
    ? Object.entries(content.actions)
        .map(([a, n]) => `${a} ${cell(n)}`)
        .join(', ')
    : '';
  const g = isObj(content.gapBefore) ? content.gapBefore : null;
  const gap = g
    ? ` GAP: ${cell(g.hours)} h before this window (${dateCell(g.from)} to ${dateCell(g.to)}) are covered by no snapshot${g.recoverable === false ? ' and can no longer be fetched from W&B' : ''}.`
    : '';
  const note = `Window ${dateCell(w.from)} to ${dateCell(w.to)} (${w.source === 'entries' ? 'from the first and last entries' : 'as requested'}); ${cell(content.count)} entries: ${actions || 'none'}.${gap}${limit}`;
  return snapshotTable('other', 'W&B audit log', item, ['Time (UTC)', 'Action', 'Actor', 'Asset', 'HTTP'], rows, note);
}
