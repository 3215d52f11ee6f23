import type { Change, Differ } from '../types';
import { diffField, keyBy, visitKeyed } from '../compare';
import { accessSchema, type WandbAccess, type WandbTeamMember } from './shapes';
import { parseSnapshot } from '../mlflow/shapes';

const key = (m: WandbTeamMember) => m.username ?? m.email ?? m.id ?? '?';
const summary = (m: WandbTeamMember) => ({ role: m.role ?? null, admin: m.admin ?? false, ...(m.pending ? { pending: true } : {}) });

/** One team's joiners, leavers, role and admin changes; invites accepted (pending → member) or dropped. */
function teamChanges(team: string, before: WandbTeamMember[], after: WandbTeamMember[]): Change[] {
  const out: Change[] = [];
  // An invite is known by its email until accepted, then by the username: the same person, not a leaver and a joiner.
  const byEmail = new Map(after.filter((m) => m.email).map((m) => [m.email!, key(m)]));
  const beforeKey = (m: WandbTeamMember) => (m.pending && !m.username && m.email && byEmail.has(m.email) ? byEmail.get(m.email)! : key(m));
  visitKeyed(keyBy(before, beforeKey), keyBy(after, key), {
    added: (k, m) => out.push({ type: m.pending ? 'user_invited' : 'user_added', subject: `team ${team}: user ${k}`, after: summary(m) }),
    removed: (k, m) => out.push({ type: m.pending ? 'invite_dropped' : 'user_removed', subject: `team ${team}: user ${k}`, before: summary(m) }),
    both: (k, b, a) => {
      const subject = `team ${team}: user ${k}`;
      if (b.pending && !a.pending) out.push({ type: 'invite_accepted', subject, before: 'pending', after: 'member' });
      out.push(...diffField(subject, 'role_changed', 'role', b.role, a.role));
      out.push(...diffField(subject, 'admin_changed', 'admin', b.admin ?? false, a.admin ?? false));
    },
  });
  return out;
}

/** A section captured on one side only (an import holds one file): say so instead of reporting everyone added. */
function uncompared(section: string, b: unknown, a: unknown): Change[] {
  if ((b == null) === (a == null)) return [];
  return [
    {
      type: 'section_not_compared',
      subject: section,
      before: b == null ? 'not captured' : 'captured',
      after: a == null ? 'not captured' : 'captured',
    },
  ];
}

type RegistryAcl = NonNullable<WandbAccess['registries']>[number];

/** A registry's user and team members as "user alice" / "team ml" → role. */
function grants(r: Pick<RegistryAcl, 'users' | 'teams'>): Map<string, string> {
  const map = new Map<string, string>();
  for (const u of r.users) map.set(`user ${u.username ?? u.email ?? '?'}`, u.role);
  for (const t of r.teams) map.set(`team ${t.team}`, t.role);
  return map;
}

function memberChanges(name: string, before: Map<string, string>, after: Map<string, string>): Change[] {
  const out: Change[] = [];
  visitKeyed(before, after, {
    added: (who, role) => out.push({ type: 'registry_member_added', subject: `registry ${name}: ${who}`, after: role }),
    removed: (who, role) => out.push({ type: 'registry_member_removed', subject: `registry ${name}: ${who}`, before: role }),
    both: (who, b, a) => out.push(...diffField(`registry ${name}: ${who}`, 'registry_role_changed', 'role', b, a)),
  });
  return out;
}

function registryChanges(before: RegistryAcl[], after: RegistryAcl[]): Change[] {
  const out: Change[] = [];
  const none = new Map<string, string>();
  visitKeyed(
    keyBy(before, (r) => r.registry),
    keyBy(after, (r) => r.registry),
    {
      added: (name, r) => out.push({ type: 'registry_added', subject: `registry ${name}` }, ...memberChanges(name, none, grants(r))),
      removed: (name, r) => out.push({ type: 'registry_removed', subject: `registry ${name}` }, ...memberChanges(name, grants(r), none)),
      both: (name, b, a) => out.push(...memberChanges(name, grants(b), grants(a))),
    },
  );
  return out;
}

/**
 * Access reviews (CC6.2/CC6.3) in the common model: team joiners and leavers, role and admin changes, invites
 * accepted or dropped; registry members and roles; org users (SCIM) added, removed or deactivated.
 */
export const wandbAccessDiffer: Differ = (beforeRaw, afterRaw) => {
  const before = parseSnapshot(accessSchema, beforeRaw, 'wandb.access', 'before');
  const after = parseSnapshot(accessSchema, afterRaw, 'wandb.access', 'after');
  const out: Change[] = [...uncompared('teams', before.teams, after.teams), ...uncompared('registry members', before.registries, after.registries)];
  if (before.teams && after.teams) {
    visitKeyed(
      keyBy(before.teams, (t) => t.name),
      keyBy(after.teams, (t) => t.name),
      {
        added: (name, t) => out.push({ type: 'team_added', subject: `team ${name}` }, ...teamChanges(name, [], t.members)),
        removed: (name, t) => out.push({ type: 'team_removed', subject: `team ${name}` }, ...teamChanges(name, t.members, [])),
        both: (name, b, a) =>
          out.push(
            ...diffField(`team ${name}`, 'default_access_changed', 'defaultAccess', b.defaultAccess, a.defaultAccess),
            ...teamChanges(name, b.members, a.members),
          ),
      },
    );
  }
  if (before.registries && after.registries) out.push(...registryChanges(before.registries, after.registries));
  const [bo, ao] = [before.orgUsers, after.orgUsers];
  if (bo?.status === 'listed' && ao?.status === 'listed') {
    visitKeyed(
      keyBy(bo.users, (u) => u.userName),
      keyBy(ao.users, (u) => u.userName),
      {
        added: (n, u) =>
          out.push({ type: 'org_user_added', subject: `org user ${n}`, after: { role: u.organizationRole ?? null, active: u.active ?? null } }),
        removed: (n, u) =>
          out.push({ type: 'org_user_removed', subject: `org user ${n}`, before: { role: u.organizationRole ?? null, active: u.active ?? null } }),
        both: (n, b, a) => {
          if (b.active !== false && a.active === false)
            out.push({ type: 'org_user_deactivated', subject: `org user ${n}`, before: 'active', after: 'deactivated' });
          out.push(...diffField(`org user ${n}`, 'org_role_changed', 'organizationRole', b.organizationRole, a.organizationRole));
        },
      },
    );
  } else if ((bo?.status ?? null) !== (ao?.status ?? null)) {
    out.push({
      type: 'section_not_compared',
      subject: 'org users (SCIM)',
      before: bo?.status ?? 'not captured',
      after: ao?.status ?? 'not captured',
    });
  }
  return out;
};
