import type { AccessPrincipal } from '../types';
import { isObj, list, PRIVILEGED_ROLE, str, type Obj } from './util';

/** wandb.access: team members, registry users and teams, org (SCIM) users, merged per identity. */
export function wandbPrincipals(content: Obj): AccessPrincipal[] {
  const out = new Map<string, AccessPrincipal>();
  const add = (key: string, base: Omit<AccessPrincipal, 'roles' | 'privileged'>, role: string, admin: boolean) => {
    const p = out.get(key) ?? { ...base, roles: [], privileged: false };
    p.roles.push(role);
    p.privileged ||= admin || PRIVILEGED_ROLE.test(role.split(': ').pop() ?? '');
    out.set(key, p);
  };
  const user = (name: string, person: string | null): Omit<AccessPrincipal, 'roles' | 'privileged'> => ({
    principal: name,
    displayName: name,
    type: 'user',
    mfa: null,
    lastActivity: null,
    createdAt: null,
    deleted: false,
    person,
  });
  for (const t of list(content.teams))
    for (const m of list(t.members)) {
      const name = str(m.username) ?? str(m.email) ?? String(m.id);
      add(
        name,
        user(name, str(m.email) ?? name),
        `team ${String(t.name)}: ${String(m.role)}${m.pending ? ' (invite pending)' : ''}`,
        m.admin === true,
      );
    }
  for (const r of list(content.registries)) {
    const reg = String(r.registry).replace(/^wandb-registry-/, '');
    for (const u of list(r.users)) {
      const name = str(u.username) ?? str(u.email) ?? '?';
      add(name, user(name, str(u.email) ?? name), `registry ${reg}: ${String(u.role)}`, false);
    }
    for (const t of list(r.teams)) {
      const name = `team:${String(t.team)}`;
      add(name, { ...user(name, null), type: 'team', displayName: `team ${String(t.team)}` }, `registry ${reg}: ${String(t.role)}`, false);
    }
  }
  const org = isObj(content.orgUsers) ? content.orgUsers : null;
  for (const u of list(org?.users)) {
    const name = str(u.userName) ?? '?';
    const p = user(name, name);
    add(
      name,
      { ...p, deleted: u.active === false },
      `organization: ${String(u.organizationRole)}${u.active === false ? ' (deactivated)' : ''}`,
      false,
    );
  }
  return [...out.values()];
}
