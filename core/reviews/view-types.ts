/** What review procedures return; the contract (core/api/contract/reviews.ts) re-exports these types. */

export type ReviewDecisionKind = 'keep' | 'revoke' | 'change_role' | 'defer';

export interface ReviewDecisionView {
  decision: ReviewDecisionKind;
  comment: string;
  reason: string | null;
  newRole: string | null;
  reviewer: string;
  decidedAt: string;
  via: 'app' | 'csv';
  logIdx: number;
}

export interface ReviewLineView {
  line: number;
  key: string;
  source: string;
  sourceType: string;
  kinds: string[];
  principal: string;
  displayName: string;
  type: string;
  roles: string[];
  rolesBefore?: string[];
  mfa: boolean | null;
  lastActivity: string | null;
  createdAt: string | null;
  tag: 'new' | 'removed' | 'unchanged';
  flags: ('dormant' | 'orphaned' | 'privileged' | 'no_mfa')[];
  flagNotes: string[];
  snapshots: number[];
  needsDecision: boolean;
  decision: ReviewDecisionView | null;
  /** Earlier decisions on this line that the current one replaced. */
  superseded: number;
}

export interface ReviewSnapshotView {
  seq: number;
  kind: string;
  source: string;
  collectedAt: string;
  contentSha256: string;
}

export interface FollowUpView {
  line: number;
  principal: string;
  source: string;
  decision: 'revoke' | 'change_role';
  decidedAt: string;
  status: 'done' | 'open';
  /** The later snapshot that proves it was carried out (done), or the latest one that still shows the access (open). */
  evidence: { seq: number; contentSha256: string; collectedAt: string; kind: string } | null;
  detail: string;
  /** Days since the decision, for open items (as of now). */
  ageDays: number;
}

export interface ReviewSummaryView {
  id: number;
  title: string;
  periodFrom: string | null;
  periodTo: string | null;
  createdAt: string;
  createdBy: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  lines: number;
  toDecide: number;
  decided: number;
  sources: string[];
}

export interface ReviewView extends ReviewSummaryView {
  previousId: number | null;
  closedBy: string | null;
  logIdx: number;
  closedLogIdx: number | null;
  snapshots: ReviewSnapshotView[];
  rows: ReviewLineView[];
  counts: { byTag: Record<string, number>; byFlag: Record<string, number>; byDecision: Record<string, number> };
  followUp: FollowUpView[];
}

export interface CsvImportView {
  review: number;
  recorded: number;
  unchanged: number;
  refused: { line: number; reason: string }[];
}

export interface ReviewableSnapshotView extends ReviewSnapshotView {
  principals: number;
}
