import { canonicalModel, listModelsSchema, type CanonicalModel, type RawModel } from '../canonical/vertex';
import type { KindCollector, KindRun } from './types';

const parentOf = (run: KindRun) => `projects/${encodeURIComponent(run.config.project)}/locations/${run.region}`;

/** Every page of `GET {base}/v1/{path}` (ListModelsResponse / ListModelVersionsResponse: models[], nextPageToken). */
function listAll(run: KindRun, path: string, what: string): Promise<RawModel[]> {
  const base = run.endpoints.vertex(run.region!);
  return run.client.pages({
    what,
    page: (token) => {
      const q = new URLSearchParams({ pageSize: String(run.client.pageSize), ...(token ? { pageToken: token } : {}) });
      return run.client.json('GET', `${base}/v1/${path}?${q}`, listModelsSchema, run.trace);
    },
    items: (p) => p.models,
    next: (p) => p.nextPageToken,
    saveCursor: (c) => run.saveCursor(c),
  });
}

/** gcp.vertex.registry content, one region of one project. */
export function vertexContent(project: string, region: string, models: CanonicalModel[]) {
  return { project, region, models: [...models].sort((a, b) => (a.modelId < b.modelId ? -1 : a.modelId > b.modelId ? 1 : 0)) };
}

/**
 * gcp.vertex.registry: aiplatform v1 projects.locations.models.list (one entry per model, its default version),
 * then models.listVersions for each (every version, with aliases, times, labels and deployments).
 */
export const collectVertex: KindCollector = async (run) => {
  const parent = parentOf(run);
  const models = await listAll(run, `${parent}/models`, `vertex models.list (${run.region})`);
  const out: CanonicalModel[] = [];
  let versions = 0;
  for (const m of models) {
    const id = m.name
      .replace(/@[^/]*$/, '')
      .split('/')
      .pop()!;
    const vs = await listAll(run, `${parent}/models/${encodeURIComponent(id)}:listVersions`, `vertex models.listVersions (${id})`);
    versions += vs.length;
    out.push(canonicalModel(m, vs));
    run.progress(out.length);
  }
  const flags = `--region=${run.region} --project=${run.config.project} --format=json`;
  return {
    content: vertexContent(run.config.project, run.region!, out),
    parameters: { project: run.config.project, region: run.region, pageSize: run.client.pageSize },
    recordsRetrieved: out.length + versions,
    commands: [`gcloud ai models list ${flags}`, `gcloud ai models list-version <each model id> ${flags}`],
    errors: [],
  };
};
