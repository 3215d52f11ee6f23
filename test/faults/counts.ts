/**
 * The fault suite's counters (`npm run test:faults`; config: vitest.faults.config.ts, global setup: ./setup.ts).
 *
 * API for every test in test/faults/:
 *   recordCounts(name, { trials?, faults?, kills?, lost?, corrupt?, leaks? })
 *       Appends one JSON line to this run's file, test-results/faults/counts-<pid>.jsonl (vitest runs each file in
 *       its own worker, so the counts meet in a file; one file per run, so runs side by side do not mix). Call it once per test (or per loop iteration) with what that test did:
 *         trials  — scenarios run (a kill-and-check round, one hostile request, one proxy fault …)
 *         faults  — faults injected (a SIGKILL, a 429, a disk-full write, a planted canary …)
 *         kills   — SIGKILLs delivered to a child (also counted in faults); the full suite needs ≥ 200
 *         lost    — items the child reported committed that are missing or changed afterwards
 *         corrupt — stores that fail to open or whose verify-store finds problems
 *         leaks   — canary secrets found where they must not be (bytes, ZIP entries inflated, responses …)
 *       Record lost/corrupt/leaks BEFORE asserting on them, so the counts line shows them even when a test fails.
 *   faultRng(name)  — a seeded PRNG in [0, 1) for that name; the run's seed is printed at start and in the counts
 *       line; replay with `EL_FAULT_SEED=<seed> npm run test:faults`.
 *   faultSeed()     — the run's seed (number).
 *
 * The global teardown sums the lines, prints ONE line
 *   `faults: trials N, faults injected N, kills N, items lost 0, corrupt stores 0, leaks 0 (seed S)`
 * and fails the run when lost/corrupt/leaks > 0, or when fewer than 200 kills were delivered in a full run (a run
 * filtered to some files or tests only prints the line). Single file:
 *   npx vitest run -c vitest.faults.config.ts test/faults/<file>.test.ts
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inject } from 'vitest';

export interface FaultCounts {
  trials: number;
  faults: number;
  kills: number;
  lost: number;
  corrupt: number;
  leaks: number;
}

export const COUNT_KEYS = ['trials', 'faults', 'kills', 'lost', 'corrupt', 'leaks'] as const;
export const COUNTS_DIR = join(import.meta.dirname, '..', '..', 'test-results', 'faults');

declare module 'vitest' {
  export interface ProvidedContext {
    faultSeed: number;
    faultCountsFile: string;
    /** children/worker.ts bundled once per run (worker-bundle.ts), for the kill tests' child processes. */
    faultWorker: string;
  }
}

export function recordCounts(name: string, counts: Partial<FaultCounts>): void {
  const file = inject('faultCountsFile');
  mkdirSync(dirname(file), { recursive: true });
  // One short write with O_APPEND per call: lines from parallel workers do not interleave.
  appendFileSync(file, `${JSON.stringify({ name, ...counts })}\n`);
}

export function faultSeed(): number {
  return inject('faultSeed');
}

/** mulberry32 over the run's seed mixed with `name`: each test has its own reproducible stream. */
export function faultRng(name: string): () => number {
  let h = faultSeed() >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x9e3779b1) >>> 0;
  let a = h;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
