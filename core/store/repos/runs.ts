import type { Db } from '../database';
import { stmt } from '../statements';
import { timeBound } from './time-bound';

export type RunStatus = 'running' | 'complete' | 'partial' | 'failed' | 'interrupted';

export interface RunRow {
  id: number;
  source_id: number | null;
  started_at: string;
  finished_at: string | null;
  status: RunStatus;
  reason: string | null;
  cursor: string | null;
}

export function insertRun(db: Db, sourceId: number | null, at: string): number {
  const r = stmt(db, "INSERT INTO collection_run (source_id, started_at, status) VALUES (?, ?, 'running')").run(sourceId, at);
  return Number(r.lastInsertRowid);
}

export function finishRunRow(db: Db, id: number, status: RunStatus, reason: string | null, at: string): void {
  stmt(db, 'UPDATE collection_run SET status = ?, reason = ?, finished_at = ? WHERE id = ?').run(status, reason, at, id);
}

export function saveRunCursor(db: Db, id: number, cursor: string): void {
  stmt(db, 'UPDATE collection_run SET cursor = ? WHERE id = ?').run(cursor, id);
}

export function runById(db: Db, id: number): RunRow | undefined {
  return stmt(db, 'SELECT * FROM collection_run WHERE id = ?').get(id) as RunRow | undefined;
}

export function runningRuns(db: Db): RunRow[] {
  return stmt(db, "SELECT * FROM collection_run WHERE status = 'running' ORDER BY id").all() as RunRow[];
}

/** Runs newest first; `from`/`to` bound started_at (instants, inclusive). */
export function listRuns(db: Db, opts: { sourceId?: number; from?: Date; to?: Date; limit?: number } = {}): RunRow[] {
  return stmt(
    db,
    `SELECT * FROM collection_run
       WHERE (@sourceId IS NULL OR source_id = @sourceId)
         AND (@from IS NULL OR started_at >= @from) AND (@to IS NULL OR started_at <= @to)
       ORDER BY id DESC LIMIT @limit`,
  ).all({ sourceId: opts.sourceId ?? null, from: timeBound(opts.from), to: timeBound(opts.to), limit: opts.limit ?? -1 }) as RunRow[];
}

export function countRunsByStatus(db: Db): Record<string, number> {
  const rows = stmt(db, 'SELECT status, count(*) AS n FROM collection_run GROUP BY status').all() as { status: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
