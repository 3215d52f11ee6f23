import type { Db } from '../database';
import { stmt } from '../statements';

export interface CheckpointRow {
  size: number;
  root: Buffer;
  note: string;
  key_fingerprint: string;
  created_at: string;
}

export function insertCheckpoint(db: Db, row: CheckpointRow): void {
  stmt(db, 'INSERT INTO checkpoint (size, root, note, key_fingerprint, created_at) VALUES (@size, @root, @note, @key_fingerprint, @created_at)').run(
    row,
  );
}

export function latestCheckpoint(db: Db): CheckpointRow | undefined {
  return stmt(db, 'SELECT size, root, note, key_fingerprint, created_at FROM checkpoint ORDER BY size DESC LIMIT 1').get() as
    CheckpointRow | undefined;
}

export function allCheckpoints(db: Db): CheckpointRow[] {
  return stmt(db, 'SELECT size, root, note, key_fingerprint, created_at FROM checkpoint ORDER BY size').all() as CheckpointRow[];
}

export function checkpointAtOrAfter(db: Db, size: number): CheckpointRow | undefined {
  return stmt(db, 'SELECT size, root, note, key_fingerprint, created_at FROM checkpoint WHERE size >= ? ORDER BY size LIMIT 1').get(size) as
    CheckpointRow | undefined;
}
