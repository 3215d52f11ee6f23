import { existsSync, readdirSync } from 'node:fs';
import { createCore } from '../../core/api';
import type { CoreContext } from '../../core/context';
import { runCollection } from '../../core/collector-runtime/runner';
import { exportBundle } from '../../core/export/export-bundle';
import { createCatalog } from '../../core/families/catalog';
import { MemoryCredentialStore } from '../../core/sign/credential-store';
import { FileSecretStore } from '../../core/sign/secret-store';
import { EvidenceStore } from '../../core/store/evidence-store';
import { dbOf } from '../../core/store/handle';
import { storePaths } from '../../core/store/paths';
import { addSource, recordItems } from '../../core/store/store-writes';
import { toErrorBody } from '../../core/util/errors';
import { systemClock } from '../../core/util/runtime';
import { resources } from '../helpers/catalog';
import { sampleItem } from '../helpers/items';
import { batchFamily } from './fixtures/batch-family';

/**
 * Disk full where no small filesystem can be mounted: SQLite's max_page_count on the connection the use case
 * writes through (a per-connection limit, so the use cases run on a store opened here, not through createCore).
 */
const catalog = createCatalog([batchFamily]);
const actor = { osUser: 'faults', host: 'test' };

function open(home: string): EvidenceStore {
  return EvidenceStore.open({ home, secrets: new FileSecretStore(storePaths(home).keysDir), actor, create: true });
}

function limit(store: EvidenceStore, extraPages: number): void {
  const pages = Number(dbOf(store).pragma('page_count', { simple: true }));
  dbOf(store).pragma(`max_page_count = ${pages + extraPages}`);
}

async function verified(home: string): Promise<boolean> {
  const core = createCore({ home, families: [batchFamily] });
  try {
    const v = await core.callUntyped('store.verify', {});
    return v.ok && (v.value as { ok: boolean }).ok;
  } finally {
    core.close();
  }
}

export async function collectWithPageLimit(home: string) {
  const store = open(home);
  store.initialize();
  addSource(store, 'batch', 'team', { team: 'ml', batches: 500, bytes: 6000 });
  limit(store, 40);
  const ctx: CoreContext = {
    home,
    secrets: store.opts.secrets,
    credentials: new MemoryCredentialStore(),
    actor,
    clock: systemClock,
    env: process.env,
    catalog,
    resources,
    store: () => store,
    readStore: () => store,
    progress: () => undefined,
    signal: new AbortController().signal,
  };
  let error = { code: 'NONE', message: 'the collection did not fail' };
  try {
    const [run] = await runCollection(ctx, { source: 'team' });
    if (run?.status === 'failed') error = { code: run.code ?? 'FAILED', message: run.reason ?? '' };
  } catch (err) {
    error = toErrorBody(err);
  } finally {
    store.close();
  }
  return { error, verified: await verified(home) };
}

/** Fills the page-limited store with ever smaller items until not even a small one fits. */
function fill(store: EvidenceStore): void {
  for (const bytes of [4000, 1000, 200, 40]) {
    try {
      for (let i = 0; i < 10_000; i++) recordItems(store, { runId: null, sourceId: null }, [sampleItem(i, 'batch.filler', bytes)]);
    } catch (err) {
      if (toErrorBody(err).code !== 'DISK_FULL') throw err;
    }
  }
}

/** Exports from the store `home` (collected above) once no page is left: the export's log entries cannot be written. */
export async function exportWithPageLimit(home: string, outDir: string) {
  const store = open(home);
  limit(store, 0);
  fill(store);
  let error = { code: 'NONE', message: 'the export did not fail' };
  try {
    await exportBundle(store, { criterion: 'CC6.2', from: '2020-01-01', to: '2040-12-31', outDir, mappings: catalog.mappings, resources });
  } catch (err) {
    error = toErrorBody(err);
  } finally {
    store.close();
  }
  return { error, left: existsSync(outDir) ? readdirSync(outDir) : [], verified: await verified(home) };
}
