import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { EvidenceStore } from '../core/store/evidence-store';
import { recordItems } from '../core/store/store-writes';
import { verifyStore } from '../core/store/verify-store';
import { MemorySecretStore } from '../core/sign/secret-store';
import { iterateAllHashedBytes } from '../core/store/store-reads';
import { canonicalBytes, sha256, sha256Hex } from '../core/util/canonical';
import { openDatabase } from '../core/store/database';
import { insertItem } from '../core/store/repos/items';
import { insertLogRow } from '../core/store/repos/log';
import type { NewItem } from '../core/evidence/ipe';
import { tempDir } from '../test/helpers/temp-store';
import { sampleItem } from '../test/helpers/items';
import { fmt, peakRssMb, seconds, timeCommand } from './util';

const ITEMS = Number(process.env.BENCH_STORE_ITEMS ?? 100_000);
const PAGE = 100; // a collector writes one transaction per API page (MLflow and IAM pages of 100)

/** One API page of items sharing the page's IPE, built outside the timed section. */
function page(p: number, bytes: number, size = PAGE): NewItem[] {
  const { ipe } = sampleItem(p, 'bench.item');
  return Array.from({ length: size }, (_, i) => ({ ...sampleItem(p * size + i, 'bench.item', bytes), ipe }));
}

function openStore(dir: string): EvidenceStore {
  const store = EvidenceStore.open({ home: dir, secrets: new MemorySecretStore(), actor: { osUser: 'bench', host: 'bench' }, create: true });
  store.initialize();
  return store;
}

/**
 * Baseline: the same rows (same bytes, same schema and indexes, same pragmas, same page transactions) written by
 * the store's bare insert statements — what SQLite alone costs, without canonicalising, hashing, validating or
 * building log entries.
 */
function bareInsertSeconds(dir: string, pages: number, bytes: number): number {
  const db = openDatabase(join(dir, 'bare.db'), { create: true });
  let spent = 0n;
  let idx = 0;
  for (let p = 0; p < pages; p++) {
    const rows = page(p, bytes).map((it) => {
      const content = canonicalBytes(it.content);
      const ipe = canonicalBytes(it.ipe);
      return { content, ipe, body: ipe.subarray(0, 550), hash: sha256Hex(content) };
    });
    const t = process.hrtime.bigint();
    db.transaction(() => {
      for (const r of rows) {
        insertLogRow(db, { idx, type: 'item_recorded', body: r.body, leaf: sha256(r.body) });
        insertItem(db, {
          run_id: null,
          source_id: null,
          kind: 'bench.item',
          scope: '{"server":"http://127.0.0.1:5000"}',
          collected_at: new Date().toISOString(),
          content: r.content,
          content_sha256: r.hash,
          ipe: r.ipe,
          ipe_sha256: r.hash,
          completeness: 'complete',
          provenance: 'api_snapshot',
          log_idx: idx,
        });
        idx += 1;
      }
    })();
    spent += process.hrtime.bigint() - t;
  }
  db.close();
  return Number(spent) / 1e9;
}

async function verifyFigures(store: EvidenceStore, dir: string, label: string): Promise<void> {
  const t1 = process.hrtime.bigint();
  const v = verifyStore(store);
  const verifyS = seconds(t1);
  if (!v.ok) throw new Error(`bench store does not verify: ${v.problems[0]?.reason}`);
  const mb = v.bytesHashed / 1e6;
  // The same bytes verify-store hashes, in one file, for openssl to hash in the same run.
  const file = join(dir, `hashed-${label}.bin`);
  const out = createWriteStream(file);
  for (const chunk of iterateAllHashedBytes(store)) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'close');
  const opensslS = timeCommand('openssl', ['dgst', '-sha256', file]);
  console.log(
    `verify-store (${label}): ${fmt(mb)} MB in ${fmt(verifyS)} s = ${fmt(mb / verifyS)} MB/s; ` +
      `openssl dgst -sha256 on the same bytes: ${fmt(mb / opensslS)} MB/s; ratio ${fmt((opensslS / verifyS) * 100, 1)} % (goal ≥ 60 %)`,
  );
}

export async function run(): Promise<void> {
  const dir = tempDir('el-bench-');
  try {
    const store = openStore(dir.dir);
    let spent = 0n;
    for (let p = 0; p < ITEMS / PAGE; p++) {
      const items = page(p, 1000);
      const t = process.hrtime.bigint();
      recordItems(store, { runId: null, sourceId: null }, items);
      spent += process.hrtime.bigint() - t;
    }
    store.checkpoint();
    const appendS = Number(spent) / 1e9;
    const bareS = bareInsertSeconds(dir.dir, ITEMS / PAGE, 1000);
    console.log(
      `append: ${ITEMS.toLocaleString()} items of ~1 KB, ${ITEMS / PAGE} page transactions of ${PAGE}: ${fmt(appendS)} s = ${Math.round(ITEMS / appendS).toLocaleString()} items/s (goal ≥ 50,000/s)`,
    );
    console.log(
      `  baseline, the store's bare INSERTs of the same rows (same schema, indexes, pragmas, transactions; no canonicalize, hash, validation): ${fmt(bareS)} s = ${Math.round(ITEMS / bareS).toLocaleString()} rows/s; ratio ${fmt(appendS / bareS)}×`,
    );
    await verifyFigures(store, dir.dir, `${ITEMS / 1000}k × 1 KB`);
    store.close();

    // Larger items: hashing dominates and per-row overhead (SQLite row fetch, JSON.parse of the log entry) fades.
    const big = openStore(join(dir.dir, 'big'));
    for (let p = 0; p < 20; p++) recordItems(big, { runId: null, sourceId: null }, page(p, 64_000));
    big.checkpoint();
    await verifyFigures(big, dir.dir, '2,000 × 64 KB');
    big.close();
    console.log(`peak RSS: ${fmt(peakRssMb(), 0)} MB`);
  } finally {
    dir.cleanup();
  }
}
