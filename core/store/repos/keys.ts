import type { Db } from '../database';
import { stmt } from '../statements';

export interface KeyRow {
  fingerprint: string;
  public_key: Buffer;
  created_at: string;
  retired_at: string | null;
  log_idx: number;
}

export function insertKey(db: Db, fingerprint: string, publicKey: Buffer, createdAt: string, logIdx: number): void {
  stmt(db, 'INSERT INTO signing_key (fingerprint, public_key, created_at, log_idx) VALUES (?, ?, ?, ?)').run(
    fingerprint,
    publicKey,
    createdAt,
    logIdx,
  );
}

export function retireKey(db: Db, fingerprint: string, at: string): void {
  stmt(db, 'UPDATE signing_key SET retired_at = ? WHERE fingerprint = ?').run(at, fingerprint);
}

export function activeKey(db: Db): KeyRow | undefined {
  return stmt(db, 'SELECT * FROM signing_key WHERE retired_at IS NULL ORDER BY created_at DESC, rowid DESC LIMIT 1').get() as KeyRow | undefined;
}

export function allKeys(db: Db): KeyRow[] {
  return stmt(db, 'SELECT * FROM signing_key ORDER BY rowid').all() as KeyRow[];
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = stmt(db, 'SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  stmt(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
