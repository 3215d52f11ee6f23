import type { Actor } from '../evidence/actor';
import type { EvidenceStore } from '../store/evidence-store';
import { recordDecisions, recordReviewClose, reviewSnapshotRows, type NewDecision } from '../store/review-store';
import { canonicalBytes, sha256Hex } from '../util/canonical';
import { AppError } from '../util/errors';
import { personKey } from './flags';
import type { DecisionKind } from './types';
import { linesWithDecisions, reviewRow } from './view';
import type { ReviewLineView } from './view-types';

export interface DecisionInput {
  line: number;
  decision: DecisionKind;
  comment: string;
  reason?: string;
  newRole?: string;
  reviewer?: string;
}

/** Whether the reviewer is the person this line is about (same person key as the principal or its person). */
export function isOwnAccess(line: ReviewLineView, reviewer: string): boolean {
  const me = personKey(reviewer);
  return me !== null && (personKey(line.principal) === me || personKey(line.displayName) === me);
}

/** Checks one decision against its line; the message names the line so a CSV import can cite it too. */
export function checkDecision(line: ReviewLineView | undefined, d: DecisionInput, reviewer: string): string | null {
  if (!line) return `Line ${d.line} is not in this review`;
  if (!line.needsDecision) return `Line ${d.line} (${line.displayName}) was removed since the previous review: there is no access to decide on`;
  if (d.decision !== 'keep' && !d.comment.trim()) return `A ${d.decision} decision needs a comment (line ${d.line}, ${line.displayName})`;
  if (d.decision === 'change_role' && !d.newRole?.trim() && !d.comment.trim()) return `Say which role in the comment or new role (line ${d.line})`;
  if (isOwnAccess(line, reviewer) && !d.reason?.trim())
    return `Reviewer ${reviewer} is deciding on their own access (line ${d.line}, ${line.displayName}): give a reason`;
  return null;
}

/** What each decision's log entry cites: the line and the snapshots (seq and hash) it was read from. */
export function decisionRecord(
  line: ReviewLineView,
  d: DecisionInput,
  reviewer: string,
  via: 'app' | 'csv',
  hashes: Map<number, string>,
): NewDecision {
  return {
    lineNo: line.line,
    decision: d.decision,
    comment: d.comment.trim(),
    reason: d.reason?.trim() || null,
    newRole: d.newRole?.trim() || null,
    reviewer,
    via,
    logDetail: {
      line: { key: line.key, source: line.source, principal: line.principal, roles: line.roles },
      snapshots: line.snapshots.map((seq) => ({ seq, contentSha256: hashes.get(seq) ?? null })),
    },
  };
}

export const snapshotHashes = (store: EvidenceStore, id: number): Map<number, string> =>
  new Map(reviewSnapshotRows(store, id).map((r) => [r.item_seq, r.content_sha256] as const));

export function assertOpen(store: EvidenceStore, id: number): void {
  const row = reviewRow(store, id);
  if (row.closed_log_idx !== null) throw new AppError('CONFLICT', `Review #${id} was closed at ${row.closed_at}; its decisions are final.`);
}

export function decide(store: EvidenceStore, id: number, d: DecisionInput, actor: Actor): ReviewLineView {
  assertOpen(store, id);
  const reviewer = d.reviewer?.trim() || actor.osUser;
  const lines = linesWithDecisions(store, id);
  const line = lines.find((l) => l.line === d.line);
  const problem = checkDecision(line, d, reviewer);
  if (problem) throw new AppError('BAD_INPUT', `${problem}.`);
  recordDecisions(store, id, [decisionRecord(line!, d, reviewer, 'app', snapshotHashes(store, id))]);
  return linesWithDecisions(store, id).find((l) => l.line === d.line)!;
}

/** Closes a review whose every line has a decision; the log entry carries the hash of the final decisions. */
export function closeReview(store: EvidenceStore, id: number, reviewer: string): void {
  assertOpen(store, id);
  const lines = linesWithDecisions(store, id);
  const open = lines.filter((l) => l.needsDecision && !l.decision);
  if (open.length)
    throw new AppError(
      'BAD_INPUT',
      `Review #${id} has ${open.length} line(s) without a decision (${open
        .slice(0, 5)
        .map((l) => `line ${l.line} ${l.displayName}`)
        .join(', ')}${open.length > 5 ? ', …' : ''}). Decide every line before closing.`,
    );
  const final = lines
    .filter((l) => l.decision)
    .map((l) => ({ line: l.line, key: l.key, decision: l.decision!.decision, logIdx: l.decision!.logIdx }));
  const byDecision: Record<string, number> = {};
  for (const f of final) byDecision[f.decision] = (byDecision[f.decision] ?? 0) + 1;
  recordReviewClose(store, id, reviewer, { decisions: byDecision, lines: lines.length, decisionsSha256: sha256Hex(canonicalBytes(final)) });
}
