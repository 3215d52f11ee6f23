import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createCore } from '../../core/api';
import { verifyBundle } from '../../core/verify/verify-bundle';
import { tempDir } from '../helpers/temp-store';
import { recordCounts } from './counts';
import { batchFamily } from './fixtures/batch-family';
import { killLoop } from './kill-loop';

// Issue 14: SIGKILL key rotation (key.rotate in a child: new key kept, rotation logged and signed by both, checkpoint).
const KILLS = 40;
const families = [batchFamily];
const tmp = tempDir('el-fault-rotate-');
const home = join(tmp.dir, 'store');

interface Keys {
  active: { fingerprint: string };
  keys: { fingerprint: string; retiredAt: string | null }[];
}

async function call<T>(name: string, input: unknown = {}): Promise<T> {
  const core = createCore({ home, families });
  try {
    const r = await core.callUntyped(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
    return r.value as T;
  } finally {
    core.close();
  }
}

beforeAll(async () => {
  await call('store.init');
  await call('source.add', { type: 'batch', name: 'team', config: { team: 'ml', batches: 3 } });
  await call('collect.run', { source: 'team' });
});
afterAll(() => tmp.cleanup());

describe('SIGKILL during key rotation', () => {
  it(`${KILLS} kills mid-rotation: one active key, every reported rotation kept, signing works with the active key`, async () => {
    const reportedKeys: string[] = [];
    const r = await killLoop({
      name: 'kill rotate',
      mode: 'rotate',
      home,
      families,
      rounds: KILLS,
      maxDelayMs: 400,
      afterRound: async (round) => {
        reportedKeys.push(...round.lines.filter((l) => l.startsWith('key ')).map((l) => l.slice(4)));
        const k = await call<Keys>('key.show');
        const problems: string[] = [];
        const active = k.keys.filter((x) => x.retiredAt === null);
        if (active.length !== 1) problems.push(`${active.length} active keys`);
        const known = new Set(k.keys.map((x) => x.fingerprint));
        const missing = reportedKeys.filter((f) => !known.has(f));
        if (missing.length) problems.push(`reported rotations lost: ${missing.join(', ')}`);
        // The active key is the last one reported, or one the child committed but was killed before printing.
        const last = reportedKeys.at(-1);
        if (last && k.active.fingerprint !== last && reportedKeys.includes(k.active.fingerprint))
          problems.push(`active key ${k.active.fingerprint} is older than the last reported ${last}`);
        return problems;
      },
    });
    expect(r.failures).toEqual([]);
    expect(r.kills).toBe(KILLS);
    expect(reportedKeys.length).toBeGreaterThan(KILLS);

    // After every kill the store still signs: a rotation, a collection (checkpoint) and a bundle that verifies.
    const rotated = await call<{ newFingerprint: string }>('key.rotate');
    const run = await call<{ status: string }[]>('collect.run', { source: 'team' });
    const bundle = await call<{ bundles: { path: string }[] }>('export.bundle', {
      criterion: 'CC6.2',
      from: '2020-01-01',
      to: '2040-12-31',
      out: join(tmp.dir, 'out'),
    });
    const v = await verifyBundle(bundle.bundles[0]!.path, { fingerprint: rotated.newFingerprint });
    recordCounts('kill rotate: signing after', { trials: 1, corrupt: v.ok ? 0 : 1 });
    expect(run[0]!.status).toBe('complete');
    expect(v.problems).toEqual([]);
    expect(v.fingerprintMatched).toBe(true);
  }, 900_000);
});
