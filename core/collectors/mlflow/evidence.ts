import type { CollectorContext } from '../../collector-runtime/types';
import { makeIpe, type Completeness, type NewItem } from '../../evidence/ipe';
import type { RequestTrace } from '../../http';
import type { MlflowConfig } from './config';

type Ctx = CollectorContext<MlflowConfig>;

export const MLFLOW_API_VERSION = 'MLflow REST 2.0 (3.0 for users/permissions/list)';

/** The auditor's re-run line: the secret is a shell variable named after the config's env var, never the value. */
export function curlFor(config: MlflowConfig, request: string): string {
  const [method, url, ...bodyParts] = request.split(' ');
  const auth = config.tokenEnv
    ? `-H "Authorization: Bearer $${config.tokenEnv}"`
    : config.username
      ? `-u "${config.username}:$${config.passwordEnv ?? 'MLFLOW_PASSWORD'}"`
      : '';
  const body = bodyParts.length ? ` -H 'Content-Type: application/json' -d '${bodyParts.join(' ')}'` : '';
  return `curl -sS ${auth}${method === 'GET' ? '' : ` -X ${method}`}${body} '${url}'`.replace(/ {2,}/g, ' ');
}

export interface KindEvidence {
  kind: string;
  content: unknown;
  trace: RequestTrace;
  parameters: Record<string, unknown>;
  recordsRetrieved: number;
  serverVersion: string | null;
  completeness: Completeness;
  notes: string[];
  startedAt: string;
  /** Requests to show as the re-runnable command: the first page of each listing. */
  commandRequests: string[];
}

export function buildItem(ctx: Ctx, e: KindEvidence): NewItem {
  const ipe = makeIpe({
    source: { type: 'mlflow', name: ctx.source.name },
    endpoints: [...e.trace.endpoints].sort(),
    apiVersion: MLFLOW_API_VERSION,
    serverVersion: e.serverVersion,
    parameters: { ...e.parameters, requests: e.trace.requests },
    pages: e.trace.pages,
    recordsRetrieved: e.recordsRetrieved,
    apiTotal: null,
    requestIds: e.trace.requestIds,
    serverDates: e.trace.serverDates,
    actor: ctx.actor,
    toolVersion: ctx.toolVersion,
    command: [
      ...e.commandRequests.map((r) => curlFor(ctx.source.config, r)),
      ...(e.trace.pages > e.commandRequests.length ? ['# repeat each listing with page_token=<next_page_token> until the answer has none'] : []),
    ].join('\n'),
    completeness: e.completeness,
    error: null,
    provenance: 'api_snapshot',
    startedAt: e.startedAt,
    finishedAt: ctx.now(),
    notes: [...e.notes, 'MLflow sends no total count, so apiTotal is null; every listing was followed until next_page_token was empty.'],
    rawResponseSha256: e.trace.rawSha256,
  });
  return { kind: e.kind, scope: { server: ctx.source.config.url }, content: e.content, ipe };
}

/** The first request of each distinct endpoint, in the order made. */
export function firstRequests(trace: RequestTrace): string[] {
  const seen = new Set<string>();
  return trace.requests.filter((r) => {
    if (r.includes(' → ')) return false; // a recorded failure, not a request to re-run
    const endpoint = r.split(' ').slice(0, 2).join(' ').replace(/\?.*$/, '');
    if (seen.has(endpoint)) return false;
    seen.add(endpoint);
    return true;
  });
}
