import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-store';

/**
 * Root ignores permission bits, and the tests run as root: the CLI runs here as `nobody` (setpriv) on a store
 * handed to nobody, so a read-only folder or file binds it as it would bind any user. Skipped where that cannot
 * be done (not root, no setpriv, Windows).
 */
const REPO = resolve(import.meta.dirname, '../..');
const NOBODY = 65534;
const canDropToNobody = (() => {
  if (process.platform === 'win32' || process.getuid?.() !== 0) return false;
  try {
    execFileSync('setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', 'true']);
    return true;
  } catch {
    return false;
  }
})();

let root: ReturnType<typeof tempDir>;
let home: string;
beforeEach(async () => {
  root = tempDir('el-read-only-');
  chmodSync(root.dir, 0o755); // nobody must reach the store inside
  home = join(root.dir, 'home');
  expect((await runCli(['--home', home, 'init'])).code).toBe(0);
  execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, home]);
});
afterEach(() => {
  execFileSync('chmod', ['-R', 'u+rwX', root.dir]);
  root.cleanup();
});

function asNobody(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    'setpriv',
    ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', process.execPath, 'bin/evidence-locker.mjs', '--home', home, ...args],
    {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, HOME: root.dir },
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What SQLite leaves beside a database a read-only connection opened: -wal and -shm with the database's mode. */
function leaveSidecarsAsSqliteDoes(): void {
  const script = `const D = require(${JSON.stringify(join(REPO, 'node_modules/better-sqlite3'))}); const d = new D(${JSON.stringify(join(home, 'evidence.db'))}, { readonly: true }); d.prepare('SELECT count(*) FROM log_entry').get(); d.close();`;
  execFileSync('setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', process.execPath, '-e', script]);
}

describe.skipIf(!canDropToNobody)('a store this user cannot write can still be read (run as nobody via setpriv)', () => {
  it('read-only folder and files: status, log, verify-store, key show, source list and backup work; writes exit 2 saying why', () => {
    for (const f of ['evidence.db', 'checkpoint.txt']) chmodSync(join(home, f), 0o444);
    chmodSync(home, 0o555);
    const before = readdirSync(home).sort();

    const status = asNobody(['status']);
    expect(status.stderr).toBe('');
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/Log entries:\s+2/);
    expect(status.stdout).toMatch(/Read-only:\s+the store folder .*home is read-only\. Reading works; nothing can be recorded/);
    expect(asNobody(['log']).stdout).toMatch(/#1 .* key_created/);
    expect(asNobody(['verify-store'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/Store verified: 2 log entries/) });
    expect(asNobody(['key', 'show'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/BEGIN PUBLIC KEY/) });
    expect(asNobody(['source', 'list']).code).toBe(0);
    expect(asNobody(['items'])).toMatchObject({ code: 0, stderr: '' }); // the app's browsing procedures (items.list)
    const backups = join(root.dir, 'backups');
    mkdirSync(backups);
    chownSync(backups, NOBODY, NOBODY);
    expect(asNobody(['backup', '--to', join(backups, 'b1')]).code).toBe(0);
    expect(asNobody(['--home', join(backups, 'b1'), 'verify-store']).code).toBe(0);

    const write = asNobody(['source', 'add', 'mlflow', '--name', 'x', '--url', 'http://127.0.0.1:1']);
    expect(write.code).toBe(2);
    expect(write.stderr).toMatch(/ENVIRONMENT.*The store cannot be written: the store folder .* is read-only/);
    expect(write.stderr).not.toMatch(/INTERNAL|attempt to write a readonly database/);
    expect(readdirSync(home).sort()).toEqual(before); // nothing created beside the database
  });

  it('a -wal/-shm left 0444 while the database was 0444 no longer blocks every command once permissions are back', () => {
    chmodSync(join(home, 'evidence.db'), 0o444);
    expect(asNobody(['status']).stdout).toMatch(/Read-only:\s+.*evidence\.db is read-only \(mode 0444, owned by you\)/);
    leaveSidecarsAsSqliteDoes();
    expect(existsSync(join(home, 'evidence.db-shm'))).toBe(true);
    chmodSync(join(home, 'evidence.db'), 0o644); // permissions are back; the -shm is still 0444

    const status = asNobody(['status']);
    expect(status.stderr).toBe('');
    expect(status.stdout).not.toMatch(/Read-only/);
    const write = asNobody(['source', 'add', 'mlflow', '--name', 'x', '--url', 'http://127.0.0.1:1']);
    expect(write.stderr).toBe('');
    expect(write.code).toBe(0);
    expect(existsSync(join(home, 'evidence.db-shm'))).toBe(false); // a clean close removed the index again
    expect(asNobody(['verify-store']).code).toBe(0);
  });

  it("someone else's -shm: reads work and say why writes cannot; a write explains what to do", () => {
    leaveSidecarsAsSqliteDoes();
    chownSync(join(home, 'evidence.db-shm'), 0, 0);
    chmodSync(join(home, 'evidence.db-shm'), 0o644);
    const status = asNobody(['status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/Read-only:\s+.*evidence\.db-shm is not writable \(mode 0644, owned by uid 0\)/);
    expect(asNobody(['verify-store']).code).toBe(0);
    const write = asNobody(['source', 'add', 'mlflow', '--name', 'x', '--url', 'http://127.0.0.1:1']);
    expect(write.code).toBe(2);
    expect(write.stderr).toMatch(/evidence\.db-shm is not writable .* delete it \(SQLite rebuilds it from the WAL\)/);
  });

  it('tests really bind: the store handed to nobody is writable by nobody before any change', () => {
    expect(asNobody(['source', 'add', 'mlflow', '--name', 'x', '--url', 'http://127.0.0.1:1']).code).toBe(0);
  });
});
