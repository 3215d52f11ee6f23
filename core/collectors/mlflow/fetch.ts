import { RequestTrace } from '../../http';
import type { CollectorContext } from '../../collector-runtime/types';
import type { MlflowClient } from './client';
import type { MlflowConfig } from './config';
import { experimentsPage, modelsPage, runsPage, versionsPage, type RawModel, type RawRun, type RawVersion } from './schemas';

export interface Fetched<T> {
  items: T[];
  trace: RequestTrace;
}

type Ctx = CollectorContext<MlflowConfig>;

/**
 * Listings several kinds need (model versions for registry, lineage and access; experiments for retention and
 * access), fetched once per collection. A failed listing stays failed for every kind that needs it.
 */
export class MlflowListings {
  private cache = new Map<string, Promise<Fetched<unknown>>>();
  constructor(
    private readonly client: MlflowClient,
    private readonly ctx: Ctx,
  ) {}

  private once<T>(key: string, load: () => Promise<Fetched<T>>): Promise<Fetched<T>> {
    if (!this.cache.has(key)) this.cache.set(key, load());
    return this.cache.get(key) as Promise<Fetched<T>>;
  }

  /** Cursors are kept per listing (`mlflow.registry model-versions/search`), since listings may run side by side. */
  private progressFor(kind: string) {
    return {
      onPage: (p: { pages: number; records: number }) => this.ctx.progress({ kind, pages: p.pages, items: p.records }),
      saveCursor: (c: { what: string }) => this.ctx.saveCursor(`${kind} ${c.what}`, c),
    };
  }

  registeredModels(kind: string): Promise<Fetched<RawModel>> {
    return this.once('models', async () => {
      const trace = new RequestTrace();
      const path = '2.0/mlflow/registered-models/search';
      const r = await this.client.all({
        what: 'registered-models/search',
        page: (token) => this.client.get(path, { max_results: this.client.pageSize, page_token: token }, modelsPage, trace),
        items: (p) => p.registered_models,
        next: (p) => p.next_page_token,
        ...this.progressFor(kind),
      });
      return { items: r.items, trace };
    });
  }

  modelVersions(kind: string): Promise<Fetched<RawVersion>> {
    return this.once('versions', async () => {
      const trace = new RequestTrace();
      const path = '2.0/mlflow/model-versions/search';
      const r = await this.client.all({
        what: 'model-versions/search',
        page: (token) => this.client.get(path, { max_results: this.client.pageSize, page_token: token }, versionsPage, trace),
        items: (p) => p.model_versions,
        next: (p) => p.next_page_token,
        ...this.progressFor(kind),
      });
      return { items: r.items, trace };
    });
  }

  /** view_type: ACTIVE_ONLY | DELETED_ONLY | ALL. */
  experiments(kind: string, viewType: 'ALL' | 'DELETED_ONLY') {
    return this.once(`experiments:${viewType}`, async () => {
      const trace = new RequestTrace();
      const r = await this.client.all({
        what: `experiments/search (${viewType})`,
        page: (token) =>
          this.client.search(
            '2.0/mlflow/experiments/search',
            { max_results: this.client.pageSize, view_type: viewType, ...(token ? { page_token: token } : {}) },
            experimentsPage,
            trace,
          ),
        items: (p) => p.experiments,
        next: (p) => p.next_page_token,
        ...this.progressFor(kind),
      });
      return { items: r.items, trace };
    });
  }

  /** runs/search needs experiment ids; batches keep each request small. */
  runs(kind: string, runViewType: 'ALL' | 'DELETED_ONLY'): Promise<Fetched<RawRun>> {
    return this.once(`runs:${runViewType}`, async () => {
      const experiments = await this.experiments(kind, 'ALL');
      const trace = new RequestTrace();
      trace.merge(experiments.trace);
      const ids = experiments.items.map((e) => e.experiment_id);
      const runs: RawRun[] = [];
      for (let i = 0; i < ids.length; i += 50) {
        const batch = ids.slice(i, i + 50);
        const r = await this.client.all({
          what: `runs/search (${runViewType})`,
          page: (token) =>
            this.client.search(
              '2.0/mlflow/runs/search',
              { experiment_ids: batch, run_view_type: runViewType, max_results: this.client.pageSize, ...(token ? { page_token: token } : {}) },
              runsPage,
              trace,
            ),
          items: (p) => p.runs,
          next: (p) => p.next_page_token,
          ...this.progressFor(kind),
        });
        runs.push(...r.items);
      }
      return { items: runs, trace };
    });
  }
}
