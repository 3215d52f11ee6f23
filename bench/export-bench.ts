import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportBundle } from '../core/export/export-bundle';
import { FileSecretStore } from '../core/sign/secret-store';
import { EvidenceStore } from '../core/store/evidence-store';
import { storePaths } from '../core/store/paths';
import { addSource, finishRun, recordItems, startRun } from '../core/store/store-writes';
import { verifyBundle } from '../core/verify/verify-bundle';
import { tempDir } from '../test/helpers/temp-store';
import { registryItem } from '../test/integration/bundle-helpers';
import { fmt, peakRssMb, seconds, timeCommand } from './util';

const ITEMS = Number(process.env.BENCH_EXPORT_ITEMS ?? 10_000);
const PERIOD = { criterion: 'CC8.1', from: '2026-01-01', to: '2026-06-30', org: 'Bench' };
const actor = { osUser: 'bench', host: 'bench' };

function openStore(home: string, create = false): EvidenceStore {
  return EvidenceStore.open({ home, secrets: new FileSecretStore(storePaths(home).keysDir), actor, create });
}

/** ITEMS mlflow.registry snapshots spread over the period, in runs of 100 as a collector writes them. */
function seed(home: string): void {
  const store = openStore(home, true);
  store.initialize();
  const sourceId = addSource(store, 'mlflow', 'bench', { url: 'http://127.0.0.1:5000' });
  const days = 180;
  for (let done = 0; done < ITEMS; done += 100) {
    const runId = startRun(store, sourceId);
    const batch = Array.from({ length: Math.min(100, ITEMS - done) }, (_, i) => {
      const n = done + i;
      const day = new Date(Date.parse('2026-01-01') + (n % days) * 86_400_000).toISOString().slice(0, 10);
      const item = registryItem(day, n);
      return { ...item, collectedAt: new Date(Date.parse(item.collectedAt!) + n * 1000).toISOString() };
    });
    recordItems(store, { runId, sourceId }, batch);
    finishRun(store, runId, 'complete', null);
  }
  store.close();
}

/** Runs in a child process so that its peak RSS is the export's alone. */
async function child(home: string, out: string): Promise<void> {
  const store = openStore(home);
  const t0 = process.hrtime.bigint();
  const r = await exportBundle(store, { ...PERIOD, outDir: out });
  const exportS = seconds(t0);
  store.close();
  console.log(JSON.stringify({ path: r.path, items: r.items, exportS, rssMb: peakRssMb(), fingerprint: r.keyFingerprint }));
}

export async function run(): Promise<void> {
  const dir = tempDir('el-export-bench-');
  try {
    const home = join(dir.dir, 'home');
    const out = join(dir.dir, 'out');
    seed(home);
    const self = fileURLToPath(import.meta.url);
    const text = execFileSync(process.execPath, ['--import', 'tsx', self, '--child', home, out], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const r = JSON.parse(text.trim().split('\n').pop()!) as { path: string; items: number; exportS: number; rssMb: number; fingerprint: string };
    console.log(`export: ${r.items.toLocaleString()}-item bundle in ${fmt(r.exportS)} s (goal ≤ 10 s), peak RSS ${fmt(r.rssMb, 0)} MB (goal ≤ 300 MB; whole child process incl. tsx)`);

    // Our verify, reading straight from the ZIP, against coreutils + openssl over the same files extracted.
    const t0 = process.hrtime.bigint();
    const v = await verifyBundle(r.path, { fingerprint: r.fingerprint });
    const oursS = seconds(t0);
    if (!v.ok) throw new Error(`bench bundle did not verify: ${JSON.stringify(v.problems.slice(0, 3))}`);
    const x = join(dir.dir, 'x');
    mkdirSync(x);
    execFileSync('unzip', ['-q', r.path, '-d', x]);
    const sumS = timeCommand('sha256sum', ['--strict', '--quiet', '-c', 'SHA256SUMS'], x);
    const sslS = timeCommand('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'signing-key.pub.pem', '-rawin', '-in', 'SHA256SUMS', '-sigfile', 'SHA256SUMS.sig'], x);
    const theirs = sumS + sslS;
    console.log(
      `verify: ours ${fmt(oursS)} s over ${v.files.toLocaleString()} files from the ZIP (signature, hashes, manifest, ${v.items.toLocaleString()} inclusion proofs); ` +
        `sha256sum -c ${fmt(sumS)} s + openssl ${fmt(sslS)} s = ${fmt(theirs)} s on the extracted files; ratio ours/theirs ${fmt(oursS / theirs)} (goal ≤ 0.5)`,
    );
  } finally {
    dir.cleanup();
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!);
