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
export default function setup(project: TestProject) {
  return startSeeded(project, [3, 2]);
}

/** Starts and seeds the given majors, provides each as mlflow3 / mlflow2, and returns the teardown. */
export async function startSeeded(project: TestProject, majors: (2 | 3)[]) {
  ensureServices();
  const running: RunningMlflow[] = [];
  const stopAll = () => Promise.all(running.map((s) => s.stop()));
  try {
    const started = await Promise.allSettled(majors.map((m) => startMlflow(m)));
    for (const r of started) if (r.status === 'fulfilled') running.push(r.value);
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const seeds = await Promise.all(running.map((s) => seedOrExplain(s)));
    running.forEach((s, i) => {
      const info: MlflowServerInfo = { url: s.url, major: s.major, admin: s.admin, bearerToken: s.bearerToken };
      project.provide(s.major === 3 ? 'mlflow3' : 'mlflow2', { server: info, seed: seeds[i]! });
    });
  } catch (err) {
    await stopAll();
    throw err;
  }
  return async () => {
    await stopAll();
  };
}
