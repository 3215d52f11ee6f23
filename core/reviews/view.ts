import type { EvidenceStore } from '../store/evidence-store';
import {
  decisionCountsByReview,
  getReviewRow,
  listReviewRows,
  reviewDecisionRows,
  reviewLineRows,
  reviewSnapshotRows,
  type ReviewRow,
} from '../store/review-store';
import { getItem } from '../store/store-reads';
import { AppError } from '../util/errors';
import { followUp } from './follow-up';
import { sourceIndex } from './snapshots';
import type { ReviewLine } from './types';
import type { ReviewDecisionView, ReviewLineView, ReviewSummaryView, ReviewView } from './view-types';

export function reviewRow(store: EvidenceStore, id: number): ReviewRow {
  const row = getReviewRow(store, id);
  if (!row) throw new AppError('NOT_FOUND', `No access review #${id}. See \`evidence-locker review list\`.`);
  return row;
}

/** The lines with the decision in force on each (the latest), and how many it replaced. */
/** A stored decision as every reader shows it (the screen, the CLI, the bundle's decisions.json). */
export function decisionView(d: ReturnType<typeof reviewDecisionRows>[number]): ReviewDecisionView {
  return {
    decision: d.decision,
    comment: d.comment,
    reason: d.reason,
    newRole: d.new_role,
    reviewer: d.reviewer,
    decidedAt: d.decided_at,
    via: d.via,
    logIdx: d.log_idx,
  };
}

export function linesWithDecisions(store: EvidenceStore, id: number): ReviewLineView[] {
  const decisions = new Map<number, ReviewDecisionView[]>();
  for (const d of reviewDecisionRows(store, id)) {
    const view = decisionView(d);
    decisions.set(d.line_no, [...(decisions.get(d.line_no) ?? []), view]);
  }
  return reviewLineRows(store, id).map((row) => {
    const line = { ...(JSON.parse(row.data) as Omit<ReviewLine, 'line'>), line: row.line_no };
    const history = decisions.get(row.line_no) ?? [];
    return { ...line, decision: history.at(-1) ?? null, superseded: Math.max(0, history.length - 1) };
  });
}

function summary(row: ReviewRow, lines: number, toDecide: number, decided: number, sources: string[]): ReviewSummaryView {
  return {
    id: row.id,
    title: row.title,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    createdAt: row.created_at,
    createdBy: row.created_by,
    status: row.closed_log_idx === null ? 'open' : 'closed',
    closedAt: row.closed_at,
    lines,
    toDecide,
    decided,
    sources,
  };
}

const countBy = (values: string[]) => values.reduce<Record<string, number>>((acc, v) => ((acc[v] = (acc[v] ?? 0) + 1), acc), {});

export function reviewView(store: EvidenceStore, id: number, now: Date): ReviewView {
  const row = reviewRow(store, id);
  const rows = linesWithDecisions(store, id);
  const sources = sourceIndex(store);
  const snapshots = reviewSnapshotRows(store, id).map((s) => {
    const it = getItem(store, s.item_seq);
    return {
      seq: s.item_seq,
      kind: it.kind,
      source: (it.source_id !== null && sources.get(it.source_id)?.name) || 'unknown source',
      collectedAt: it.collected_at,
      contentSha256: s.content_sha256,
    };
  });
  const toDecide = rows.filter((l) => l.needsDecision).length;
  const decided = rows.filter((l) => l.needsDecision && l.decision).length;
  return {
    ...summary(row, rows.length, toDecide, decided, [...new Set(snapshots.map((s) => s.source))]),
    previousId: row.previous_id,
    closedBy: row.closed_by,
    logIdx: row.log_idx,
    closedLogIdx: row.closed_log_idx,
    snapshots,
    rows,
    counts: {
      byTag: countBy(rows.map((l) => l.tag)),
      byFlag: countBy(rows.flatMap((l) => l.flags)),
      byDecision: countBy(rows.flatMap((l) => (l.decision ? [l.decision.decision] : []))),
    },
    followUp: followUp(store, rows, now),
  };
}

export function listReviews(store: EvidenceStore): ReviewSummaryView[] {
  const decided = new Map(decisionCountsByReview(store).map((r) => [r.review_id, r.decided]));
  return listReviewRows(store).map((row) => {
    const lines = reviewLineRows(store, row.id).map((l) => JSON.parse(l.data) as ReviewLine);
    const sources = [...new Set(lines.map((l) => l.source))];
    return summary(row, lines.length, lines.filter((l) => l.needsDecision).length, decided.get(row.id) ?? 0, sources);
  });
}
