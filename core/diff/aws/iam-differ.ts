import { diffField, keyBy, sameJson, visitKeyed } from '../compare';
import type { Change, Differ } from '../types';

type Entry = Record<string, unknown>;
interface Gaad {
  users?: Entry[];
  groups?: Entry[];
  roles?: Entry[];
  policies?: Entry[];
}

const list = (e: Entry, field: string) => (Array.isArray(e[field]) ? (e[field] as Entry[]) : []);

/** Managed policy attachments and inline policies of one principal. */
function principalChanges(subject: string, inlineField: string, b: Entry, a: Entry): Change[] {
  const out: Change[] = [];
  visitKeyed(
    keyBy(list(b, 'AttachedManagedPolicies'), (p) => String(p.PolicyArn)),
    keyBy(list(a, 'AttachedManagedPolicies'), (p) => String(p.PolicyArn)),
    {
      added: (arn) => out.push({ type: 'policy_attached', subject, field: 'managed policy', after: arn }),
      removed: (arn) => out.push({ type: 'policy_detached', subject, field: 'managed policy', before: arn }),
      both: () => {},
    },
  );
  visitKeyed(
    keyBy(list(b, inlineField), (p) => String(p.PolicyName)),
    keyBy(list(a, inlineField), (p) => String(p.PolicyName)),
    {
      added: (name, p) => out.push({ type: 'inline_policy_added', subject, field: `inline policy ${name}`, after: p.PolicyDocument }),
      removed: (name, p) => out.push({ type: 'inline_policy_removed', subject, field: `inline policy ${name}`, before: p.PolicyDocument }),
      both: (name, pb, pa) => out.push(...diffField(subject, 'inline_policy_changed', `inline policy ${name}`, pb.PolicyDocument, pa.PolicyDocument)),
    },
  );
  out.push(...diffField(subject, 'permissions_boundary_changed', 'permissions boundary', b.PermissionsBoundary, a.PermissionsBoundary));
  return out;
}

function memberships(subject: string, b: Entry, a: Entry): Change[] {
  const out: Change[] = [];
  const names = (e: Entry) => new Map((Array.isArray(e.GroupList) ? (e.GroupList as string[]) : []).map((g) => [g, g]));
  visitKeyed(names(b), names(a), {
    added: (g) => out.push({ type: 'group_membership_added', subject, field: 'group', after: g }),
    removed: (g) => out.push({ type: 'group_membership_removed', subject, field: 'group', before: g }),
    both: () => {},
  });
  return out;
}

const defaultDocument = (p: Entry) => list(p, 'PolicyVersionList').find((v) => v.IsDefaultVersion)?.Document ?? null;

/** IAM joiners/leavers, trust and permission changes. MFA and access keys live in aws.credential-report. */
export const iamDiffer: Differ = (before, after) => {
  const b = (before ?? {}) as Gaad;
  const a = (after ?? {}) as Gaad;
  const out: Change[] = [];
  const section = (label: string, field: keyof Gaad, nameKey: string, inlineField: string, extra: (s: string, eb: Entry, ea: Entry) => Change[]) =>
    visitKeyed(
      keyBy(b[field], (e) => String(e[nameKey])),
      keyBy(a[field], (e) => String(e[nameKey])),
      {
        added: (name, e) =>
          out.push({ type: `${label}_added`, subject: `${label} ${name}`, after: { arn: e.Arn ?? null, created: e.CreateDate ?? null } }),
        removed: (name, e) => out.push({ type: `${label}_removed`, subject: `${label} ${name}`, before: { arn: e.Arn ?? null } }),
        both: (name, eb, ea) => out.push(...extra(`${label} ${name}`, eb, ea), ...principalChanges(`${label} ${name}`, inlineField, eb, ea)),
      },
    );
  section('user', 'users', 'UserName', 'UserPolicyList', memberships);
  section('group', 'groups', 'GroupName', 'GroupPolicyList', () => []);
  section('role', 'roles', 'RoleName', 'RolePolicyList', (s, eb, ea) =>
    diffField(s, 'role_trust_policy_changed', 'trust policy', eb.AssumeRolePolicyDocument, ea.AssumeRolePolicyDocument),
  );
  visitKeyed(
    keyBy(b.policies, (p) => String(p.Arn)),
    keyBy(a.policies, (p) => String(p.Arn)),
    {
      added: (arn) => out.push({ type: 'managed_policy_created', subject: `policy ${arn}` }),
      removed: (arn) => out.push({ type: 'managed_policy_deleted', subject: `policy ${arn}` }),
      both: (arn, pb, pa) => {
        if (!sameJson(defaultDocument(pb), defaultDocument(pa))) {
          out.push({
            type: 'managed_policy_changed',
            subject: `policy ${arn}`,
            field: 'default version document',
            before: defaultDocument(pb),
            after: defaultDocument(pa),
          });
        }
      },
    },
  );
  return out;
};
