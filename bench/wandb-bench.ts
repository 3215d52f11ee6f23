import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { createCore } from '../core/api';
import { REGISTRY_FILTER } from '../core/collectors/wandb/queries-access';
import { REGISTRY_VERSIONS } from '../core/collectors/wandb/queries-registry';
import { MemorySecretStore } from '../core/sign/secret-store';
import { startWandbStub } from '../test/fixtures/wandb/stub';
import { defaultWorld, manyVersions } from '../test/fixtures/wandb/world';
import { tempDir } from '../test/helpers/temp-store';
import { fmt, peakRssMb } from './util';

// 5,000 registry versions over 50 pages of 100: `collect --kind wandb.registry` (HTTP layer, zod, content build,
// canonical JSON, signed store write) against a bare undici paginated fetch of the same RegistryVersions pages.
const VERSIONS = 5000;
const PAGE = 100;
const ROUNDS = 5;
const KEY = 'bench-key-0123456789abcdef0123456789abcdef';
const AUTH = `Basic ${Buffer.from(`api:${KEY}`).toString('base64')}`;

/**
 * A replaying front for the stub: the first time a request body is seen it is answered by the stub (graphql-js,
 * slow), then from memory. Both measured paths then wait on the same cheap server, so the ratio is our cost.
 */
async function replaying(upstream: string): Promise<{ url: string; close: () => Promise<void> }> {
  const cache = new Map<string, Buffer>();
  const server: Server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      const key = `${req.method} ${req.url} ${body}`;
      let answer = cache.get(key);
      if (!answer) {
        const r = await request(`${upstream}${req.url}`, {
          method: req.method as 'POST',
          headers: { authorization: AUTH, 'content-type': 'application/json' },
          body: body || undefined,
        });
        answer = Buffer.from(await r.body.arrayBuffer());
        if (r.statusCode === 200) cache.set(key, answer);
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length });
      res.end(answer);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The baseline: the same query, variables and page size; undici and JSON.parse only. */
async function bareFetch(url: string): Promise<number> {
  let cursor: string | null = null;
  let records = 0;
  do {
    const variables = { organization: 'acme', registryFilter: REGISTRY_FILTER, cursor, perPage: PAGE };
    const res = await request(`${url}/graphql`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ query: REGISTRY_VERSIONS.query, variables, operationName: REGISTRY_VERSIONS.name }),
    });
    const page = (await res.body.json()) as {
      data: { organization: { orgEntity: { artifactMemberships: { pageInfo: { endCursor: string; hasNextPage: boolean }; edges: unknown[] } } } };
    };
    const conn = page.data.organization.orgEntity.artifactMemberships;
    records += conn.edges.length;
    cursor = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
  } while (cursor);
  return records;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<void> {
  const stub = await startWandbStub({ world: manyVersions(defaultWorld(), VERSIONS), apiKey: KEY });
  const front = await replaying(stub.url);
  const home = tempDir('el-bench-wandb-');
  const core = createCore({ home: home.dir, secrets: new MemorySecretStore(), env: { BENCH_WANDB_KEY: KEY } });
  const call = async (name: string, input: unknown) => {
    const r = await core.callUntyped(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value as { status: string }[];
  };
  try {
    await call('store.init', {});
    await call('source.add', {
      type: 'wandb',
      name: 'bench',
      config: { host: front.url, apiKeyEnv: 'BENCH_WANDB_KEY', organization: 'acme', pageSize: PAGE, auditLogs: false },
    });
    const collect = async () => {
      const [r] = await call('collect.run', { source: 'bench', kinds: ['wandb.registry'] });
      if (r?.status !== 'complete') throw new Error(`collection ${r?.status}`);
    };
    const records = await bareFetch(front.url); // warm-up: fills the replay cache for both paths
    if (records !== VERSIONS) throw new Error(`bare fetch saw ${records} versions, expected ${VERSIONS}`);
    await collect();
    const bare: number[] = [];
    const ours: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      bare.push(await timed(() => bareFetch(front.url)));
      ours.push(await timed(collect));
    }
    const [b, o] = [median(bare), median(ours)];
    console.log(
      `${VERSIONS} registry versions, ${VERSIONS / PAGE} RegistryVersions pages of ${PAGE} (plus 1 FetchRegistries and 1 RegistryCollections page for ours); median of ${ROUNDS} alternating rounds`,
    );
    console.log(`bare undici paginated fetch:       ${fmt(b, 0)} ms`);
    console.log(`collect wandb.registry (ours):     ${fmt(o, 0)} ms`);
    console.log(`ratio ours / bare:                 ${fmt(o / b, 3)}x`);
    console.log(`peak RSS of this process:          ${fmt(peakRssMb(), 0)} MB`);
  } finally {
    core.close();
    home.cleanup();
    await front.close();
    await stub.close();
  }
}
