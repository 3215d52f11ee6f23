import type { ReportItem, ReportTable } from '../types';
import { cell, dateCell, isObj, snapshotTable, yesNo, type Obj } from './format';

/** Azure snapshots as PDF tables: one row per role assignment, per storage account, per model version. */

const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** `/subscriptions/{s}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a` → `rg / storageAccounts/a`. */
function shortScope(scope: unknown, sub: unknown): string {
  const s = String(scope ?? '');
  const base = `/subscriptions/${String(sub ?? '')}`;
  if (s.toLowerCase() === base.toLowerCase()) return '(subscription)';
  if (s === '/' || s === '') return '(tenant root)';
  const mg = /managementGroups\/([^/]+)$/i.exec(s);
  if (mg) return `management group ${mg[1]}`;
  const m = /\/resourceGroups\/([^/]+)(?:\/providers\/[^/]+\/(.+))?$/i.exec(s);
  return m ? (m[2] ? `${m[1]} / ${m[2]}` : `${m[1]} (resource group)`) : cell(s, 60);
}

/** Role assignments at every scope: who holds which role where, orphans and privileged grants flagged. */
export function azureRbacTable(item: ReportItem, content: Obj): ReportTable {
  const assignments = list(content.assignments);
  const summary = isObj(content.summary) ? content.summary : {};
  const privileged = new Set(list(summary.privileged).map((p) => `${p.role}|${p.scope}|${p.principal}`));
  const rows = assignments.map((a) => {
    const principal = a.principalName ?? a.principalId;
    const flags = [
      a.orphaned ? 'ORPHANED' : '',
      privileged.has(`${a.roleName}|${a.scope}|${principal}`) ? 'privileged' : '',
      a.condition ? 'conditional' : '',
    ]
      .filter(Boolean)
      .join(', ');
    return [
      cell(principal, 40),
      cell(a.principalType, 16),
      cell(a.roleName ?? a.roleDefinitionId, 34),
      shortScope(a.scope, content.subscriptionId),
      dateCell(a.createdOn),
      flags || '-',
    ];
  });
  const byLevel = isObj(summary.byScopeLevel)
    ? Object.entries(summary.byScopeLevel)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')
    : '-';
  const coverage =
    content.coverage === 'subscription-scope-only'
      ? 'INCOMPLETE: only subscription-scope rows (an az export made without --all); resource-group and resource grants may be missing.'
      : 'Every scope: inherited from above the subscription, on it, and on each resource group and resource.';
  const check =
    content.principalCheck === 'graph'
      ? 'principals checked in Microsoft Graph'
      : content.principalCheck === 'az'
        ? 'principals named by az'
        : 'principals NOT checked in Graph (only principalType Unknown marks an orphan)';
  const note = `${assignments.length} assignments for ${cell(summary.principals)} principals (${byLevel}); ${cell(summary.orphaned)} orphaned; ${list(summary.privileged).length} privileged at subscription level or above. ${coverage} ${check}.`;
  return snapshotTable(
    'access',
    `Azure role assignments (subscription ${cell(content.subscriptionId, 40)})`,
    item,
    ['Principal', 'Type', 'Role', 'Scope', 'Created', 'Flags'],
    rows,
    note,
  );
}

function deletion(s: Obj): string {
  const rules = list(s.deletion).map((r) => {
    const where = Array.isArray(r.prefixes) && r.prefixes.length ? (r.prefixes as string[]).join(', ') : 'all blobs';
    const versions = r.versionsDeleteAfterDays != null ? `; versions ${cell(r.versionsDeleteAfterDays)} d` : '';
    return `${where}: ${r.deleteAfterDays != null ? `delete after ${cell(r.deleteAfterDays)} d` : 'no delete action'}${versions}`;
  });
  if (s.lifecycle === 'not configured') return 'NO LIFECYCLE POLICY: blobs kept until deleted by hand';
  if (!rules.length) return cell(s.lifecycle, 60);
  return `${rules.join('; ')}${s.wholeAccountExpiry ? '' : '; other blobs KEPT INDEFINITELY'}`;
}

/** Per storage account: lifecycle deletion, soft delete and versioning, public containers, locks and holds. */
export function azureStorageTable(item: ReportItem, content: Obj): ReportTable {
  const rows = list(content.summary).map((s) => {
    const soft =
      s.blobSoftDeleteDays === null
        ? 'not provided'
        : `blob soft delete ${s.blobSoftDeleteDays ? `${cell(s.blobSoftDeleteDays)} d` : 'OFF'}; containers ${s.containerSoftDeleteDays ? `${cell(s.containerSoftDeleteDays)} d` : 'OFF'}; versioning ${yesNo(s.versioning)}`;
    const locks = [
      ...list(s.immutability).map((i) => `${cell(i.container, 24)} ${cell(i.days)} d ${i.state === 'Locked' ? 'LOCKED' : 'unlocked'}`),
      ...(Array.isArray(s.legalHolds) ? (s.legalHolds as string[]).map((c) => `${c}: legal hold`) : []),
    ];
    const pub = Array.isArray(s.publicContainers) && s.publicContainers.length ? (s.publicContainers as string[]).join(', ') : 'none';
    return [cell(s.account, 30), deletion(s), soft, pub, locks.join('; ') || 'none'];
  });
  const none = list(content.summary).filter((s) => s.lifecycle === 'not configured').length;
  const scope = content.coverage === 'accounts-in-file' ? " Imported from one account's management policy: only its lifecycle rules are known." : '';
  const note = `${rows.length} storage accounts; ${none} without a lifecycle policy (recorded as not configured, from ARM's 404).${scope}`;
  return snapshotTable(
    'retention',
    'Azure storage retention',
    item,
    ['Account', 'Lifecycle deletion', 'Soft delete / versioning', 'Public containers', 'Immutability / legal hold'],
    rows,
    note,
  );
}

/** Every model version in every Azure ML workspace and registry: stage, archived, who created and last changed it. */
export function azureMlTable(item: ReportItem, content: Obj): ReportTable {
  const rows: string[][] = [];
  for (const h of list(content.hosts)) {
    const where = `${h.type === 'registry' ? 'registry' : 'workspace'} ${cell(h.name, 24)}`;
    if (h.error) rows.push([where, '-', '-', 'NOT READ', '-', '-', '-', cell(h.error, 60)]);
    for (const m of list(h.models)) {
      for (const v of list(m.versions)) {
        rows.push([
          where,
          cell(m.name, 30),
          cell(v.version, 8),
          cell(v.stage, 16),
          yesNo(v.isArchived),
          cell(v.createdBy, 30),
          dateCell(v.createdAt),
          `${cell(v.lastModifiedBy, 30)} ${dateCell(v.lastModifiedAt)}`,
        ]);
      }
    }
  }
  const hosts = list(content.hosts);
  const note = `${hosts.filter((h) => h.type === 'workspace').length} workspaces and ${hosts.filter((h) => h.type === 'registry').length} registries; archived versions included. Azure ML keeps no stage history: stage moves are in the diff items.`;
  return snapshotTable(
    'registry',
    'Azure ML model versions',
    item,
    ['Workspace / registry', 'Model', 'Version', 'Stage', 'Archived', 'Created by', 'Created (UTC)', 'Last modified by / at'],
    rows,
    note,
  );
}
