import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvidenceStore } from '../core/store/evidence-store';
import { median, record } from './results';
import { fmt, peakRssMb, seconds, timeCommand } from './util';

// Modules are imported where they are used, so the verify child loads only the verifier (its RSS is its own).

const ITEMS = Number(process.env.BENCH_EXPORT_ITEMS ?? 10_000);
/** Verify's memory is measured on a small bundle too: it must not grow with the item count. */
const SMALL_ITEMS = Math.min(1000, ITEMS);
const ROUNDS = 3; // ours, unzip + sha256sum + openssl, and sha256sum + openssl alternate; medians
const PERIOD = { criterion: 'CC8.1', from: '2026-01-01', to: '2026-06-30', org: 'Bench' };
const actor = { osUser: 'bench', host: 'bench' };

async function openStore(home: string, create = false): Promise<EvidenceStore> {
  const { EvidenceStore } = await import('../core/store/evidence-store');
  const { FileSecretStore } = await import('../core/sign/secret-store');
  const { storePaths } = await import('../core/store/paths');
  return EvidenceStore.open({ home, secrets: new FileSecretStore(storePaths(home).keysDir), actor, create });
}

/** `items` mlflow.registry snapshots spread over the period, in runs of 100 as a collector writes them. */
async function seed(home: string, items: number): Promise<void> {
  const { addSource, finishRun, recordItems, startRun } = await import('../core/store/store-writes');
  const { registryItem } = await import('../test/integration/bundle-helpers');
  const store = await openStore(home, true);
  store.initialize();
  const sourceId = addSource(store, 'mlflow', 'bench', { url: 'http://127.0.0.1:5000' });
  const days = 180;
  for (let done = 0; done < items; done += 100) {
    const runId = startRun(store, sourceId);
    const batch = Array.from({ length: Math.min(100, items - done) }, (_, i) => {
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
  const baselineMb = process.memoryUsage().rss / 1024 / 1024; // node + tsx + the verifier loaded, before any work
  const t0 = process.hrtime.bigint();
  const v = await verifyBundle(path, { fingerprint });
  const verifyS = seconds(t0);
  if (!v.ok) throw new Error(`bench bundle did not verify: ${JSON.stringify(v.problems.slice(0, 3))}`);
  console.log(JSON.stringify({ verifyS, rssMb: peakRssMb(), baselineMb, files: v.files, items: v.items }));
}

function inChild<T>(...args: string[]): T {
  const text = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(text.trim().split('\n').pop()!) as T;
}

interface Exported {
  path: string;
  items: number;
  exportS: number;
  rssMb: number;
  baselineMb: number;
  fingerprint: string;
}
interface Verified {
  verifyS: number;
  rssMb: number;
  baselineMb: number;
  files: number;
  items: number;
}

/** A store of `items` items exported in a child process. */
async function exported(dir: string, items: number): Promise<Exported> {
  const home = join(dir, `home-${items}`);
  await seed(home, items);
  return inChild<Exported>('--export-child', home, join(dir, `out-${items}`));
}

/** The auditor's manual path (integrity.md §6): unzip, then sha256sum -c and openssl pkeyutl on the files. */
function manualCheck(zip: string, dir: string): { unzipS: number; sumS: number; sslS: number } {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const unzipS = timeCommand('unzip', ['-q', zip, '-d', dir]);
  const sumS = timeCommand('sha256sum', ['--strict', '--quiet', '-c', 'SHA256SUMS'], dir);
  const sslS = timeCommand(
    'openssl',
    ['pkeyutl', '-verify', '-pubin', '-inkey', 'signing-key.pub.pem', '-rawin', '-in', 'SHA256SUMS', '-sigfile', 'SHA256SUMS.sig'],
    dir,
  );
  return { unzipS, sumS, sslS };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'el-export-bench-'));
  try {
    const r = await exported(dir, ITEMS);
    console.log(
      `export: ${r.items.toLocaleString()}-item bundle (report + PDF + proofs + ZIP) in ${fmt(r.exportS)} s; ` +
        `peak RSS ${fmt(r.rssMb, 0)} MB, of which ${fmt(r.baselineMb, 0)} MB is the process before the export starts`,
    );
    record({ id: 'export.time', what: `export a ${r.items.toLocaleString()}-item bundle`, value: r.exportS, unit: 's', baseline: null, goal: null });
    record({
      id: 'export.rss',
      what: `export a ${r.items.toLocaleString()}-item bundle: peak RSS of the child process`,
      value: r.rssMb,
      unit: 'MB',
      baseline: { what: 'the same process before the export starts (node, tsx, modules)', value: r.baselineMb },
      goal: null,
    });

    // Our verify (in its own process, reading straight from the ZIP) against the auditor's manual path, alternating.
    const runs: { ours: number; rssMb: number; manual: ReturnType<typeof manualCheck> }[] = [];
    let v: Verified | null = null;
    for (let round = 0; round < ROUNDS; round++) {
      v = inChild<Verified>('--verify-child', r.path, r.fingerprint);
      runs.push({ ours: v.verifyS, rssMb: v.rssMb, manual: manualCheck(r.path, join(dir, 'x')) });
    }
    const ours = median(runs.map((x) => x.ours));
    const withUnzip = median(runs.map((x) => x.manual.unzipS + x.manual.sumS + x.manual.sslS));
    const extracted = median(runs.map((x) => x.manual.sumS + x.manual.sslS));
    const what = `verify BUNDLE.zip, ${v!.items.toLocaleString()} items (${v!.files.toLocaleString()} files: signature, hashes, manifest, inclusion proofs), in-process time`;
    const a = record({
      id: 'verify.bundle.vs-unzip',
      what,
      value: ours,
      unit: 's',
      baseline: { what: "unzip -q + sha256sum --strict -c + openssl pkeyutl -verify (the auditor's manual path)", value: withUnzip },
      goal: 1,
      runs: runs.map((x) => ({ value: x.ours, baseline: x.manual.unzipS + x.manual.sumS + x.manual.sslS })),
      note: `median of ${ROUNDS}, alternating; unzip ${runs.map((x) => fmt(x.manual.unzipS)).join('/')} s`,
    });
    const b = record({
      id: 'verify.bundle.vs-extracted',
      what,
      value: ours,
      unit: 's',
      baseline: { what: 'sha256sum --strict -c + openssl pkeyutl -verify on already-extracted files', value: extracted },
      goal: null,
      runs: runs.map((x) => ({ value: x.ours, baseline: x.manual.sumS + x.manual.sslS })),
      note: 'context: our verify also reads the ZIP and checks the manifest and every inclusion proof; no goal',
    });
    console.log(
      `verify: ours ${fmt(ours)} s over ${v!.files.toLocaleString()} files from the ZIP; unzip + sha256sum -c + openssl ${fmt(withUnzip)} s → ratio ${fmt(a.ratio!)} (goal < 1); ` +
        `sha256sum -c + openssl on extracted files ${fmt(extracted)} s → ratio ${fmt(b.ratio!)} (context) (medians of ${ROUNDS}, alternating)`,
    );

    // Memory: the same verify on a bundle with a tenth of the items, each in a fresh process.
    const small = await exported(dir, SMALL_ITEMS);
    const vs = inChild<Verified>('--verify-child', small.path, small.fingerprint);
    const big = median(runs.map((x) => x.rssMb));
    const m = record({
      id: 'verify.bundle.rss',
      what: `verify BUNDLE.zip: peak RSS of the child process at ${v!.items.toLocaleString()} items`,
      value: big,
      unit: 'MB',
      baseline: { what: `the same at ${vs.items.toLocaleString()} items`, value: vs.rssMb },
      goal: 1.25,
      note: `both include ~${fmt(vs.baselineMb, 0)} MB of node + tsx + modules before any work`,
    });
    console.log(
      `verify peak RSS (child process): ${fmt(vs.rssMb, 0)} MB at ${vs.items.toLocaleString()} items, ${fmt(big, 0)} MB at ${v!.items.toLocaleString()} → ratio ${fmt(m.ratio!)} (goal ≤ 1.25); ` +
        `${fmt(vs.baselineMb, 0)} MB of it is node + tsx + modules`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--export-child') await exportChild(process.argv[3]!, process.argv[4]!);
if (process.argv[2] === '--verify-child') await verifyChild(process.argv[3]!, process.argv[4]!);
