import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { COUNT_KEYS, COUNTS_DIR, type FaultCounts } from './counts';
import { bundleWorker, workerBundlePath } from './worker-bundle';

/** The full suite must deliver at least this many SIGKILLs (issue 14). */
export const MIN_KILLS = 200;
/** Whole-suite bound: past this the run is stopped, so CI never hangs on a wedged child or server. */
const SUITE_LIMIT_MS = Number(process.env.EL_FAULTS_LIMIT_S ?? 1500) * 1000;

/** A run given file names or a -t filter is a partial run: it prints the counts but cannot reach MIN_KILLS. */
const filtered = () => process.argv.slice(2).some((a) => a === '-t' || a.startsWith('--testNamePattern') || /\.test\.ts$|^test\/faults\/./.test(a));

export function sumCounts(text: string): FaultCounts {
  const total: FaultCounts = { trials: 0, faults: 0, kills: 0, lost: 0, corrupt: 0, leaks: 0 };
  for (const line of text.split('\n').filter(Boolean)) {
    const row = JSON.parse(line) as Partial<FaultCounts>;
    for (const k of COUNT_KEYS) total[k] += Number(row[k] ?? 0);
  }
  return total;
}

export default async function setup(project: TestProject) {
  const seed = process.env.EL_FAULT_SEED ? Number(process.env.EL_FAULT_SEED) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isSafeInteger(seed)) throw new Error(`EL_FAULT_SEED must be an integer, got ${process.env.EL_FAULT_SEED}`);
  const countsFile = join(COUNTS_DIR, `counts-${process.pid}.jsonl`);
  project.provide('faultSeed', seed);
  project.provide('faultCountsFile', countsFile);
  const worker = workerBundlePath(process.pid);
  await bundleWorker(worker);
  project.provide('faultWorker', worker);
  rmSync(countsFile, { force: true });
  mkdirSync(COUNTS_DIR, { recursive: true });
  console.log(`faults: seed ${seed} (replay: EL_FAULT_SEED=${seed} npm run test:faults)`);
  const started = Date.now();
  const watchdog = setTimeout(() => {
    console.error(`faults: the suite ran past ${SUITE_LIMIT_MS / 1000} s and was stopped (seed ${seed})`);
    process.exit(1);
  }, SUITE_LIMIT_MS);
  watchdog.unref();

  return () => {
    clearTimeout(watchdog);
    rmSync(worker, { force: true });
    const c = sumCounts(existsSync(countsFile) ? readFileSync(countsFile, 'utf8') : '');
    const secs = Math.round((Date.now() - started) / 1000);
    console.log(
      `faults: trials ${c.trials}, faults injected ${c.faults}, kills ${c.kills}, items lost ${c.lost}, corrupt stores ${c.corrupt}, leaks ${c.leaks} (seed ${seed}, ${secs} s)`,
    );
    const bad: string[] = [];
    if (c.lost || c.corrupt || c.leaks) bad.push(`${c.lost} lost, ${c.corrupt} corrupt, ${c.leaks} leaks`);
    if (c.kills < MIN_KILLS) {
      if (filtered()) console.log(`faults: filtered run, the minimum of ${MIN_KILLS} kills is not enforced`);
      else bad.push(`only ${c.kills} kills (the suite must deliver at least ${MIN_KILLS})`);
    }
    if (bad.length) {
      // A throw here is only logged by vitest ("error during close") and the run still exits 0.
      console.error(`faults: FAILED: ${bad.join('; ')}`);
      process.exitCode = 1;
    }
  };
}
