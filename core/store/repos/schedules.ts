import type { Db } from '../database';
import { stmt } from '../statements';

export interface ScheduleRow {
  source_id: number;
  cadence: 'daily' | 'weekly' | 'monthly' | 'cron';
  cron: string | null;
  since: string;
  log_idx: number;
}

export interface MissedRow {
  id: number;
  source_id: number;
  due_at: string;
  window_end: string;
  cadence: string;
  noticed_at: string;
  log_idx: number;
}

export function allSchedules(db: Db): ScheduleRow[] {
  return stmt(db, 'SELECT * FROM collection_schedule ORDER BY source_id').all() as ScheduleRow[];
}

export function upsertSchedule(db: Db, row: ScheduleRow): void {
  stmt(
    db,
    `INSERT INTO collection_schedule (source_id, cadence, cron, since, log_idx) VALUES (@source_id, @cadence, @cron, @since, @log_idx)
     ON CONFLICT (source_id) DO UPDATE SET cadence = excluded.cadence, cron = excluded.cron, since = excluded.since, log_idx = excluded.log_idx`,
  ).run(row);
}

/** Missed runs, oldest due first; `from`/`to` bound due_at (stored-text instants, inclusive). */
export function missedRuns(db: Db, q: { sourceId?: number; from?: string | null; to?: string | null } = {}): MissedRow[] {
  return stmt(
    db,
    `SELECT * FROM missed_run WHERE (@sourceId IS NULL OR source_id = @sourceId)
       AND (@from IS NULL OR due_at >= @from) AND (@to IS NULL OR due_at <= @to) ORDER BY due_at, id`,
  ).all({ sourceId: q.sourceId ?? null, from: q.from ?? null, to: q.to ?? null }) as MissedRow[];
}

export function insertMissed(db: Db, row: Omit<MissedRow, 'id'>): void {
  stmt(
    db,
    `INSERT INTO missed_run (source_id, due_at, window_end, cadence, noticed_at, log_idx)
     VALUES (@source_id, @due_at, @window_end, @cadence, @noticed_at, @log_idx)`,
  ).run(row);
}

/** Start times of a source's runs (any status), oldest first. */
export function runStarts(db: Db, sourceId: number): string[] {
  return (stmt(db, 'SELECT started_at FROM collection_run WHERE source_id = ? ORDER BY started_at').all(sourceId) as { started_at: string }[]).map(
    (r) => r.started_at,
  );
}

/** Evidence-for times of a source's own snapshots (not the diffs derived from them), oldest first. */
export function snapshotTimes(db: Db, sourceId: number): string[] {
  return (
    stmt(db, `SELECT coalesce(evidence_for, collected_at) AS t FROM evidence_item WHERE source_id = ? AND provenance <> 'derived' ORDER BY t`).all(
      sourceId,
    ) as { t: string }[]
  ).map((r) => r.t);
}

export function missedInWindow(db: Db, sourceId: number, from: string, to: string): boolean {
  return stmt(db, 'SELECT 1 FROM missed_run WHERE source_id = ? AND due_at >= ? AND due_at < ? LIMIT 1').get(sourceId, from, to) !== undefined;
}
