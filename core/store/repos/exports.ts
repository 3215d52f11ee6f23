import type { Db } from '../database';
import { stmt } from '../statements';

/** One exported bundle; the latest per criterion is what the next bundle chains to. */
export interface ExportRow {
  id: string;
  criterion: string;
  period_from: string;
  period_to: string;
  created_at: string;
  sums_sha256: string;
  path: string;
  log_idx: number;
}

export function insertExport(db: Db, row: ExportRow): void {
  stmt(
    db,
    `INSERT INTO export_bundle (id, criterion, period_from, period_to, created_at, sums_sha256, path, log_idx)
     VALUES (@id, @criterion, @period_from, @period_to, @created_at, @sums_sha256, @path, @log_idx)`,
  ).run(row);
}

/** The newest bundle for a criterion (any period); ordered by its log entry, which is authoritative over clocks. */
export function latestExportFor(db: Db, criterion: string): ExportRow | undefined {
  return stmt(db, 'SELECT * FROM export_bundle WHERE criterion = ? ORDER BY log_idx DESC LIMIT 1').get(criterion) as ExportRow | undefined;
}

/** Whether a bundle written to this path was logged (the path is stored as written, absolute). */
export function exportLoggedAt(db: Db, path: string): boolean {
  return stmt(db, 'SELECT 1 FROM export_bundle WHERE path = ? LIMIT 1').get(path) !== undefined;
}

export function listExports(db: Db, limit = 100): ExportRow[] {
  return stmt(db, 'SELECT * FROM export_bundle ORDER BY log_idx DESC LIMIT ?').all(limit) as ExportRow[];
}

/** What a bundle needs of an item before it streams the content: hashes, kind, log position. */
export interface ExportItemMeta {
  seq: number;
  kind: string;
  collected_at: string;
  /** Set by hand for an imported file older than its import; NULL = collected_at. */
  evidence_for: string | null;
  completeness: 'complete' | 'partial' | 'failed';
  content_sha256: string;
  ipe_sha256: string;
  log_idx: number;
}

export function itemMetaBySeq(db: Db, seq: number): ExportItemMeta | undefined {
  return stmt(
    db,
    'SELECT seq, kind, collected_at, evidence_for, completeness, content_sha256, ipe_sha256, log_idx FROM evidence_item WHERE seq = ?',
  ).get(seq) as ExportItemMeta | undefined;
}

/** The stored canonical bytes of one item, read one at a time while the ZIP is written. */
export function itemBytesBySeq(db: Db, seq: number): { content: Buffer; ipe: Buffer } | undefined {
  return stmt(db, 'SELECT content, ipe FROM evidence_item WHERE seq = ?').get(seq) as { content: Buffer; ipe: Buffer } | undefined;
}
