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

/**
 * Real MLflow servers for the suite: 3.x (has users/list, RBAC grants, bearer via a custom auth function) and
 * 2.x (users/list answers 404: the derived-population path). Both seeded through REST, both stopped afterwards.
 */
export default async function setup(project: TestProject) {
  ensureServices();
  const running: RunningMlflow[] = [];
  const stopAll = () => Promise.all(running.map((s) => s.stop()));
  try {
    const [v3, v2] = await Promise.all([startMlflow(3), startMlflow(2)]);
    running.push(v3, v2);
    const [seed3, seed2] = await Promise.all([seedMlflow(v3), seedMlflow(v2)]);
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
