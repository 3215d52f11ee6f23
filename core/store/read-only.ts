import { accessSync, chmodSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StorePaths } from './paths';

/**
 * A store that cannot be written must still be readable (status, log, verify-store, backup): an auditor's copy on
 * read-only media, a folder made read-only, a WAL index left unwritable. What SQLite does in each case (tested):
 * - read-only folder with evidence.db-wal/-shm present: a read-only connection reads in place;
 * - read-only folder without them (the normal state after a clean close): SQLite must create them to read a
 *   WAL database and cannot (SQLITE_READONLY_DIRECTORY); without URI filenames (off in better-sqlite3) there is
 *   no `immutable` open, so the database (and WAL, if any) is read from a private copy;
 * - an evidence.db-shm this user cannot write (left 0444 after the database was 0444, or owned by root): a
 *   read-write connection fails every write (SQLITE_READONLY) while a read-only connection still reads.
 */

const SIDECARS = ['-wal', '-shm'] as const;

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK); // also refuses root on a read-only mount or an immutable (chattr +i) file
    return true;
  } catch {
    return false;
  }
}

function describe(path: string): string {
  const st = statSync(path);
  const mine = process.getuid?.() === st.uid;
  return `mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}, owned by ${mine ? 'you' : `uid ${st.uid}`}`;
}

/** Why this process cannot write the store (one plain sentence), or null when it can. Cheap: access(2) only. */
export function writeBlocker(paths: StorePaths): string | null {
  if (!existsSync(paths.database)) return null;
  if (!writable(paths.home)) return `the store folder ${paths.home} is read-only`;
  if (!writable(paths.database)) return `${paths.database} is read-only (${describe(paths.database)})`;
  for (const suffix of SIDECARS) {
    const sidecar = paths.database + suffix;
    if (existsSync(sidecar) && !writable(sidecar)) {
      // The -shm is only an index, rebuilt from the WAL; the WAL may hold committed evidence and is never deleted.
      const fix =
        suffix === '-shm'
          ? 'delete it (SQLite rebuilds it from the WAL) or make it writable again'
          : 'make it writable again (do not delete it: it may hold recorded evidence)';
      return `${sidecar} is not writable (${describe(sidecar)}), and SQLite needs it to write. With no Evidence Locker running, ${fix}`;
    }
  }
  return null;
}

/**
 * A -wal/-shm that is ours but read-only while the database is writable again: SQLite created it with the
 * database's mode at a time that mode was 0444, and every later open fails on it. Giving it the database's mode
 * again is what SQLite would have done; its content is untouched. Someone else's file is left for writeBlocker
 * to explain.
 */
export function repairStaleSidecars(paths: StorePaths): void {
  if (!existsSync(paths.database) || !writable(paths.home) || !writable(paths.database)) return;
  const dbMode = statSync(paths.database).mode & 0o666;
  for (const suffix of SIDECARS) {
    const sidecar = paths.database + suffix;
    if (!existsSync(sidecar) || writable(sidecar) || statSync(sidecar).uid !== process.getuid?.()) continue;
    chmodSync(sidecar, dbMode);
  }
}

/** The database has -wal/-shm beside it (a read-only connection can then read in place). */
export function hasSidecars(paths: StorePaths): boolean {
  return SIDECARS.every((suffix) => existsSync(paths.database + suffix));
}

/** SQLite errors that mean "cannot read this WAL database in place", as opposed to a damaged or missing store. */
export function isReadOnlyOpenFailure(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN'));
}

/**
 * A private (0700) temporary copy of the database and its WAL, for a store SQLite cannot read in place. Nothing
 * can be writing it (no -wal/-shm can be created beside it), so the copy is the store as it is.
 */
export function snapshotCopy(paths: StorePaths): { database: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-locker-read-only-'));
  const database = join(dir, 'evidence.db');
  try {
    copyFileSync(paths.database, database);
    if (existsSync(`${paths.database}-wal`)) copyFileSync(`${paths.database}-wal`, `${database}-wal`);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { database, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
