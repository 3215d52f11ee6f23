import type { Db } from '../database';
import { stmt } from '../statements';

export interface ReviewRow {
  id: number;
  title: string;
  period_from: string | null;
  period_to: string | null;
  created_at: string;
  created_by: string;
  previous_id: number | null;
  log_idx: number;
  closed_at: string | null;
  closed_by: string | null;
  closed_log_idx: number | null;
}

export interface ReviewDecisionRow {
  id: number;
  review_id: number;
  line_no: number;
  decision: 'keep' | 'revoke' | 'change_role' | 'defer';
  comment: string;
  reason: string | null;
  new_role: string | null;
  reviewer: string;
  decided_at: string;
  via: 'app' | 'csv';
  log_idx: number;
}

export const nextReviewId = (db: Db): number => (stmt(db, 'SELECT coalesce(max(id) + 1, 1) AS n FROM review').get() as { n: number }).n;

export function insertReview(db: Db, row: Omit<ReviewRow, 'closed_at' | 'closed_by' | 'closed_log_idx'>): void {
  stmt(
    db,
    `INSERT INTO review (id, title, period_from, period_to, created_at, created_by, previous_id, log_idx)
     VALUES (@id, @title, @period_from, @period_to, @created_at, @created_by, @previous_id, @log_idx)`,
  ).run(row);
}

export function insertReviewSnapshot(db: Db, reviewId: number, seq: number, sha256: string): void {
  stmt(db, 'INSERT INTO review_snapshot (review_id, item_seq, content_sha256) VALUES (?, ?, ?)').run(reviewId, seq, sha256);
}

export function insertReviewLine(db: Db, reviewId: number, lineNo: number, key: string, data: string): void {
  stmt(db, 'INSERT INTO review_line (review_id, line_no, line_key, data) VALUES (?, ?, ?, ?)').run(reviewId, lineNo, key, data);
}

export function insertDecision(db: Db, row: Omit<ReviewDecisionRow, 'id'>): number {
  const r = stmt(
    db,
    `INSERT INTO review_decision (review_id, line_no, decision, comment, reason, new_role, reviewer, decided_at, via, log_idx)
     VALUES (@review_id, @line_no, @decision, @comment, @reason, @new_role, @reviewer, @decided_at, @via, @log_idx)`,
  ).run(row);
  return Number(r.lastInsertRowid);
}

export function closeReviewRow(db: Db, id: number, at: string, by: string, logIdx: number): void {
  stmt(db, 'UPDATE review SET closed_at = ?, closed_by = ?, closed_log_idx = ? WHERE id = ? AND closed_log_idx IS NULL').run(at, by, logIdx, id);
}

export const reviewById = (db: Db, id: number) => stmt(db, 'SELECT * FROM review WHERE id = ?').get(id) as ReviewRow | undefined;
export const listReviewRows = (db: Db) => stmt(db, 'SELECT * FROM review ORDER BY id DESC').all() as ReviewRow[];

export const reviewSnapshotRows = (db: Db, id: number) =>
  stmt(db, 'SELECT item_seq, content_sha256 FROM review_snapshot WHERE review_id = ? ORDER BY item_seq').all(id) as {
    item_seq: number;
    content_sha256: string;
  }[];

export const reviewLineRows = (db: Db, id: number) =>
  stmt(db, 'SELECT line_no, line_key, data FROM review_line WHERE review_id = ? ORDER BY line_no').all(id) as {
    line_no: number;
    line_key: string;
    data: string;
  }[];

/** Every decision of a review, oldest first: the last one per line is the one in force. */
export const reviewDecisionRows = (db: Db, id: number) =>
  stmt(db, 'SELECT * FROM review_decision WHERE review_id = ? ORDER BY id').all(id) as ReviewDecisionRow[];

export const decisionCountsByReview = (db: Db) =>
  stmt(db, 'SELECT review_id, count(DISTINCT line_no) AS decided FROM review_decision GROUP BY review_id').all() as {
    review_id: number;
    decided: number;
  }[];
