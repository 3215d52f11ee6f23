import { seedMlflow, type SeedFacts } from '../../fixtures/mlflow/seed';
import { ensureServices, startMlflow, type RunningMlflow } from '../../fixtures/mlflow/server';
import { harness, outcome, type Harness, type RunSummary } from '../../fixtures/mlflow/harness';
import { startFaultProxy, type FaultProxy, type Rule } from './fault-proxy';

/** A real, seeded MLflow 3.x server for the file that needs it, with a harness core reading its password. */
export interface MlflowTarget {
  server: RunningMlflow;
  seed: SeedFacts;
  h: Harness;
  stop(): Promise<void>;
}

export async function startMlflowTarget(extraEnv: Record<string, string> = {}): Promise<MlflowTarget> {
  ensureServices();
  const server = await startMlflow(3, { workers: 1 });
  try {
    const seed = await seedMlflow(server);
    const h = await harness({ MLFLOW_PASSWORD: server.admin.password, ...extraEnv });
    return { server, seed, h, stop: async () => (h.cleanup(), await server.stop()) };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

export interface Collected {
  run: RunSummary;
  proxy: FaultProxy;
  /** store.verify problems after the run (0 = the store is intact). */
  problems: number;
  logSize: number;
}

let n = 0;
/** Adds a source that reaches the real server through a fault proxy, collects it once, closes the proxy. */
export async function collectThrough(t: MlflowTarget, rules: Rule[], extra: Record<string, unknown> = {}, url?: string): Promise<Collected> {
  const proxy = await startFaultProxy(t.server.url, rules);
  try {
    const name = `f${++n}`;
    const config = { url: url ?? proxy.url, username: t.server.admin.username, passwordEnv: 'MLFLOW_PASSWORD', pageSize: 5, ...extra };
    await t.h.call('source.add', { type: 'mlflow', name, config });
    const run = (await t.h.call<RunSummary[]>('collect.run', { source: name }))[0]!;
    const v = await t.h.call<{ problems: unknown[] }>('store.verify');
    const status = await t.h.call<{ logSize: number }>('store.status');
    return { run, proxy, problems: v.problems.length, logSize: status.logSize };
  } finally {
    await proxy.close();
  }
}

export const kindsOf = (run: RunSummary, completeness: string) => run.outcomes.filter((o) => o.completeness === completeness).map((o) => o.kind);
export { outcome };
