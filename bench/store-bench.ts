import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { EvidenceStore } from '../core/store/evidence-store';
import { recordItems } from '../core/store/store-writes';
import { verifyStore } from '../core/store/verify-store';
import { MemorySecretStore } from '../core/sign/secret-store';
import { iterateAllHashedBytes } from '../core/store/store-reads';
import { tempDir } from '../test/helpers/temp-store';
import { sampleItem } from '../test/helpers/items';
import { fmt, peakRssMb, seconds, timeCommand } from './util';

const ITEMS = Number(process.env.BENCH_STORE_ITEMS ?? 100_000);
const PAGE = 100; // a collector writes one transaction per API page

export async function run(): Promise<void> {
  const dir = tempDir('el-bench-');
  try {
    const store = EvidenceStore.open({ home: dir.dir, secrets: new MemorySecretStore(), actor: { osUser: 'bench', host: 'bench' }, create: true });
    store.initialize();
    // Each page's items share the IPE of the request that fetched the page, as a collector writes them.
    const pages = Array.from({ length: ITEMS / PAGE }, (_, p) => {
      const { ipe } = sampleItem(p, 'bench.item');
      return Array.from({ length: PAGE }, (_, i) => ({ ...sampleItem(p * PAGE + i, 'bench.item', 1000), ipe }));
    });
    const t0 = process.hrtime.bigint();
    for (const page of pages) recordItems(store, { runId: null, sourceId: null }, page);
    store.checkpoint();
    const appendS = seconds(t0);
    console.log(`append: ${ITEMS.toLocaleString()} items of ~1 KB in ${ITEMS / PAGE} page transactions: ${fmt(appendS)} s = ${Math.round(ITEMS / appendS).toLocaleString()} items/s (goal ≥ 50,000/s)`);

    const t1 = process.hrtime.bigint();
    const v = verifyStore(store);
    const verifyS = seconds(t1);
    if (!v.ok) throw new Error(`bench store does not verify: ${v.problems[0]?.reason}`);
    const mb = v.bytesHashed / 1e6;

    // The same bytes verify-store hashes, in one file, for openssl to hash in the same run.
    const file = join(dir.dir, 'hashed-bytes.bin');
    const out = createWriteStream(file);
    for (const chunk of iterateAllHashedBytes(store)) if (!out.write(chunk)) await once(out, 'drain');
    out.end();
    await once(out, 'close');
    const opensslS = timeCommand('openssl', ['dgst', '-sha256', file]);
    const sha256sumS = timeCommand('sha256sum', [file]);
    console.log(`verify-store: ${fmt(mb)} MB (leaves, items, IPE) in ${fmt(verifyS)} s = ${fmt(mb / verifyS)} MB/s`);
    console.log(`openssl dgst -sha256, same bytes: ${fmt(opensslS, 3)} s = ${fmt(mb / opensslS)} MB/s; sha256sum: ${fmt(mb / sha256sumS)} MB/s`);
    console.log(`ratio verify-store / openssl throughput: ${fmt((mb / verifyS) / (mb / opensslS) * 100, 1)} % (goal ≥ 60 %)`);
    console.log(`peak RSS: ${fmt(peakRssMb(), 0)} MB`);
    store.close();
  } finally {
    dir.cleanup();
  }
}
