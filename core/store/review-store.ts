import type { EvidenceStore } from './evidence-store';
import { dbOf } from './handle';
import * as reviews from './repos/reviews';

export type { ReviewRow, ReviewDecisionRow } from './repos/reviews';

/**
 * Reads and writes of access reviews (migration 0004). Every write is one transaction with its log entry and is
 * followed by a signed checkpoint, so a decision is covered by a signature as soon as it is recorded.
 */

export interface NewReview {
  title: string;
  periodFrom: string | null;
  periodTo: string | null;
  createdBy: string;
  previousId: number | null;
  snapshots: { seq: number; contentSha256: string; kind: string; source: string }[];
  lines: { key: string; data: string }[];
  /** What the log entry records beyond ids: counts, the lines' hash. */
  logDetail: Record<string, unknown>;
}

export function recordReviewStart(store: EvidenceStore, r: NewReview): number {
  store.assertWritable();
  const db = dbOf(store);
  const id = store.tx(() => {
    const reviewId = reviews.nextReviewId(db);
    const entry = store.appendLog('review_started', {
      review: { id: reviewId, title: r.title, periodFrom: r.periodFrom, periodTo: r.periodTo, previousId: r.previousId, createdBy: r.createdBy },
      snapshots: r.snapshots,
      ...r.logDetail,
    });
    reviews.insertReview(db, {
      id: reviewId,
      title: r.title,
      period_from: r.periodFrom,
      period_to: r.periodTo,
      created_at: store.now(),
      created_by: r.createdBy,
      previous_id: r.previousId,
      log_idx: entry.idx,
    });
    for (const s of r.snapshots) reviews.insertReviewSnapshot(db, reviewId, s.seq, s.contentSha256);
    r.lines.forEach((l, i) => reviews.insertReviewLine(db, reviewId, i + 1, l.key, l.data));
    return reviewId;
  });
  store.checkpoint();
  return id;
}

export interface NewDecision {
  lineNo: number;
  decision: reviews.ReviewDecisionRow['decision'];
  comment: string;
  reason: string | null;
  newRole: string | null;
  reviewer: string;
  via: 'app' | 'csv';
  /** The log entry's fields (line key, principal, snapshots with hashes). */
  logDetail: Record<string, unknown>;
}

/** One or many decisions (a CSV import) in one transaction: all recorded or none. */
export function recordDecisions(store: EvidenceStore, reviewId: number, list: readonly NewDecision[]): number[] {
  store.assertWritable();
  const db = dbOf(store);
  const ids = store.tx(() =>
    list.map((d) => {
      const at = store.now();
      const entry = store.appendLog('review_decided', {
        review: { id: reviewId },
        decision: {
          line: d.lineNo,
          decision: d.decision,
          comment: d.comment,
          reason: d.reason,
          newRole: d.newRole,
          reviewer: d.reviewer,
          via: d.via,
        },
        ...d.logDetail,
      });
      return reviews.insertDecision(db, {
        review_id: reviewId,
        line_no: d.lineNo,
        decision: d.decision,
        comment: d.comment,
        reason: d.reason,
        new_role: d.newRole,
        reviewer: d.reviewer,
        decided_at: at,
        via: d.via,
        log_idx: entry.idx,
      });
    }),
  );
  store.checkpoint();
  return ids;
}

export function recordReviewClose(store: EvidenceStore, reviewId: number, closedBy: string, detail: Record<string, unknown>): number {
  store.assertWritable();
  const db = dbOf(store);
  const idx = store.tx(() => {
    const entry = store.appendLog('review_closed', { review: { id: reviewId, closedBy }, ...detail });
    reviews.closeReviewRow(db, reviewId, store.now(), closedBy, entry.idx);
    return entry.idx;
  });
  store.checkpoint();
  return idx;
}

export const getReviewRow = (store: EvidenceStore, id: number) => reviews.reviewById(dbOf(store), id);
export const listReviewRows = (store: EvidenceStore) => reviews.listReviewRows(dbOf(store));
export const reviewSnapshotRows = (store: EvidenceStore, id: number) => reviews.reviewSnapshotRows(dbOf(store), id);
export const reviewLineRows = (store: EvidenceStore, id: number) => reviews.reviewLineRows(dbOf(store), id);
export const reviewDecisionRows = (store: EvidenceStore, id: number) => reviews.reviewDecisionRows(dbOf(store), id);
export const decisionCountsByReview = (store: EvidenceStore) => reviews.decisionCountsByReview(dbOf(store));
