import type { Db } from '../database';
import { stmt } from '../statements';

// Keyset-paged reads for verify-store's single pass over the log and the items together: one connection cannot
// iterate two statements at once, and a page of rows keeps memory flat however large the store is. Rows come back
// as arrays (better-sqlite3's raw mode): building an object per row was a third of the pass.

/**
 * [idx, type, body, leaf] of up to `limit` log entries from `fromIdx` on, in order. The type of an item_recorded
 * entry (nearly every row) comes back as null: no string is decoded for it.
 */
export function logPage(db: Db, fromIdx: number, limit: number): LogPageRow[] {
  return stmt(db, "SELECT idx, nullif(type, 'item_recorded'), body, leaf FROM log_entry WHERE idx >= ? ORDER BY idx LIMIT ?")
    .raw(true)
    .all(fromIdx, limit) as LogPageRow[];
}
export type LogPageRow = [idx: number, typeUnlessItem: string | null, body: Buffer, leaf: Buffer];

/** The item columns the log entry of an item is compared with, in this order; evidence_for is null where absent. */
export type ScannedItem = [
  seq: number,
  runId: number | null,
  sourceId: number | null,
  kind: string,
  scope: string,
  collectedAt: string,
  content: Buffer,
  contentSha256: string,
  ipe: Buffer,
  completeness: string,
  provenance: string,
  logIdx: number,
  evidenceFor: string | null,
];

const hasEvidenceFor = new WeakMap<Db, boolean>();

/** Items after `afterSeq`, in sequence order. */
export function itemPage(db: Db, afterSeq: number, limit: number): ScannedItem[] {
  let withEvidenceFor = hasEvidenceFor.get(db);
  if (withEvidenceFor === undefined) {
    // Stores before migration 0002 have no evidence_for column.
    withEvidenceFor = stmt(db, 'SELECT * FROM evidence_item LIMIT 0')
      .columns()
      .some((c) => c.name === 'evidence_for');
    hasEvidenceFor.set(db, withEvidenceFor);
  }
  const cols = `seq, run_id, source_id, kind, scope, collected_at, content, content_sha256, ipe, completeness, provenance, log_idx, ${withEvidenceFor ? 'evidence_for' : 'NULL'}`;
  return stmt(db, `SELECT ${cols} FROM evidence_item WHERE seq > ? ORDER BY seq LIMIT ?`).raw(true).all(afterSeq, limit) as ScannedItem[];
}
