import type { RequestTrace } from '../../http';
import { graphqlCurl, restCurl } from './evidence';
import {
  FETCH_ORG_INFO_FROM_ENTITY,
  FETCH_REGISTRIES,
  GET_TEAM_ENTITY,
  GET_VIEWER,
  REGISTRY_TEAM_MEMBERS,
  REGISTRY_USER_MEMBERS,
  type Operation,
} from './queries-access';
import { PROJECT_ARTIFACT_COLLECTIONS, PROJECT_ARTIFACTS, REGISTRY_COLLECTIONS, REGISTRY_VERSIONS } from './queries-registry';

/** Every operation the collector sends, by name: the stub and the query checks iterate over this list too. */
export const WANDB_OPERATIONS: readonly Operation[] = [
  GET_VIEWER,
  GET_TEAM_ENTITY,
  FETCH_ORG_INFO_FROM_ENTITY,
  FETCH_REGISTRIES,
  REGISTRY_USER_MEMBERS,
  REGISTRY_TEAM_MEMBERS,
  REGISTRY_COLLECTIONS,
  REGISTRY_VERSIONS,
  PROJECT_ARTIFACT_COLLECTIONS,
  PROJECT_ARTIFACTS,
];
const byName = new Map(WANDB_OPERATIONS.map((o) => [o.name, o]));

/**
 * The auditor's re-run lines: the first request of each operation (with its variables) or REST path, as curl with
 * the key in a shell variable; later pages differ only in `cursor`, which the last line says.
 */
export function commandsFrom(trace: RequestTrace, host: string, keyVar: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of trace.requests) {
    if (r.includes(' → ')) continue; // a recorded refusal (e.g. SCIM 403), not a request to re-run
    const [method, url, ...rest] = r.split(' ');
    if (method === 'POST' && rest.length) {
      const body = JSON.parse(rest.join(' ')) as { operationName: string; variables: Record<string, unknown> };
      const op = byName.get(body.operationName);
      const key = `${body.operationName} ${JSON.stringify({ ...body.variables, cursor: null })}`;
      if (!op || seen.has(key)) continue;
      seen.add(key);
      out.push(graphqlCurl(host, keyVar, op, body.variables));
    } else if (method === 'GET' && url) {
      const path = new URL(url).pathname;
      if (seen.has(path)) continue;
      seen.add(path);
      out.push(restCurl(url, keyVar));
    }
  }
  if (trace.pages > out.length)
    out.push(
      '# each listing repeats with "cursor" set to the previous page\'s pageInfo.endCursor until hasNextPage is false (SCIM: startIndex += count)',
    );
  return out;
}
