import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createCore } from '../../core/api';
import { BUILT_IN_FAMILIES } from '../../core/families/built-in';
import { basicConfig } from '../fixtures/mlflow/harness';
import { seedMlflow } from '../fixtures/mlflow/seed';
import { ensureServices, startMlflow, type RunningMlflow } from '../fixtures/mlflow/server';
import { tempDir } from '../helpers/temp-store';
import { collectAfterKills, killLoop } from './kill-loop';

// Issue 14: a smaller number of SIGKILLs while the real collector reads the real MLflow 3.x server (started here,
// stopped after): the same checks as with the batch collector, through pagination and four kinds.
const KILLS = 15;
const tmp = tempDir('el-fault-mlflow-');
const home = join(tmp.dir, 'store');
let server: RunningMlflow | undefined;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  ensureServices();
  server = await startMlflow(3);
  await seedMlflow(server);
  env = { MLFLOW_PASSWORD: server.admin.password };
  const core = createCore({ home, env });
  try {
    for (const [name, input] of [
      ['store.init', {}],
      ['source.add', { type: 'mlflow', name: 'prod', config: basicConfig(server, { pageSize: 3 }) }],
    ] as const) {
      const r = await core.callUntyped(name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    }
  } finally {
    core.close();
  }
}, 300_000);
afterAll(async () => {
  await server?.stop();
  tmp.cleanup();
});

describe('SIGKILL during collection from the real MLflow 3.x server', () => {
  it(`${KILLS} kills mid-collection: store verifies, no committed item lost, killed runs interrupted, the next run completes`, async () => {
    const r = await killLoop({
      name: 'kill mlflow',
      mode: 'mlflow',
      home,
      families: BUILT_IN_FAMILIES,
      rounds: KILLS,
      maxDelayMs: 1500,
      arms: ['ready', 'item', 'run '],
      env,
    });
    expect(r.failures).toEqual([]);
    expect(r.kills).toBe(KILLS);
    expect(r.reported.size).toBeGreaterThan(0);
    const after = await collectAfterKills(home, BUILT_IN_FAMILIES, 'prod', { ...process.env, ...env });
    expect(after.run).toMatchObject({ ok: true, value: [{ source: 'prod', status: 'complete' }] });
    expect(after.verify).toMatchObject({ ok: true, value: { ok: true, problems: [] } });
  }, 900_000);
});
