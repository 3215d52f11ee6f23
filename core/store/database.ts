import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { AppError } from '../util/errors';
import { sha256Hex } from '../util/canonical';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Create the file when absent. "New install" is decided by the file being absent, never by "no tables". */
  create: boolean;
  readonly?: boolean;
}

export function openDatabase(path: string, opts: OpenOptions): Db {
  const isNew = !existsSync(path);
  if (isNew && !opts.create) {
    throw new AppError('NOT_INITIALIZED', `No evidence store at ${path}. Run \`evidence-locker init\` first.`);
  }
  const db = new Database(path, { timeout: 5000, readonly: opts.readonly ?? false });
  try {
    applyPragmas(db, opts.readonly ?? false);
    if (!opts.readonly) migrate(db, isNew);
    else checkVersion(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function applyPragmas(db: Db, readonly: boolean): void {
  if (!readonly) db.pragma('journal_mode = WAL');
  // better-sqlite3 is built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1 (NORMAL): set FULL on every open.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  if (process.platform === 'darwin') {
    db.pragma('fullfsync = ON');
    db.pragma('checkpoint_fullfsync = ON');
  }
  const mode = String(db.pragma('journal_mode', { simple: true }));
  const sync = Number(db.pragma('synchronous', { simple: true }));
  if (!readonly && mode !== 'wal') throw new AppError('ENVIRONMENT', `Could not put the store in WAL mode (got ${mode}).`);
  if (sync !== 2) throw new AppError('ENVIRONMENT', `Could not set synchronous=FULL (got ${sync}).`);
}

function checkVersion(db: Db): number {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > LATEST_SCHEMA_VERSION) {
    throw new AppError(
      'STORE_FROM_FUTURE',
      `This store was written by a newer Evidence Locker (schema ${version}; this app knows up to ${LATEST_SCHEMA_VERSION}). ` +
        'Upgrade the app; the store was not touched.',
    );
  }
  return version;
}

/** The store's schema is older than this app's: a writable open would migrate it. */
export function needsMigration(db: Db): boolean {
  return Number(db.pragma('user_version', { simple: true })) < LATEST_SCHEMA_VERSION;
}

/** All pending migrations in one transaction; user_version moves only if all of them apply. */
export function migrate(db: Db, isNew: boolean): void {
  const run = db.transaction(() => {
    const version = checkVersion(db);
    if (version === 0 && !isNew) {
      const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type='table'").get() as { n: number };
      if (tables.n > 0) throw new AppError('INTEGRITY', 'The store has tables but no schema version; refusing to touch it.');
    }
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL) STRICT`);
    const applied = db.prepare('SELECT version, name, sha256 FROM schema_migration ORDER BY version').all() as {
      version: number;
      name: string;
      sha256: string;
    }[];
    for (const row of applied) {
      const known = MIGRATIONS[row.version - 1];
      if (known && sha256Hex(known.sql) !== row.sha256) {
        throw new AppError('INTEGRITY', `Migration ${row.version} (${row.name}) differs from the one applied to this store.`);
      }
    }
    for (const m of MIGRATIONS) {
      if (m.version <= version) continue;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migration (version, name, sha256) VALUES (?, ?, ?)').run(m.version, m.name, sha256Hex(m.sql));
      db.pragma(`user_version = ${m.version}`);
    }
  });
  run.immediate();
}
