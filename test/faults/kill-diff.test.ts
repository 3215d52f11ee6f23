import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../core/api';
import { tempDir } from '../helpers/temp-store';
import { batchFamily } from './fixtures/batch-family';
import { collectAfterKills, killLoop } from './kill-loop';

// Issue 14: SIGKILL a real core (a child process) at seeded random points while it diffs (diff.run records <kind>.diff items).
const DIFF_KILLS = 45;
const families = [batchFamily];
const tmp = tempDir('el-fault-diff-');
const home = tmp.dir;

beforeAll(async () => {
  const core = createCore({ home, families });
  try {
    for (const [name, input] of [
      ['store.init', {}],
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

describe('SIGKILL during diff (batch collector, no server)', () => {
  it(`${DIFF_KILLS} kills mid-diff (diff.run between earlier snapshots and the newest): nothing reported is lost, the store verifies`, async () => {
    const r = await killLoop({ name: 'kill diff', mode: 'diff', home, families, rounds: DIFF_KILLS, maxDelayMs: 500 });
    expect(r.failures).toEqual([]);
    expect(r.kills).toBe(DIFF_KILLS);
    const diffs = r.rounds.flatMap((x) => x.lines).filter((l) => l.startsWith('item '));
    expect(diffs.length).toBeGreaterThan(DIFF_KILLS);
    const after = await collectAfterKills(home, families, 'small');
    expect(after.run).toMatchObject({ ok: true, value: [{ status: 'complete' }] });
    expect(after.verify).toMatchObject({ ok: true, value: { ok: true } });
  }, 900_000);
});
