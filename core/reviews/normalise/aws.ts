import type { AccessPrincipal } from '../types';
import { isObj, latest, list, str, type Obj } from './util';

const ADMIN_POLICY = /^(AdministratorAccess|IAMFullAccess)$/;

/** An inline policy that allows every action on every resource is as good as AdministratorAccess. */
function allowsEverything(doc: unknown): boolean {
  if (!isObj(doc)) return false;
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  const has = (v: unknown) => v === '*' || (Array.isArray(v) && v.includes('*'));
  return statements.some((s) => isObj(s) && s.Effect === 'Allow' && has(s.Action) && has(s.Resource));
}

/** aws.iam (GetAccountAuthorizationDetails): IAM users with their groups and policies, group policies included. */
export function awsIamPrincipals(content: Obj): AccessPrincipal[] {
  const groups = new Map(list(content.groups).map((g) => [String(g.GroupName), g]));
  return list(content.users).map((u) => {
    const name = str(u.UserName) ?? '?';
    const direct = list(u.AttachedManagedPolicies).map((p) => String(p.PolicyName));
    const inline = list(u.UserPolicyList);
    const groupNames = Array.isArray(u.GroupList) ? u.GroupList.map(String) : [];
    const viaGroups = groupNames.flatMap((g) => list(groups.get(g)?.AttachedManagedPolicies).map((p) => String(p.PolicyName)));
    const groupInline = groupNames.flatMap((g) => list(groups.get(g)?.GroupPolicyList));
    const roles = [
      ...groupNames.map((g) => `group ${g}`),
      ...direct.map((p) => `policy ${p}`),
      ...inline.map((p) => `inline ${String(p.PolicyName)}`),
    ];
    const privileged =
      [...direct, ...viaGroups].some((p) => ADMIN_POLICY.test(p)) || [...inline, ...groupInline].some((p) => allowsEverything(p.PolicyDocument));
    return {
      principal: name,
      displayName: name,
      type: 'user',
      roles,
      mfa: null, // not in this listing; the credential report of the same source supplies it
      lastActivity: str(u.PasswordLastUsed),
      createdAt: str(u.CreateDate),
      deleted: false,
      person: name,
      privileged,
    };
  });
}

/** aws.credential-report: every IAM user plus root with console password, MFA and last use of any credential. */
export function awsCredentialPrincipals(content: Obj): AccessPrincipal[] {
  return list(content.rows).map((r) => {
    const root = r.user === '<root_account>';
    const name = String(r.user);
    const console = r.password_enabled === 'true';
    const keys = [1, 2].filter((n) => r[`access_key_${n}_active`] === 'true');
    const used = [r.password_last_used, r.access_key_1_last_used_date, r.access_key_2_last_used_date];
    const last = latest(used);
    return {
      principal: name,
      displayName: root ? 'root account' : name,
      type: root ? 'root' : 'user',
      roles: [...(root ? ['root'] : []), ...(console ? ['console password'] : []), ...keys.map((n) => `access key ${n}`)],
      // MFA matters where someone signs in: root and console users. Key-only users: not applicable.
      mfa: root || console ? r.mfa_active === 'true' : null,
      lastActivity: last ?? (console || keys.length || root ? 'never' : null),
      createdAt: str(r.user_creation_time),
      deleted: false,
      person: root ? null : name,
      privileged: root,
    };
  });
}
