import { AppError, toErrorBody } from '../../util/errors';
import type { CollectorContext, KindOutcome } from '../../collector-runtime/types';
import { HttpError, RequestTrace } from '../../http';
import { buildAccess } from './access';
import type { MlflowConfig } from './config';
import { mlflowClient } from './connect';
import { buildItem, firstRequests, type KindEvidence } from './evidence';
import { MlflowListings } from './fetch';
import { buildLineage } from './lineage';
import { buildRegistry, type RegistryContent } from './registry';
import { buildRetention } from './retention';

export const MLFLOW_KINDS = ['mlflow.registry', 'mlflow.lineage', 'mlflow.access', 'mlflow.retention'] as const;
type Ctx = CollectorContext<MlflowConfig>;
type Produced = Omit<KindEvidence, 'kind' | 'serverVersion' | 'startedAt' | 'commandRequests' | 'completeness'> & {
  completeness?: KindEvidence['completeness'];
  outcomeNote?: string;
};

/** Collects each requested kind; one kind failing (bad body, 403, page loop) never stops the others. */
export async function collectMlflow(ctx: Ctx, kinds: readonly string[] = MLFLOW_KINDS): Promise<KindOutcome[]> {
  const unknown = kinds.filter((k) => !(MLFLOW_KINDS as readonly string[]).includes(k));
  if (unknown.length) throw new AppError('BAD_INPUT', `Unknown mlflow kind(s): ${unknown.join(', ')}. Kinds: ${MLFLOW_KINDS.join(', ')}.`);
  const client = mlflowClient(ctx);
  const server = ctx.source.config.url;
  const pageSize = client.pageSize;
  // /version first: a refused, hung or 401 server fails the whole run here, once, instead of once per kind.
  let serverVersion: string | null = null;
  try {
    serverVersion = await client.version(new RequestTrace());
  } catch (err) {
    if (!(err instanceof HttpError) || err.code !== 'BAD_RESPONSE') throw err;
  }
  const listings = new MlflowListings(client, ctx);
  let registry: Promise<{ content: RegistryContent; orphanVersions: number; trace: RequestTrace }> | null = null;
  const registryOnce = (kind: string) =>
    (registry ??= (async () => {
      // Independent listings: fetched side by side.
      const [models, versions] = await Promise.all([listings.registeredModels(kind), listings.modelVersions(kind)]);
      const trace = new RequestTrace();
      trace.merge(models.trace);
      trace.merge(versions.trace);
      return { ...buildRegistry(server, models.items, versions.items), trace };
    })());

  const producers: Record<string, (kind: string) => Promise<Produced>> = {
    async 'mlflow.registry'(kind) {
      const r = await registryOnce(kind);
      const count = r.content.models.reduce((n, m) => n + m.versions.length, 0);
      const notes = r.orphanVersions
        ? [`${r.orphanVersions} version(s) belonged to models created after registered-models/search ran; left out.`]
        : [];
      return { content: r.content, trace: r.trace, parameters: { max_results: pageSize }, recordsRetrieved: count + r.content.models.length, notes };
    },
    async 'mlflow.lineage'(kind) {
      const r = await registryOnce(kind);
      const trace = new RequestTrace();
      trace.merge(r.trace);
      const l = await buildLineage(client, r.content, trace, (n) => ctx.progress({ kind, items: n }));
      const notes = l.missing ? [`${l.missing} run(s) behind registered versions no longer exist (runs/get 404).`] : [];
      return { content: l.content, trace, parameters: { max_results: pageSize }, recordsRetrieved: l.runsFetched, notes };
    },
    async 'mlflow.access'(kind) {
      const trace = new RequestTrace();
      const seenNames = async () => {
        const [runs, versions] = [await listings.runs(kind, 'ALL'), await listings.modelVersions(kind)];
        trace.merge(runs.trace);
        trace.merge(versions.trace);
        const names = new Set<string>(ctx.source.config.username ? [ctx.source.config.username] : []);
        for (const run of runs.items)
          for (const n of [run.info.user_id, run.data?.tags?.find((t) => t.key === 'mlflow.user')?.value]) if (n) names.add(n);
        for (const v of versions.items) if (v.user_id) names.add(v.user_id);
        return [...names].sort();
      };
      const a = await buildAccess(client, server, trace, seenNames, (n) => ctx.progress({ kind, items: n }));
      const derived = a.content.enumeration === 'derived';
      return {
        content: a.content,
        trace,
        parameters: { max_results: pageSize, enumeration: a.content.enumeration },
        recordsRetrieved: a.content.users.length,
        notes: a.notes,
        completeness: derived ? 'partial' : 'complete',
        outcomeNote: derived ? 'user population derived (no users/list on this server); may be incomplete' : undefined,
      };
    },
    async 'mlflow.retention'(kind) {
      const [exps, runs] = [await listings.experiments(kind, 'DELETED_ONLY'), await listings.runs(kind, 'DELETED_ONLY')];
      const trace = new RequestTrace();
      trace.merge(exps.trace);
      trace.merge(runs.trace);
      const gc = ctx.source.config.gcSchedule;
      const notes = [
        gc
          ? `gcSchedule is attested by the user in the source config, not read from the server ("mlflow gc" is an admin CLI).`
          : 'No gc schedule was attested (set --gc-schedule); gcSchedule is null.',
      ];
      return {
        content: buildRetention(server, gc, exps.items, runs.items),
        trace,
        parameters: { max_results: pageSize, view_type: 'DELETED_ONLY', run_view_type: 'DELETED_ONLY', gcSchedule: gc ?? null },
        recordsRetrieved: exps.items.length + runs.items.length,
        notes,
      };
    },
  };

  const outcomes: KindOutcome[] = [];
  for (const kind of MLFLOW_KINDS.filter((k) => kinds.includes(k))) {
    const startedAt = ctx.now();
    try {
      const p = await producers[kind]!(kind);
      const completeness = p.completeness ?? 'complete';
      ctx.record([buildItem(ctx, { ...p, kind, serverVersion, startedAt, completeness, commandRequests: firstRequests(p.trace) })]);
      ctx.progress({ kind, pages: p.trace.pages, items: p.recordsRetrieved, done: true, message: completeness });
      outcomes.push({ kind, scope: { server }, completeness, items: 1, ...(p.outcomeNote ? { error: p.outcomeNote } : {}) });
    } catch (err) {
      const message = toErrorBody(err).message;
      ctx.progress({ kind, errors: 1, done: true, message: `failed: ${message}` });
      outcomes.push({ kind, scope: { server }, completeness: 'failed', items: 0, error: message });
    }
  }
  return outcomes;
}
