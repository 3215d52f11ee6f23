import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../core/store/database';
import { LATEST_SCHEMA_VERSION } from '../../core/store/migrations';
import { sha256Hex } from '../../core/util/canonical';
import { tempDir } from '../helpers/temp-store';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function dbPath(): string {
  const d = tempDir();
  cleanups.push(d.cleanup);
  return join(d.dir, 'evidence.db');
}

describe('migrations', () => {
  it('creates a new store at the latest version, with every migration recorded by hash', () => {
    const path = dbPath();
    const db = openDatabase(path, { create: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const rows = db.prepare('SELECT version, sha256 FROM schema_migration').all() as { version: number; sha256: string }[];
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1));
    db.close();
    // Reopening applies nothing new and keeps the data.
    const again = openDatabase(path, { create: false });
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    again.close();
  });

  it('decides "new install" by the file being absent, never by "no tables"', () => {
    const path = dbPath();
    expect(() => openDatabase(path, { create: false })).toThrow(/No evidence store/);
    writeFileSync(path, ''); // an existing empty file is an existing store, not a new one… and an empty SQLite file is valid
    const db = openDatabase(path, { create: false });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
    const foreign = dbPath();
    const raw = new Database(foreign);
    raw.exec('CREATE TABLE something_else (x)');
    raw.close();
    expect(() => openDatabase(foreign, { create: false })).toThrow(/no schema version/);
  });

  it('refuses a database from the future without touching it', () => {
    const path = dbPath();
    openDatabase(path, { create: true }).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = sha256Hex(readFileSync(path));
    expect(() => openDatabase(path, { create: false })).toThrow(expect.objectContaining({ code: 'STORE_FROM_FUTURE' }));
    expect(sha256Hex(readFileSync(path))).toBe(before);
  });

  it('refuses a store whose applied migration differs from the shipped one', () => {
    const path = dbPath();
    openDatabase(path, { create: true }).close();
    const raw = new Database(path);
    raw.prepare("UPDATE schema_migration SET sha256 = 'edited' WHERE version = 1").run();
    raw.close();
    expect(() => openDatabase(path, { create: false })).toThrow(/differs from the one applied/);
  });
});
