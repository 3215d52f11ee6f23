import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { verifyBundle } from '../../core/verify/verify-bundle';
import { holdMidWrite, partialsIn, seedLargeStore, spawnCli } from '../helpers/export-children';
import { tempDir } from '../helpers/temp-store';

// Issue 16 item 10: a second export into the same folder used to delete the first one's live staging files
// (ENOENT … .zip.partial.d/proofs.json, INTERNAL). Two real CLI processes; the first is held mid-write with SIGSTOP.
const tmp = tempDir('el-concurrent-');
const home = join(tmp.dir, 'home');
const out = join(tmp.dir, 'out');
let fingerprint: string;
beforeAll(() => void (fingerprint = seedLargeStore(home, 1000)));
afterAll(() => tmp.cleanup());

const period = ['--from', '2026-01-01', '--to', '2026-12-31', '--out', out];

describe('two exports into the same --out', () => {
  it("the second export's cleanup leaves the first one's live partial files alone; both succeed and verify", async () => {
    const first = spawnCli(['--home', home, 'export', '--all', ...period]);
    const held = await holdMidWrite(first, out, /_CC6\.3_/);
    try {
      expect(held.some((n) => n.endsWith('.zip.partial.d'))).toBe(true);
      const second = await spawnCli(['--home', home, 'export', '--criterion', 'CC8.1', ...period]).ended;
      expect(second.code, second.stderr).toBe(0);
      // Still there after the second export cleaned up the folder: the first export is alive, they are its own.
      expect(held.filter((n) => !existsSync(join(out, n)))).toEqual([]);
    } finally {
      first.child.kill('SIGCONT');
    }
    const done = await first.ended;
    expect(done.code, done.stderr).toBe(0);
    expect(partialsIn(out)).toEqual([]);
    const zips = readdirSync(out).filter((n) => n.endsWith('.zip'));
    expect(zips.filter((n) => n.includes('_CC8.1_'))).toHaveLength(2);
    for (const zip of zips) expect((await verifyBundle(join(out, zip), { fingerprint })).problems, zip).toEqual([]);
  });
});
