import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../core/api';
import { tempDir } from '../helpers/temp-store';
import { batchFamily } from './fixtures/batch-family';
import { collectAfterKills, killLoop, verifyStoreCli } from './kill-loop';

// Issue 14: SIGKILL a real core (a child process) at seeded random points while it collects (diffs: kill-diff.test.ts).
const COLLECT_KILLS = 70;
const families = [batchFamily];
const tmp = tempDir('el-fault-collect-');
const home = tmp.dir;

beforeAll(async () => {
  const core = createCore({ home, families });
  try {
    for (const [name, input] of [
      ['store.init', {}],
      ['source.add', { type: 'batch', name: 'team', config: { team: 'ml', batches: 12 } }],
      ['source.add', { type: 'batch', name: 'small', config: { team: 'risk', batches: 1, bytes: 50 } }],
      ['collect.run', { source: 'small' }],
      ['collect.run', { source: 'small' }],
    ] as const) {
      const r = await core.callUntyped(name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    }
  } finally {
    core.close();
  }
});
afterAll(() => tmp.cleanup());

describe('SIGKILL during collection (batch collector, no server)', () => {
  it(`${COLLECT_KILLS} kills mid-collection: store verifies, no committed item lost, killed runs shown as interrupted, the next run completes`, async () => {
    const r = await killLoop({ name: 'kill collect', mode: 'collect', home, families, rounds: COLLECT_KILLS, maxDelayMs: 700 });
    expect(r.failures).toEqual([]);
    expect(r.kills).toBe(COLLECT_KILLS);
    expect(r.reported.size).toBeGreaterThan(COLLECT_KILLS); // the children really committed between kills
    expect(r.interruptedRounds).toBeGreaterThan(COLLECT_KILLS / 4); // and many kills landed inside a run
    const after = await collectAfterKills(home, families, 'team');
    expect(after.run).toMatchObject({ ok: true, value: [{ source: 'team', status: 'complete' }] });
    expect(after.verify).toMatchObject({ ok: true, value: { ok: true, problems: [] } });
    const cli = await verifyStoreCli(home);
    expect(cli.code, cli.stderr).toBe(0);
  }, 900_000);
});
