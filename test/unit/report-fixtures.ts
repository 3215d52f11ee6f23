import type { Completeness, NewItem } from '../../core/evidence/ipe';
import { EvidenceStore } from '../../core/store/evidence-store';
import { addSource, finishRun, recordItems, startRun } from '../../core/store/store-writes';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { tempDir } from '../helpers/temp-store';

/** A temp store whose clock tests can set, so runs and items land on chosen days. */
export function clockedStore() {
  const { dir, cleanup } = tempDir('el-report-');
  let now = new Date('2026-01-01T00:00:00Z');
  const store = EvidenceStore.open({
    home: dir,
    secrets: new MemorySecretStore(),
    actor: { osUser: 'test', host: 'h' },
    create: true,
    clock: () => now,
  });
  store.initialize();
  return {
    store,
    dir,
    setNow: (iso: string) => (now = new Date(iso)),
    cleanup: () => (store.close(), cleanup()),
  };
}

export function item(
  kind: string,
  content: unknown,
  collectedAt: string,
  opts: { completeness?: Completeness; provenance?: 'api_snapshot' | 'derived'; source?: string } = {},
): NewItem {
  const completeness = opts.completeness ?? 'complete';
  return {
    kind,
    scope: { server: 'http://127.0.0.1:5000' },
    content,
    collectedAt,
    ipe: {
      source: { type: kind.split('.')[0]!, name: opts.source ?? 'prod' },
      endpoints: [`GET /api/2.0/${kind}`],
      apiVersion: '2.0',
      parameters: { max_results: 1000 },
      pages: 2,
      recordsRetrieved: 3,
      apiTotal: 3,
      requestIds: ['req-1', 'req-2'],
      serverDates: [],
      actor: { osUser: 'test', host: 'h' },
      toolVersion: 'evidence-locker/test',
      command: `evidence-locker collect --source ${opts.source ?? 'prod'} --kind ${kind}`,
      completeness,
      error: completeness === 'complete' ? null : 'HTTP 503 on page 2',
      provenance: opts.provenance ?? 'api_snapshot',
    },
  };
}

export const day = (d0: string, n: number, hour = 6) => new Date(Date.parse(`${d0}T00:00:00Z`) + n * 86_400_000 + hour * 3_600_000).toISOString();

export const registryContent = (n: number) => ({
  server: 'http://127.0.0.1:5000',
  models: [
    {
      name: 'fraud',
      versions: Array.from({ length: n }, (_, i) => ({
        version: String(i + 1),
        currentStage: i === n - 1 ? 'Production' : 'Archived',
        aliases: i === n - 1 ? ['champion'] : [],
        userId: 'alice',
      })),
    },
  ],
});

export const accessContent = (users: string[]) => ({
  server: 'http://127.0.0.1:5000',
  users: users.map((u, i) => ({
    username: u,
    isAdmin: i === 0,
    experimentPermissions: [{ experimentId: '1', permission: 'EDIT' }],
    registeredModelPermissions: [{ name: 'fraud', permission: 'MANAGE' }],
  })),
});

/** Adds a source and records `items` under one run started at `at` that ends with `status`. */
export function recordRun(
  ctx: ReturnType<typeof clockedStore>,
  sourceId: number,
  at: string,
  items: NewItem[],
  status: 'complete' | 'partial' | 'failed' = 'complete',
): number {
  ctx.setNow(at);
  const run = startRun(ctx.store, sourceId);
  if (items.length) recordItems(ctx.store, { runId: run, sourceId }, items);
  finishRun(ctx.store, run, status, status === 'complete' ? null : 'HTTP 503 from the server');
  return run;
}

export function mlflowSource(ctx: ReturnType<typeof clockedStore>, name = 'prod'): number {
  return addSource(ctx.store, 'mlflow', name, { trackingUri: 'http://127.0.0.1:5000' });
}
