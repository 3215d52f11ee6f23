import { HttpError, type RequestTrace } from '../../http';
import type { MlflowClient } from './client';
import { userGet, userPermissionsList, usersList, type RawUser } from './schemas';
import { naturalCompare } from './util';

export interface AccessUserContent {
  username: string;
  id: string | null;
  isAdmin: boolean;
  experimentPermissions: { experimentId: string; permission: string }[];
  registeredModelPermissions: { name: string; permission: string }[];
}

export interface AccessContent {
  server: string;
  enumeration: 'users/list' | 'derived';
  users: AccessUserContent[];
}

// When several roles grant the same resource, the snapshot keeps the one that decides (a DENY wins, then the highest).
const RANK: Record<string, number> = { NO_PERMISSIONS: 0, READ: 1, USE: 2, EDIT: 3, MANAGE: 4, DENY: 5 };
function strongest<T extends { permission: string }>(rows: T[], key: (t: T) => string): T[] {
  const best = new Map<string, T>();
  for (const r of rows) {
    const prev = best.get(key(r));
    if (!prev || (RANK[r.permission] ?? 0) > (RANK[prev.permission] ?? 0)) best.set(key(r), r);
  }
  return [...best.values()].sort((a, b) => naturalCompare(key(a), key(b)));
}

/** Only these fields are copied: whatever else a server sends about a user (a hash, roles) never reaches the store. */
async function userContent(client: MlflowClient, u: RawUser, trace: RequestTrace): Promise<AccessUserContent> {
  let exp = u.experiment_permissions?.map((p) => ({ experimentId: p.experiment_id, permission: p.permission }));
  let models = u.registered_model_permissions?.map((p) => ({ name: p.name, permission: p.permission }));
  let isAdmin = u.is_admin ?? false;
  if (!exp || !models) {
    // 3.x keeps grants on roles; users/get no longer lists them.
    const p = await client.get('3.0/mlflow/users/permissions/list', { username: u.username }, userPermissionsList, trace);
    exp = p.permissions.filter((r) => r.resource_type === 'experiment').map((r) => ({ experimentId: r.resource_pattern, permission: r.permission }));
    models = p.permissions.filter((r) => r.resource_type === 'registered_model').map((r) => ({ name: r.resource_pattern, permission: r.permission }));
    isAdmin = p.is_admin ?? isAdmin;
  }
  return {
    username: u.username,
    id: u.id ?? null,
    isAdmin,
    experimentPermissions: strongest(exp, (p) => p.experimentId),
    registeredModelPermissions: strongest(models, (p) => p.name),
  };
}

/**
 * users/list where the server has it (admin only, MLflow ≥ 3.10). On 404 the population is derived: users/get for
 * every name seen in run tags, run and model-version user ids and the configured login; it may be incomplete.
 */
export async function buildAccess(
  client: MlflowClient,
  server: string,
  trace: RequestTrace,
  seenNames: () => Promise<string[]>,
  onUser: (n: number) => void,
): Promise<{ content: AccessContent; notes: string[] }> {
  let listed: RawUser[] | null = null;
  try {
    listed = (await client.get('2.0/mlflow/users/list', {}, usersList, trace)).users;
  } catch (err) {
    if (!(err instanceof HttpError) || err.status !== 404) throw err;
    trace.attempted('GET /api/2.0/mlflow/users/list', `GET ${client.base}/api/2.0/mlflow/users/list`, 'HTTP 404');
  }
  const notes: string[] = [];
  let raw: RawUser[] = [];
  if (listed) {
    raw = listed;
    notes.push('Population: GET users/list (every account in the auth database).');
  } else {
    const names = await seenNames();
    const unknown: string[] = [];
    for (const name of names) {
      try {
        raw.push((await client.get('2.0/mlflow/users/get', { username: name }, userGet, trace)).user);
      } catch (err) {
        if (!(err instanceof HttpError) || err.status !== 404) throw err;
        unknown.push(name);
      }
    }
    notes.push(
      'Population DERIVED: this server has no users/list (HTTP 404), so users/get was called for every name seen in run tags (mlflow.user), run user ids, model-version user ids and the collecting login. Accounts that never ran or registered anything are missing: the list may be incomplete.',
    );
    if (unknown.length) notes.push(`Names seen in runs or versions with no account (users/get 404): ${unknown.join(', ')}.`);
  }
  const users: AccessUserContent[] = [];
  for (const u of raw) {
    users.push(await userContent(client, u, trace));
    onUser(users.length);
  }
  users.sort((a, b) => naturalCompare(a.username, b.username));
  return { content: { server, enumeration: listed ? 'users/list' : 'derived', users }, notes };
}
