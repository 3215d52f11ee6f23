import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Root ignores permission bits, and the tests run as root (CI too): cases about read-only folders and files run
 * the CLI as `nobody` through util-linux's setpriv instead, so the permissions bind as they would for any user.
 */
export const NOBODY = 65534;
const REPO = resolve(import.meta.dirname, '../..');
const drop = ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups'];

export const isRoot = process.getuid?.() === 0;

/** True where the CLI can be run as nobody (root with setpriv); tests that need it skip visibly elsewhere. */
export const canDropToNobody = (() => {
  if (process.platform === 'win32' || !isRoot) return false;
  try {
    execFileSync('setpriv', [...drop, 'true']);
    return true;
  } catch {
    return false;
  }
})();

export function runCliAsNobody(args: string[], home: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('setpriv', [...drop, process.execPath, 'bin/evidence-locker.mjs', ...args], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, HOME: home },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
