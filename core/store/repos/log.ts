import type { Db } from '../database';
import { stmt } from '../statements';
import { canonicalBytes } from '../../util/canonical';
import { leafHash } from '../../log/merkle';

import type { Actor } from '../../evidence/ipe';

export type { Actor };

export interface LogRow {
  idx: number;
  type: string;
  body: Buffer;
  leaf: Buffer;
}

export type LogFields = Record<string, unknown>;

export function nextLogIdx(db: Db): number {
  return (stmt(db, 'SELECT coalesce(max(idx) + 1, 0) AS n FROM log_entry').get() as { n: number }).n;
}

/**
 * Appends one entry; the caller owns the transaction. `idx` may be passed by a caller appending many entries
 * in one transaction (it read nextLogIdx once); the primary key still refuses a wrong one.
 */
export function appendLog(db: Db, type: string, fields: LogFields, at: string, actor: Actor, idx = nextLogIdx(db)): LogRow {
  const body = canonicalBytes({ ...fields, type, seq: idx, at, actor });
  const leaf = leafHash(body);
  insertLogRow(db, { idx, type, body, leaf });
  return { idx, type, body, leaf };
}

/** The bare insert; appendLog builds the row. Also the benchmark's baseline. */
export function insertLogRow(db: Db, row: LogRow): void {
  stmt(db, 'INSERT INTO log_entry (idx, type, body, leaf) VALUES (?, ?, ?, ?)').run(row.idx, row.type, row.body, row.leaf);
}

export function logSize(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM log_entry').get() as { n: number }).n;
}

export function iterateLog(db: Db): IterableIterator<LogRow> {
  return stmt(db, 'SELECT idx, type, body, leaf FROM log_entry ORDER BY idx').iterate() as IterableIterator<LogRow>;
}

export function allLeaves(db: Db, size?: number): Buffer[] {
  const rows = (
    size === undefined
      ? stmt(db, 'SELECT leaf FROM log_entry ORDER BY idx').raw().all()
      : stmt(db, 'SELECT leaf FROM log_entry WHERE idx < ? ORDER BY idx').raw().all(size)
  ) as [Buffer][];
  return rows.map((r) => r[0]);
}

export function recentLog(db: Db, limit: number, type?: string): LogRow[] {
  const rows = type
    ? stmt(db, 'SELECT idx, type, body, leaf FROM log_entry WHERE type = ? ORDER BY idx DESC LIMIT ?').all(type, limit)
    : stmt(db, 'SELECT idx, type, body, leaf FROM log_entry ORDER BY idx DESC LIMIT ?').all(limit);
  return (rows as LogRow[]).reverse();
}

export function getLogEntry(db: Db, idx: number): LogRow | undefined {
  return stmt(db, 'SELECT idx, type, body, leaf FROM log_entry WHERE idx = ?').get(idx) as LogRow | undefined;
}
