import type { ReportItem, ReportTable } from '../types';
import { ageDays, cell, isObj, mainList, pick, snapshotTable, subjectOf, yesNo, type Obj } from './format';

/** "READ on 3 experiments, EDIT on 1" style summary of a permission list. */
function permissionSummary(list: unknown, nameField: string): string {
  if (!Array.isArray(list) || list.length === 0) return '-';
  const byLevel = new Map<string, string[]>();
  for (const p of list.filter(isObj)) {
    const level = cell(p.permission, 30);
    byLevel.set(level, [...(byLevel.get(level) ?? []), cell(p[nameField], 40)]);
  }
  return [...byLevel.entries()].map(([level, names]) => `${level}: ${names.slice(0, 4).join(', ')}${names.length > 4 ? ` +${names.length - 4}` : ''}`).join('; ');
}

function mlflowAccess(item: ReportItem, content: Obj): ReportTable {
  const users = Array.isArray(content.users) ? content.users.filter(isObj) : [];
  const rows = users.map((u) => [
    cell(u.username),
    yesNo(u.isAdmin ?? false),
    permissionSummary(u.experimentPermissions, 'experimentId'),
    permissionSummary(u.registeredModelPermissions, 'name'),
  ]);
  const note = `${users.length} users. MFA and key age are not part of MLflow basic-auth; users without a grant get the server default permission.`;
  return snapshotTable('access', 'MLflow users and permissions', item, ['User', 'Admin', 'Experiment permissions', 'Registered-model permissions'], rows, note);
}

const KEY_ROTATED = ['access_key_1_last_rotated', 'accessKey1LastRotated', 'access_key_2_last_rotated', 'accessKey2LastRotated'];

/** Credential-report style rows: one per identity, with console password, MFA and key age where present. */
function identityRows(list: Obj[], asOf: string): string[][] {
  return list.map((o) => {
    const rotated = KEY_ROTATED.map((f) => pick(o, [f])).filter((v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)));
    const admin = pick(o, ['isAdmin', 'admin', 'role', 'roles']);
    return [
      subjectOf(o),
      yesNo(pick(o, ['password_enabled', 'passwordEnabled', 'consoleAccess'])),
      yesNo(pick(o, ['mfa_active', 'mfaActive', 'mfa', 'mfaEnabled'])),
      rotated.length ? rotated.map((r) => ageDays(r, asOf)).join(' / ') : '-',
      cell(pick(o, ['password_last_used', 'passwordLastUsed', 'lastUsed', 'lastLogin']), 25),
      cell(admin, 40),
    ];
  });
}

/** Access lists: MLflow users/permissions, or any identity list (credential report, IAM, cloud role bindings). */
export function accessTable(item: ReportItem, content: unknown): ReportTable {
  if (item.kind === 'mlflow.access' && isObj(content)) return mlflowAccess(item, content);
  const main = mainList(content, ['users', 'rows', 'credentials', 'members', 'principals', 'bindings', 'roleAssignments']);
  const columns = ['Identity', 'Console password', 'MFA', 'Key age (days)', 'Last used', 'Admin / role'];
  if (!main) return snapshotTable('access', `Access list (${item.kind})`, item, columns, [], 'No list of identities found in this snapshot.');
  const note = `${main.list.length} entries from "${main.field}". Key age counts days from last rotation to the snapshot time.`;
  return snapshotTable('access', `Access list (${item.kind})`, item, columns, identityRows(main.list, item.collectedAt), note);
}
