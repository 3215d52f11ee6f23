import type { AccessPrincipal } from '../types';
import { list, str, type Obj } from './util';

/** mlflow.access: one line per basic-auth user; grants per experiment and registered model; admin is privileged. */
export function mlflowPrincipals(content: Obj): AccessPrincipal[] {
  return list(content.users).map((u) => {
    const name = str(u.username) ?? String(u.id ?? '?');
    const roles = [
      ...(u.isAdmin === true ? ['admin'] : []),
      ...list(u.experimentPermissions).map((p) => `experiment ${String(p.experimentId)}: ${String(p.permission)}`),
      ...list(u.registeredModelPermissions).map((p) => `model ${String(p.name)}: ${String(p.permission)}`),
    ];
    // A user without grants still signs in and gets the server's default permission (READ out of the box).
    if (!roles.length) roles.push('default permission only (no grants)');
    return {
      principal: name,
      displayName: name,
      type: 'user',
      roles,
      mfa: null, // basic auth has no second factor
      lastActivity: null, // the auth API keeps no sign-in times
      createdAt: null,
      deleted: false,
      person: name,
      privileged: u.isAdmin === true,
    };
  });
}
