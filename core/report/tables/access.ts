import type { ReportItem, ReportTable } from '../types';
import { azureRbacTable } from './azure';
import { gcpIamTable } from './gcp';
import { wandbAccessTable } from './wandb';
import { ageDays, cell, dateCell, isObj, mainList, pick, snapshotTable, subjectOf, yesNo, type Obj } from './format';

/** "READ on 3 experiments, EDIT on 1" style summary of a permission list. */
function permissionSummary(list: unknown, nameField: string): string {
  if (!Array.isArray(list) || list.length === 0) return '-';
  const byLevel = new Map<string, string[]>();
  for (const p of list.filter(isObj)) {
    const level = cell(p.permission, 30);
    byLevel.set(level, [...(byLevel.get(level) ?? []), cell(p[nameField], 40)]);
  }
  return [...byLevel.entries()]
    .map(([level, names]) => `${level}: ${names.slice(0, 4).join(', ')}${names.length > 4 ? ` +${names.length - 4}` : ''}`)
    .join('; ');
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
  return snapshotTable(
    'access',
    'MLflow users and permissions',
    item,
    ['User', 'Admin', 'Experiment permissions', 'Registered-model permissions'],
    rows,
    note,
  );
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

/** AWS IAM credential report: one row per IAM user plus root; key age only for active keys. */
function credentialReport(item: ReportItem, content: Obj): ReportTable {
  const asOf = typeof content.asOf === 'string' ? content.asOf : (item.evidenceFor ?? item.collectedAt);
  const rows = (Array.isArray(content.rows) ? content.rows.filter(isObj) : []).map((r) => {
    const keys = [1, 2]
      .filter((n) => r[`access_key_${n}_active`] === 'true')
      .map((n) => `key${n}: ${ageDays(r[`access_key_${n}_last_rotated`], asOf)}`);
    return [
      cell(r.user, 40),
      yesNo(r.password_enabled),
      yesNo(r.mfa_active),
      keys.join(', ') || 'no active key',
      dateCell(r.password_last_used),
      dateCell(r.user_creation_time),
    ];
  });
  const summary = isObj(content.summary) ? content.summary : {};
  const note = `Report generated ${cell(content.generatedTime)}; ages as of ${asOf}. Console users without MFA: ${cell(summary.consoleUsersWithoutMfa)}; root without MFA: ${yesNo(summary.rootWithoutMfa)}; active keys older than 90 days: ${cell(summary.accessKeysOlderThan90Days)}; unused credentials: ${cell(summary.unusedCredentials)}.`;
  const columns = ['User', 'Console password', 'MFA', 'Active key age (days)', 'Password last used', 'Created'];
  return snapshotTable('access', 'AWS IAM credential report', item, columns, rows, note);
}

const names = (list: unknown, field: string) => (Array.isArray(list) ? list.filter(isObj).map((x) => cell(x[field], 40)) : []);

/** AWS GetAccountAuthorizationDetails: users with groups and attached policies; AdministratorAccess flagged. */
function iamUsers(item: ReportItem, content: Obj): ReportTable {
  const users = Array.isArray(content.users) ? content.users.filter(isObj) : [];
  const rows = users.map((u) => {
    const policies = [...names(u.AttachedManagedPolicies, 'PolicyName'), ...names(u.UserPolicyList, 'PolicyName').map((p) => `${p} (inline)`)];
    const groups = Array.isArray(u.GroupList) ? u.GroupList.map((g) => cell(g, 40)) : [];
    return [
      cell(u.UserName, 40),
      cell(groups),
      cell(policies, 120),
      policies.some((p) => /AdministratorAccess/.test(p)) ? 'yes' : 'no',
      dateCell(u.CreateDate),
    ];
  });
  const count = (k: string) => (Array.isArray(content[k]) ? (content[k] as unknown[]).length : 0);
  const note = `${users.length} users, ${count('groups')} groups, ${count('roles')} roles, ${count('policies')} managed policies (roles and group policies are in the evidence file). Admin = AdministratorAccess attached to the user directly.`;
  return snapshotTable('access', 'AWS IAM users', item, ['User', 'Groups', 'Attached policies', 'Admin', 'Created'], rows, note);
}

/** Access lists: MLflow users/permissions, AWS identities, or any identity list (cloud role bindings, W&B). */
export function accessTable(item: ReportItem, content: unknown): ReportTable {
  if (item.kind === 'mlflow.access' && isObj(content)) return mlflowAccess(item, content);
  if (item.kind === 'aws.credential-report' && isObj(content)) return credentialReport(item, content);
  if (item.kind === 'aws.iam' && isObj(content)) return iamUsers(item, content);
  if (item.kind === 'azure.rbac' && isObj(content)) return azureRbacTable(item, content);
  if (item.kind === 'wandb.access' && isObj(content)) return wandbAccessTable(item, content);
  if (item.kind === 'gcp.iam' && isObj(content)) return gcpIamTable(item, content);
  const main = mainList(content, ['users', 'rows', 'credentials', 'members', 'principals', 'bindings', 'roleAssignments']);
  const columns = ['Identity', 'Console password', 'MFA', 'Key age (days)', 'Last used', 'Admin / role'];
  if (!main) return snapshotTable('access', `Access list (${item.kind})`, item, columns, [], 'No list of identities found in this snapshot.');
  const note = `${main.list.length} entries from "${main.field}". Key age counts days from last rotation to the snapshot time.`;
  return snapshotTable('access', `Access list (${item.kind})`, item, columns, identityRows(main.list, item.evidenceFor ?? item.collectedAt), note);
}
