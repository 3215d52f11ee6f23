import type { AccessPrincipal } from '../types';
import { list, PRIVILEGED_ROLE, str, type Obj } from './util';

const TYPES: Record<string, AccessPrincipal['type']> = {
  user: 'user',
  group: 'group',
  serviceAccount: 'service',
  domain: 'domain',
  deleted: 'deleted',
};

/** `user:a@x`, `deleted:user:a@x?uid=1` → `a@x`; groups, domains and service accounts identify no person. */
function personOf(member: string, type: string): string | null {
  const m = /^(?:deleted:)?user:([^?]+)/.exec(member);
  return m ? m[1]! : type === 'user' ? member : null;
}

/** gcp.iam: one line per member with each grant; expired time-boxed grants are shown as such (no access). */
export function gcpPrincipals(content: Obj): AccessPrincipal[] {
  return list(content.members).map((m) => {
    const member = str(m.member) ?? '?';
    const type = String(m.type ?? member.split(':')[0]);
    const grants = list(m.grants);
    const live = grants.filter((g) => g.status !== 'expired');
    return {
      principal: member,
      displayName: member.replace(/^(user|group|serviceAccount|domain):/, ''),
      type: TYPES[type] ?? 'unknown',
      roles: grants.map((g) => `${String(g.role)}${g.condition ? ` (if ${String(g.condition)})` : ''}${g.status === 'expired' ? ' [expired]' : ''}`),
      mfa: null, // 2-step verification lives in Cloud Identity, not in IAM
      lastActivity: null,
      createdAt: null,
      deleted: m.deleted === true,
      person: personOf(member, type),
      privileged: live.some((g) => /^roles\/(owner|.*[aA]dmin)/.test(String(g.role)) || PRIVILEGED_ROLE.test(String(g.role).replace(/^roles\//, ''))),
    };
  });
}
