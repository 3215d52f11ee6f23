import { request } from 'undici';
import { createCore } from '../core/api';
import { MemorySecretStore } from '../core/sign/secret-store';
import { seedManyVersions } from '../test/fixtures/mlflow/seed';
import { ensureServices, startMlflow, type RunningMlflow } from '../test/fixtures/mlflow/server';
import { tempDir } from '../test/helpers/temp-store';

const VERSIONS = 2000;
const PAGE_SIZE = 100;
const ROUNDS = 5;

/** The baseline: the same endpoints with the same page size, undici and JSON.parse only — no validation, no store. */
async function bareFetch(server: RunningMlflow): Promise<number> {
  const authorization = `Basic ${Buffer.from(`${server.admin.username}:${server.admin.password}`).toString('base64')}`;
  let records = 0;
  for (const endpoint of ['registered-models/search', 'model-versions/search']) {
    let token = '';
    do {
      const url = `${server.url}/api/2.0/mlflow/${endpoint}?max_results=${PAGE_SIZE}${token ? `&page_token=${encodeURIComponent(token)}` : ''}`;
      const res = await request(url, { headers: { authorization } });
      const page = (await res.body.json()) as { model_versions?: unknown[]; registered_models?: unknown[]; next_page_token?: string };
      records += (page.model_versions ?? page.registered_models ?? []).length;
      token = page.next_page_token ?? '';
    } while (token);
  }
  return records;
}

/** Ours: `collect --kind mlflow.registry` end to end (HTTP layer, zod, content build, signed store write). */
async function ourCollector(server: RunningMlflow) {
  const home = tempDir('el-bench-mlflow-');
  const core = createCore({ home: home.dir, secrets: new MemorySecretStore(), env: { BENCH_PW: server.admin.password } });
  const call = async (name: string, input: unknown) => {
    const r = await core.callUntyped(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value;
  };
  await call('store.init', {});
  await call('source.add', {
    type: 'mlflow',
    name: 'bench',
    config: { url: server.url, username: server.admin.username, passwordEnv: 'BENCH_PW', pageSize: PAGE_SIZE },
  });
  return {
    /** Only this is timed: store setup happens once, outside. */
    async collect() {
      const [run] = (await call('collect.run', { source: 'bench', kinds: ['mlflow.registry'] })) as { status: string }[];
      if (run?.status !== 'complete') throw new Error(`collection ${run?.status}`);
    },
    close: () => (core.close(), home.cleanup()),
  };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<void> {
  ensureServices();
  const server = await startMlflow(3);
  try {
    const t0 = performance.now();
    await seedManyVersions(server, 'bench-model', VERSIONS);
    console.log(`seeded ${VERSIONS} model versions on MLflow 3.x in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const records = await bareFetch(server); // warm-up for both paths (server caches, connections)
    if (records !== VERSIONS + 1) throw new Error(`bare fetch saw ${records} records, expected ${VERSIONS + 1}`);
    const collector = await ourCollector(server);
    await collector.collect();
    const bare: number[] = [];
    const ours: number[] = [];
    try {
      for (let i = 0; i < ROUNDS; i++) {
        bare.push(await timed(() => bareFetch(server)));
        ours.push(await timed(() => collector.collect()));
      }
    } finally {
      collector.close();
    }
    const b = median(bare);
    const o = median(ours);
    console.log(`page size ${PAGE_SIZE}, ${Math.ceil(VERSIONS / PAGE_SIZE)} version pages, median of ${ROUNDS} alternating rounds`);
    console.log(`bare undici paginated fetch:      ${b.toFixed(0)} ms`);
    console.log(`collect mlflow.registry (ours):   ${o.toFixed(0)} ms`);
    console.log(`ratio ours / bare:                ${(o / b).toFixed(3)}x (goal <= 1.15x)`);
    console.log(`peak RSS of this process:         ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    await server.stop();
  }
}
