import { HttpError, type RequestTrace } from '../../http';
import type { MlflowClient } from './client';
import { runGet, type RawRun } from './schemas';
import type { RegistryContent } from './registry';
import { naturalCompare, orNull, tagObject } from './util';

export interface LineageRun {
  runId: string;
  experimentId: string;
  runName: string | null;
  status: string | null;
  lifecycleStage: string | null;
  user: string | null;
  sourceName: string | null;
  sourceType: string | null;
  git: { commit: string | null; branch: string | null; repoURL: string | null };
  datasets: { name: string; digest: string | null; source: string | null; sourceType: string | null; context: string | null }[];
  params: Record<string, string>;
  /** The latest value of each metric, as runs/get reports it. */
  metrics: Record<string, number | string | null>;
  startTime: number | null;
  endTime: number | null;
}

export interface LineageContent {
  server: string;
  versions: { model: string; version: string; runId: string | null; run: LineageRun | null; problem: string | null }[];
}

export function lineageRun(r: RawRun): LineageRun {
  const tags = tagObject(r.data?.tags);
  const tag = (k: string) => orNull(tags[k]);
  return {
    runId: r.info.run_id,
    experimentId: r.info.experiment_id,
    runName: orNull(r.info.run_name),
    status: orNull(r.info.status),
    lifecycleStage: orNull(r.info.lifecycle_stage),
    user: tag('mlflow.user') ?? orNull(r.info.user_id),
    sourceName: tag('mlflow.source.name'),
    sourceType: tag('mlflow.source.type'),
    git: { commit: tag('mlflow.source.git.commit'), branch: tag('mlflow.source.git.branch'), repoURL: tag('mlflow.source.git.repoURL') },
    datasets: (r.inputs?.dataset_inputs ?? [])
      .map((d) => ({
        name: d.dataset.name,
        digest: orNull(d.dataset.digest),
        source: orNull(d.dataset.source),
        sourceType: orNull(d.dataset.source_type),
        context: orNull(tagObject(d.tags)['mlflow.data.context']),
      }))
      .sort((a, b) => naturalCompare(`${a.name}\0${a.digest}`, `${b.name}\0${b.digest}`)),
    params: tagObject(r.data?.params),
    metrics: Object.fromEntries([...(r.data?.metrics ?? [])].sort((a, b) => naturalCompare(a.key, b.key)).map((m) => [m.key, m.value ?? null])),
    startTime: r.info.start_time ?? null,
    endTime: r.info.end_time ?? null,
  };
}

/** One runs/get per distinct run behind a registered version; a run that is gone (404) is recorded as such. */
export async function buildLineage(
  client: MlflowClient,
  registry: RegistryContent,
  trace: RequestTrace,
  onRun: (done: number) => void,
): Promise<{ content: LineageContent; runsFetched: number; missing: number }> {
  const runs = new Map<string, { run: LineageRun | null; problem: string | null }>();
  let missing = 0;
  for (const m of registry.models) {
    for (const v of m.versions) {
      if (!v.runId || runs.has(v.runId)) continue;
      try {
        const r = await client.get('2.0/mlflow/runs/get', { run_id: v.runId }, runGet, trace);
        runs.set(v.runId, { run: lineageRun(r.run), problem: null });
      } catch (err) {
        if (!(err instanceof HttpError) || err.status !== 404) throw err;
        missing += 1;
        runs.set(v.runId, { run: null, problem: 'run not found (HTTP 404): purged by mlflow gc or never logged here' });
      }
      onRun(runs.size);
    }
  }
  const versions = registry.models.flatMap((m) =>
    m.versions.map((v) => {
      const found = v.runId ? runs.get(v.runId) : undefined;
      return {
        model: m.name,
        version: v.version,
        runId: v.runId,
        run: found?.run ?? null,
        problem: v.runId ? (found?.problem ?? null) : 'version has no run id',
      };
    }),
  );
  return { content: { server: registry.server, versions }, runsFetched: runs.size, missing };
}
