import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-store';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function dir(): string {
  const d = tempDir('el-backup-modes-');
  cleanups.push(d.cleanup);
  return d.dir;
}
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** Every file and folder under `root` (itself included) with its permission bits, as octal text. */
function modes(root: string): Record<string, string> {
  const out: Record<string, string> = { '.': mode(root) };
  for (const entry of readdirSync(root, { recursive: true }) as string[]) out[entry] = mode(join(root, entry));
  return out;
}

describe.skipIf(process.platform === 'win32')('backup: as private as the store (0700 folders, 0600 files)', () => {
  it('a new backup folder: evidence.db, checkpoint.txt and public-keys/ are readable by the owner only', async () => {
    const home = dir();
    expect((await runCli(['--home', home, 'init'])).code).toBe(0);
    expect(mode(home)).toBe('700');
    const previous = process.umask(0o022); // the usual umask, under which the store's own folder is still 0700
    try {
      const target = join(dir(), 'nested', 'backup');
      const r = await runCli(['--home', home, 'backup', '--to', target]);
      expect(r.code).toBe(0);
      const found = modes(target);
      expect(Object.keys(found).sort()).toEqual([
        '.',
        'checkpoint.txt',
        'evidence.db',
        'public-keys',
        expect.stringMatching(/^public-keys\/[0-9a-f]{64}\.pub\.pem$/),
      ]);
      for (const [path, bits] of Object.entries(found))
        expect(`${path} ${bits}`).toBe(`${path} ${path === '.' || path === 'public-keys' ? '700' : '600'}`);
      expect(mode(join(target, '..'))).toBe('700'); // a folder the backup created on the way
      expect((await runCli(['--home', target, 'verify-store'])).code).toBe(0);
    } finally {
      process.umask(previous);
    }
  });

  it('an existing empty target folder is made private too', async () => {
    const home = dir();
    await runCli(['--home', home, 'init']);
    const target = join(dir(), 'b');
    mkdirSync(target, { mode: 0o755 });
    expect((await runCli(['--home', home, 'backup', '--to', target])).code).toBe(0);
    expect(mode(target)).toBe('700');
    expect(mode(join(target, 'evidence.db'))).toBe('600');
  });
});
