import type { Db } from '../database';
import { stmt } from '../statements';
import { timeBound } from './time-bound';

export interface ItemRow {
  seq: number;
  run_id: number | null;
  source_id: number | null;
  kind: string;
  scope: string;
  collected_at: string;
  content: Buffer;
  content_sha256: string;
  ipe: Buffer;
  ipe_sha256: string;
  completeness: 'complete' | 'partial' | 'failed';
  provenance: string;
  log_idx: number;
  /** The time the content is evidence for when set by hand (imports of older files); NULL = collected_at. */
  evidence_for: string | null;
}

/** Item metadata plus the time it is evidence for (evidence_for, else collected_at): what periods compare. */
export type ItemMeta = Omit<ItemRow, 'content' | 'ipe'> & { effective_at: string };
/** The one expression for "the time this item is evidence for"; migration 0002 indexes exactly this. */
export const EFFECTIVE_AT = 'coalesce(evidence_for, collected_at)';
const META_COLUMNS = `seq, run_id, source_id, kind, scope, collected_at, evidence_for, ${EFFECTIVE_AT} AS effective_at, content_sha256, ipe_sha256, completeness, provenance, log_idx`;

export function insertItem(db: Db, row: Omit<ItemRow, 'seq' | 'evidence_for'> & { evidence_for?: string | null }): number {
  const r = stmt(
    db,
    `INSERT INTO evidence_item (run_id, source_id, kind, scope, collected_at, content, content_sha256, ipe, ipe_sha256,
         completeness, provenance, log_idx, evidence_for)
       VALUES (@run_id, @source_id, @kind, @scope, @collected_at, @content, @content_sha256, @ipe, @ipe_sha256,
         @completeness, @provenance, @log_idx, @evidence_for)`,
  ).run({ ...row, evidence_for: row.evidence_for ?? null });
  return Number(r.lastInsertRowid);
}

export function nextItemSeq(db: Db): number {
  return (stmt(db, 'SELECT coalesce(max(seq) + 1, 1) AS n FROM evidence_item').get() as { n: number }).n;
}

export function itemBySeq(db: Db, seq: number): ItemRow | undefined {
  return stmt(db, 'SELECT * FROM evidence_item WHERE seq = ?').get(seq) as ItemRow | undefined;
}

export function iterateItems(db: Db): IterableIterator<ItemRow> {
  return stmt(db, 'SELECT * FROM evidence_item ORDER BY seq').iterate() as IterableIterator<ItemRow>;
}

export interface ItemQuery {
  sourceId?: number;
  kind?: string;
  kinds?: string[];
  scope?: string;
  /** Evidence for this instant or later (evidence_for, else collected_at). */
  from?: Date;
  /** Evidence for this instant or earlier. */
  to?: Date;
  limit?: number;
}

/** Item metadata (no content) in sequence order, filtered. */
export function listItemMeta(db: Db, q: ItemQuery = {}): ItemMeta[] {
  const kinds = q.kinds ?? (q.kind ? [q.kind] : null);
  return stmt(
    db,
    `SELECT ${META_COLUMNS} FROM evidence_item
       WHERE (@sourceId IS NULL OR source_id = @sourceId)
         AND (@kinds IS NULL OR kind IN (SELECT value FROM json_each(@kinds)))
         AND (@scope IS NULL OR scope = @scope)
         AND (@from IS NULL OR ${EFFECTIVE_AT} >= @from) AND (@to IS NULL OR ${EFFECTIVE_AT} <= @to)
       ORDER BY seq LIMIT @limit`,
  ).all({
    sourceId: q.sourceId ?? null,
    kinds: kinds ? JSON.stringify(kinds) : null,
    scope: q.scope ?? null,
    from: timeBound(q.from),
    to: timeBound(q.to),
    limit: q.limit ?? -1,
  }) as ItemMeta[];
}

export function countItems(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM evidence_item').get() as { n: number }).n;
}

export function countItemsByKind(db: Db): Record<string, number> {
  const rows = stmt(db, 'SELECT kind, count(*) AS n FROM evidence_item GROUP BY kind ORDER BY kind').all() as {
    kind: string;
    n: number;
  }[];
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}
