import { Agent, request } from 'undici';
import { startArmStub } from '../test/fixtures/azure/arm-stub';
import { ARM_TOKEN } from '../test/fixtures/azure/arm-stub';
import { azureCore, stubConfig } from '../test/fixtures/azure/harness';
import { PRINCIPALS, SUB, SUB_SCOPE, rg, type PrincipalKey, type RoleName } from '../test/fixtures/azure/ids';
import { fmt, seconds } from './util';

// azure.rbac end to end (paging, Graph check, canonical form, IPE, signed store) against the bare HTTP requests for
// the same pages, both reading one in-process ARM stub seeded with many assignments. Alternating rounds, medians.
const ASSIGNMENTS = Number(process.env.BENCH_AZURE_ASSIGNMENTS ?? 20_000);
const PAGE = 1000;
const ROUNDS = 5;
const ROLES: RoleName[] = ['Owner', 'Contributor', 'Reader', 'Storage Blob Data Reader', 'AzureML Data Scientist'];
const WHO = Object.keys(PRINCIPALS) as PrincipalKey[];

/** The bare client: GET every page following nextLink, then the role definitions and one Graph batch; JSON kept in memory. */
async function bare(url: string, dispatcher: Agent): Promise<number> {
  const t0 = process.hrtime.bigint();
  const headers = { authorization: `Bearer ${ARM_TOKEN}`, accept: 'application/json' };
  const pages: unknown[] = [];
  let next: string | null = `${url}${SUB_SCOPE}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01`;
  while (next) {
    const r = await request(next, { headers, dispatcher });
    const body = (await r.body.json()) as { nextLink?: string };
    pages.push(body);
    next = body.nextLink ?? null;
  }
  const defs = await request(`${url}${SUB_SCOPE}/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01`, { headers, dispatcher });
  pages.push(await defs.body.json());
  const ids = WHO.map((k) => PRINCIPALS[k].id);
  const graph = await request(`${url}/v1.0/directoryObjects/getByIds`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ ids }),
    dispatcher,
  });
  pages.push(await graph.body.json());
  return seconds(t0);
}

export async function run(): Promise<void> {
  const stub = await startArmStub();
  try {
    stub.state.assignmentsPageSize = PAGE;
    stub.state.assignments = Array.from({ length: ASSIGNMENTS }, (_, i) => ({
      name: `0b0c0d0e-0000-4000-8000-${String(i).padStart(12, '0')}`,
      scope: i % 10 === 0 ? SUB_SCOPE : rg(`rg-${i % 200}`),
      role: ROLES[i % ROLES.length]!,
      principal: WHO[i % WHO.length]!,
      createdOn: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
    }));
    const dispatcher = new Agent({ connect: { ca: stub.cert.cert } });
    const ours: number[] = [];
    const plain: number[] = [];
    for (let r = 0; r <= ROUNDS; r++) {
      const h = await azureCore(stub);
      await h.call('source.add', { type: 'azure', name: 'bench', config: stubConfig(stub) });
      const t0 = process.hrtime.bigint();
      const [summary] = await h.call<{ status: string; reason: string | null }[]>('collect.run', { source: 'bench', kinds: ['azure.rbac'] });
      const s = seconds(t0);
      h.cleanup();
      if (summary!.status !== 'complete') throw new Error(`collection ${summary!.status}: ${summary!.reason}`);
      const b = await bare(stub.url, dispatcher);
      // Round 0 warms up module loading and JIT.
      if (r > 0) {
        ours.push(s);
        plain.push(b);
      }
    }
    await dispatcher.close();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(`subscription ${SUB}: ${ASSIGNMENTS.toLocaleString()} role assignments, ${Math.ceil(ASSIGNMENTS / PAGE)} pages of ${PAGE}`);
    console.log(`runs (s): ours ${ours.map((x) => fmt(x)).join(' ')} | bare HTTP ${plain.map((x) => fmt(x)).join(' ')}`);
    console.log(
      `azure.rbac: ours ${fmt(median(ours))} s vs bare HTTP ${fmt(median(plain))} s (median of ${ROUNDS}) → ratio ${fmt(median(ours) / median(plain))}× (canonical form, IPE, hashing and the signed store are the difference)`,
    );
  } finally {
    await stub.close();
  }
}
