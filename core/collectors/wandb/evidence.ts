import type { CollectorContext } from '../../collector-runtime/types';
import { makeIpe, type Completeness, type NewItem } from '../../evidence/ipe';
import type { RequestTrace } from '../../http';
import { graphqlBody, type Variables } from './client';
import { baseUrl, type WandbConfig } from './config';
import type { Operation } from './queries-access';

type Ctx = CollectorContext<WandbConfig>;

export const WANDB_API_VERSION = 'W&B GraphQL (selections of wandb SDK 0.31.0 / wandb/wandb b6e2950)';

/** The variable an admin's command reads the key from: the one the config names, else W&B's own. */
export const keyVariable = (config: Pick<WandbConfig, 'apiKeyEnv'>): string =>
  config.apiKeyEnv && config.apiKeyEnv !== '@stored' ? config.apiKeyEnv : 'WANDB_API_KEY';

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** A re-runnable GraphQL request: the exact body we posted, the key a shell variable, never a value. */
export function graphqlCurl(host: string, keyVar: string, op: Operation, variables: Variables): string {
  return `curl -sS -u "api:$${keyVar}" -H 'Content-Type: application/json' ${host.replace(/\/+$/, '')}/graphql -d ${shellQuote(JSON.stringify(graphqlBody(op, variables)))}`;
}

export function restCurl(url: string, keyVar: string): string {
  return `curl -sS -u "api:$${keyVar}" ${shellQuote(url)}`;
}

export interface KindEvidence {
  kind: string;
  content: unknown;
  trace: RequestTrace;
  parameters: Record<string, unknown>;
  recordsRetrieved: number;
  completeness: Completeness;
  error: string | null;
  notes: string[];
  startedAt: string;
  /** The re-runnable command lines (first page of each listing). */
  commands: string[];
}

export function buildItem(ctx: Ctx, e: KindEvidence): NewItem {
  const ipe = makeIpe({
    source: { type: 'wandb', name: ctx.source.name },
    endpoints: [...e.trace.endpoints].sort(),
    apiVersion: WANDB_API_VERSION,
    serverVersion: null,
    parameters: { ...e.parameters, requests: e.trace.requests },
    pages: e.trace.pages,
    recordsRetrieved: e.recordsRetrieved,
    apiTotal: null,
    requestIds: e.trace.requestIds,
    serverDates: e.trace.serverDates,
    actor: ctx.actor,
    toolVersion: ctx.toolVersion,
    command: e.commands.join('\n'),
    completeness: e.completeness,
    error: e.error,
    provenance: 'api_snapshot',
    startedAt: e.startedAt,
    finishedAt: ctx.now(),
    notes: [...e.notes, 'Relay listings were followed until pageInfo.hasNextPage was false; a repeated cursor would have stopped the kind.'],
    rawResponseSha256: e.trace.rawSha256,
  });
  return { kind: e.kind, scope: { server: baseUrl(ctx.source.config) }, content: e.content, ipe };
}
