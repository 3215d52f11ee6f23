import type { TestProject } from 'vitest/node';
import { seedMlflow, type SeedFacts } from '../fixtures/mlflow/seed';
import { ensureServices, startMlflow, type MlflowServerInfo, type RunningMlflow } from '../fixtures/mlflow/server';

export interface SeededMlflow {
  server: MlflowServerInfo;
  seed: SeedFacts;
}

declare module 'vitest' {
  export interface ProvidedContext {
    mlflow3: SeededMlflow;
    mlflow2: SeededMlflow;
  }
}

/** A seeding failure names the server and carries its own log: a refused or failed call alone says too little. */
async function seedOrExplain(s: RunningMlflow): Promise<SeedFacts> {
  try {
    return await seedMlflow(s);
  } catch (err) {
    throw new Error(
      `seeding MLflow ${s.major}.x at ${s.url} failed: ${(err as Error).message}\n--- last output of mlflow ${s.major}.x ---\n${s.logTail()}`,
      { cause: err },
    );
  }
}

/**
 * Real MLflow servers for the suite: 3.x (has users/list, RBAC grants, bearer via a custom auth function) and
 * 2.x (users/list answers 404: the derived-population path). Both seeded through REST, both stopped afterwards,
 * also when the other one failed to start.
 */
export default async function setup(project: TestProject) {
  ensureServices();
  const running: RunningMlflow[] = [];
  const stopAll = () => Promise.all(running.map((s) => s.stop()));
  try {
    const started = await Promise.allSettled([startMlflow(3), startMlflow(2)]);
    for (const r of started) if (r.status === 'fulfilled') running.push(r.value);
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const [v3, v2] = running as [RunningMlflow, RunningMlflow];
    const [seed3, seed2] = await Promise.all([seedOrExplain(v3), seedOrExplain(v2)]);
    const info = (s: RunningMlflow): MlflowServerInfo => ({ url: s.url, major: s.major, admin: s.admin, bearerToken: s.bearerToken });
    project.provide('mlflow3', { server: info(v3), seed: seed3 });
    project.provide('mlflow2', { server: info(v2), seed: seed2 });
  } catch (err) {
    await stopAll();
    throw err;
  }
  return async () => {
    await stopAll();
  };
}
