import { createCore } from '../../core/api';
import type { SourceFamily } from '../../core/families/types';
import { spawnCli } from '../helpers/export-children';
import { faultRng, recordCounts } from './counts';
import { committedItems, runAndKill, type KilledChild } from './kill-child';
import { checkStore } from './store-check';

export interface KillLoopResult {
  kills: number;
  /** Rounds whose kill left a run `running` (then recovered as interrupted). */
  interruptedRounds: number;
  reported: Map<number, string>;
  failures: string[];
  rounds: KilledChild[];
}

/**
 * `rounds` times: start the worker in `mode`, SIGKILL it at a seeded random delay after `ready`, then check the
 * store (checkStore) against everything every child so far reported committed. Counts are recorded per round
 * (before any assertion); failures are collected so the whole loop runs and the counts line stays complete.
 * `afterRound` adds checks of its own (export leftovers, keys) and returns failure messages.
 */
export async function killLoop(opts: {
  name: string;
  mode: string;
  home: string;
  families: readonly SourceFamily[];
  rounds: number;
  maxDelayMs: number;
  arg?: string;
  env?: NodeJS.ProcessEnv;
  /** Line prefixes the kill delay may start from, one picked per round (default: `ready`). */
  arms?: string[];
  afterRound?: (round: KilledChild, index: number) => Promise<string[]> | string[];
}): Promise<KillLoopResult> {
  const rng = faultRng(opts.name);
  const result: KillLoopResult = { kills: 0, interruptedRounds: 0, reported: new Map(), failures: [], rounds: [] };
  for (let i = 0; i < opts.rounds; i++) {
    const arms = opts.arms ?? ['ready'];
    const armOn = arms[Math.floor(rng() * arms.length)]!;
    const delay = Math.floor(rng() * opts.maxDelayMs);
    const round = await runAndKill(opts.mode, opts.home, delay, { arg: opts.arg, env: opts.env, armOn });
    result.rounds.push(round);
    for (const [seq, sha] of committedItems(round.lines)) result.reported.set(seq, sha);
    const check = await checkStore(opts.home, opts.families, result.reported);
    const extra = (await opts.afterRound?.(round, i)) ?? [];
    if (round.killed) result.kills += 1;
    if (check.interrupted.length) result.interruptedRounds += 1;
    recordCounts(`${opts.name} #${i + 1}`, {
      trials: 1,
      faults: round.killed ? 1 : 0,
      kills: round.killed ? 1 : 0,
      lost: check.lost.length,
      corrupt: check.corrupt.length ? 1 : 0,
    });
    const where = `${opts.name} round ${i + 1} (kill ${delay} ms after '${armOn}')`;
    if (!round.killed) result.failures.push(`${where}: the child ended on its own: ${round.stderr.slice(-1000)}`);
    for (const p of [...check.corrupt, ...check.lost, ...check.runProblems, ...extra]) result.failures.push(`${where}: ${p}`);
  }
  return result;
}

/** The next run after all the kills, through the same core: it completes and the store still verifies. */
export async function collectAfterKills(home: string, families: readonly SourceFamily[], source: string, env: NodeJS.ProcessEnv = process.env) {
  const core = createCore({ home, families, env });
  try {
    const run = await core.callUntyped('collect.run', { source });
    const verify = await core.callUntyped('store.verify', {});
    return { run, verify };
  } finally {
    core.close();
  }
}

/** `evidence-locker verify-store` as its own process, as a user or cron runs it after a crash. */
export async function verifyStoreCli(home: string) {
  return spawnCli(['--home', home, 'verify-store']).ended;
}
