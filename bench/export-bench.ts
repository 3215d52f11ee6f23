import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvidenceStore } from '../core/store/evidence-store';
import { fmt, peakRssMb, seconds, timeCommand } from './util';

// Modules are imported where they are used, so the verify child loads only the verifier (its RSS is its own).

const ITEMS = Number(process.env.BENCH_EXPORT_ITEMS ?? 10_000);
const PERIOD = { criterion: 'CC8.1', from: '2026-01-01', to: '2026-06-30', org: 'Bench' };
const actor = { osUser: 'bench', host: 'bench' };

async function openStore(home: string, create = false): Promise<EvidenceStore> {
  const { EvidenceStore } = await import('../core/store/evidence-store');
  const { FileSecretStore } = await import('../core/sign/secret-store');
  const { storePaths } = await import('../core/store/paths');
  return EvidenceStore.open({ home, secrets: new FileSecretStore(storePaths(home).keysDir), actor, create });
}

/** ITEMS mlflow.registry snapshots spread over the period, in runs of 100 as a collector writes them. */
async function seed(home: string): Promise<void> {
  const { addSource, finishRun, recordItems, startRun } = await import('../core/store/store-writes');
  const { registryItem } = await import('../test/integration/bundle-helpers');
  const store = await openStore(home, true);
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

/** Export and verify each run in a fresh child process, so that peak RSS and GC belong to that step alone. */
async function exportChild(home: string, out: string): Promise<void> {
  const { exportBundle } = await import('../core/export/export-bundle');
  const { mappings, resources } = await import('../test/helpers/catalog');
  const store = await openStore(home);
  const baselineMb = process.memoryUsage().rss / 1024 / 1024; // node + tsx + every module loaded, before any work
  const t0 = process.hrtime.bigint();
  const r = await exportBundle(store, { ...PERIOD, outDir: out, mappings, resources });
  const exportS = seconds(t0);
  store.close();
  console.log(JSON.stringify({ path: r.path, items: r.items, exportS, rssMb: peakRssMb(), baselineMb, fingerprint: r.keyFingerprint }));
}

async function verifyChild(path: string, fingerprint: string): Promise<void> {
  const { verifyBundle } = await import('../core/verify/verify-bundle');
  const t0 = process.hrtime.bigint();
  const v = await verifyBundle(path, { fingerprint });
  const verifyS = seconds(t0);
  if (!v.ok) throw new Error(`bench bundle did not verify: ${JSON.stringify(v.problems.slice(0, 3))}`);
  console.log(JSON.stringify({ verifyS, rssMb: peakRssMb(), files: v.files, items: v.items }));
}

function inChild<T>(...args: string[]): T {
  const text = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(text.trim().split('\n').pop()!) as T;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'el-export-bench-'));
  try {
    const home = join(dir, 'home');
    const out = join(dir, 'out');
    await seed(home);
    const r = inChild<{ path: string; items: number; exportS: number; rssMb: number; baselineMb: number; fingerprint: string }>(
      '--export-child',
      home,
      out,
    );
    console.log(
      `export: ${r.items.toLocaleString()}-item bundle (report + PDF + proofs + ZIP) in ${fmt(r.exportS)} s (goal ≤ 10 s); ` +
        `peak RSS ${fmt(r.rssMb, 0)} MB (goal ≤ 300 MB), of which ${fmt(r.baselineMb, 0)} MB is the process before the export starts`,
    );

    // Our verify, reading straight from the ZIP, against coreutils + openssl over the same files extracted.
    const v = inChild<{ verifyS: number; rssMb: number; files: number; items: number }>('--verify-child', r.path, r.fingerprint);
    const oursS = v.verifyS;
    const x = join(dir, 'x');
    mkdirSync(x);
    execFileSync('unzip', ['-q', r.path, '-d', x]);
    const sumS = timeCommand('sha256sum', ['--strict', '--quiet', '-c', 'SHA256SUMS'], x);
    const sslS = timeCommand(
      'openssl',
      ['pkeyutl', '-verify', '-pubin', '-inkey', 'signing-key.pub.pem', '-rawin', '-in', 'SHA256SUMS', '-sigfile', 'SHA256SUMS.sig'],
      x,
    );
    const theirs = sumS + sslS;
    console.log(
      `verify: ours ${fmt(oursS)} s (peak RSS ${fmt(v.rssMb, 0)} MB) over ${v.files.toLocaleString()} files from the ZIP (signature, hashes, manifest, ${v.items.toLocaleString()} inclusion proofs); ` +
        `sha256sum -c ${fmt(sumS)} s + openssl ${fmt(sslS)} s = ${fmt(theirs)} s on the extracted files; ratio ours/theirs ${fmt(oursS / theirs)} (goal ≤ 0.5)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--export-child') await exportChild(process.argv[3]!, process.argv[4]!);
if (process.argv[2] === '--verify-child') await verifyChild(process.argv[3]!, process.argv[4]!);
