import type { Db } from '../database';
import { canonicalBytes } from '../../util/canonical';
import { leafHash } from '../../log/merkle';

export interface Actor {
  osUser: string;
  host: string;
}

export interface LogRow {
  idx: number;
  type: string;
  body: Buffer;
  leaf: Buffer;
}

export type LogFields = Record<string, unknown>;

/** Appends one entry; the caller owns the transaction. Returns the leaf index. */
export function appendLog(db: Db, type: string, fields: LogFields, at: string, actor: Actor): LogRow {
  const next = db.prepare('SELECT coalesce(max(idx) + 1, 0) AS n FROM log_entry').get() as { n: number };
  const body = canonicalBytes({ ...fields, type, seq: next.n, at, actor });
  const leaf = leafHash(body);
  db.prepare('INSERT INTO log_entry (idx, type, body, leaf) VALUES (?, ?, ?, ?)').run(next.n, type, body, leaf);
  return { idx: next.n, type, body, leaf };
}

export function logSize(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM log_entry').get() as { n: number }).n;
}

export function iterateLog(db: Db): IterableIterator<LogRow> {
  return db.prepare('SELECT idx, type, body, leaf FROM log_entry ORDER BY idx').iterate() as IterableIterator<LogRow>;
}

export function allLeaves(db: Db, size?: number): Buffer[] {
  const rows = (
    size === undefined
      ? db.prepare('SELECT leaf FROM log_entry ORDER BY idx').raw().all()
      : db.prepare('SELECT leaf FROM log_entry WHERE idx < ? ORDER BY idx').raw().all(size)
  ) as [Buffer][];
  return rows.map((r) => r[0]);
}

export function recentLog(db: Db, limit: number, type?: string): LogRow[] {
  const rows = type
    ? db.prepare('SELECT idx, type, body, leaf FROM log_entry WHERE type = ? ORDER BY idx DESC LIMIT ?').all(type, limit)
    : db.prepare('SELECT idx, type, body, leaf FROM log_entry ORDER BY idx DESC LIMIT ?').all(limit);
  return (rows as LogRow[]).reverse();
}

export function getLogEntry(db: Db, idx: number): LogRow | undefined {
  return db.prepare('SELECT idx, type, body, leaf FROM log_entry WHERE idx = ?').get(idx) as LogRow | undefined;
}
