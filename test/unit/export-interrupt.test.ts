import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { verifyBundle } from '../../core/verify/verify-bundle';
import { holdMidWrite, partialsIn, seedLargeStore, spawnCli } from '../helpers/export-children';
import { tempDir } from '../helpers/temp-store';

// Issue 16 item 11: Ctrl-C during an export left *.zip.partial, .partial.cd and .partial.d behind and said nothing.
const tmp = tempDir('el-interrupt-');
const home = join(tmp.dir, 'home');
let fingerprint: string;
beforeAll(() => void (fingerprint = seedLargeStore(home, 1000)));
afterAll(() => tmp.cleanup());

const LINE =
  /^Error \(CANCELLED\): Interrupted: (?:removed the unfinished (\S+) bundle|no bundle was being written); (?:no finished bundle to keep|(\d+) finished bundles? kept in (\S+): (.+))\.$/m;

describe('an export interrupted by a signal', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} mid-write: the partial files are removed, one line says what was kept, exit ${code}`, async () => {
      const out = join(tmp.dir, signal);
      const run = spawnCli(['--home', home, 'export', '--all', '--from', '2026-01-01', '--to', '2026-12-31', '--out', out]);
      // Held (SIGSTOP) while writing a large bundle's ZIP, the signal is queued, then the export resumes into it.
      const held = await holdMidWrite(run, out, /_CC6\.3_/);
      expect(held.length).toBeGreaterThan(0);
      run.child.kill(signal);
      run.child.kill('SIGCONT');
      const ended = await run.ended;

      expect(ended.code, ended.stderr).toBe(code);
      expect(partialsIn(out)).toEqual([]);
      const line = LINE.exec(ended.stderr);
      expect(line, ended.stderr).not.toBeNull();
      expect(line![1]).toBe('CC6.3');
      const kept = (line![4] ?? '').split(', ').filter(Boolean);
      expect(kept).toHaveLength(Number(line![2] ?? 0));
      // Exactly the bundles it names are left, each with its PDF, and each verifies.
      expect(
        readdirSync(out)
          .filter((n) => n.endsWith('.zip'))
          .sort(),
      ).toEqual([...kept].sort());
      for (const zip of kept) {
        expect(line![3]).toBe(out);
        expect(existsSync(join(out, zip.replace(/\.zip$/, '.pdf')))).toBe(true);
        expect((await verifyBundle(join(out, zip), { fingerprint })).problems).toEqual([]);
      }
    });
  }
});
