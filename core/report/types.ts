import type { KindMappings } from '../criteria/mapping';
import type { Criterion, Gap, KindMapping } from '../criteria';
import type { Provenance } from '../evidence/ipe';
import type { VendorView } from '../vendors/record';
import type { ManualView } from '../manual/view';
import type { CriterionHeatmap } from '../periods/report-heatmap';

export interface ReportQuery {
  criterion: string;
  /** YYYY-MM-DD (UTC), inclusive. */
  from: string;
  /** YYYY-MM-DD (UTC), inclusive to 23:59:59.999Z. */
  to: string;
  org: string;
  bundleId?: string;
  /** Coverage rules (criteria.md §3 defaults: grace 24 h, daily cadence). */
  graceHours?: number;
  cadenceHours?: number;
  /** Which kinds support which criteria, for the source families in use. */
  mappings: KindMappings;
}

export interface ItemLabels {
  assurance: 'design' | 'operating';
  provenance: Provenance;
  coverage: 'point_in_time' | 'period';
}

/** How an item was produced, from its IPE record; request ids capped so 10,000 items stay small. */
export interface IpeSummary {
  sourceType: string;
  endpoints: string[];
  apiVersion: string | null;
  serverVersion: string | null;
  parameters: Record<string, unknown>;
  pages: number;
  recordsRetrieved: number;
  apiTotal: number | null;
  requestIds: string[];
  requestIdsOmitted: number;
  command: string;
  error: string | null;
  notes: string[];
  /** Secrets replaced before hashing (core/redact): how many, and by which rules. Absent when none. */
  redactions?: { count: number; rules: string[] };
}

export interface ReportItem {
  seq: number;
  kind: string;
  source: string | null;
  scope: Record<string, string>;
  collectedAt: string;
  /** The time the item is evidence for, when set by hand (an import of an older file); else absent. */
  evidenceFor?: string;
  completeness: 'complete' | 'partial' | 'failed';
  provenance: string;
  contentSha256: string;
  labels: ItemLabels;
  /** The latest item of its series collected before the period: the state at day 1. */
  baseline: boolean;
  /** Series key: kind + source + scope. */
  series: string;
  runId: number | null;
  ipe: IpeSummary | null;
}

export interface CoverageRow {
  series: string;
  kind: string;
  source: string | null;
  scope: Record<string, string>;
  /** Complete collections in the period (for a diff series: diff items recorded in the period). */
  collections: number;
  partial: number;
  failed: number;
  first: string | null;
  last: string | null;
  longestGapHours: number;
  gaps: Gap[];
  baselineSeq: number | null;
  baselineAt: string | null;
  allowedGapHours: number;
  graceHours: number;
  label: 'point_in_time' | 'period';
  assurance: 'design' | 'operating';
  /** Why `period` was not earned; empty when it was. */
  reasons: string[];
  /** For a diff series: the snapshot series its population depends on. */
  basedOn: string | null;
}

export interface ReportRun {
  id: number;
  source: string | null;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  reason: string | null;
}

/** A table the PDF prints for one evidence kind; rows beyond the cap are counted, never silently dropped. */
export interface ReportTable {
  section: 'access' | 'changes' | 'registry' | 'lineage' | 'retention' | 'other';
  title: string;
  kind: string;
  series: string | null;
  asOf: string | null;
  seq: number | null;
  columns: string[];
  rows: string[][];
  omitted: number;
  note: string | null;
}

export interface CriterionReport {
  org: string;
  criterion: Criterion;
  period: { from: string; to: string };
  generatedAt: string;
  keyFingerprint: string;
  bundleId: string | null;
  mappings: KindMapping[];
  items: ReportItem[];
  counts: { complete: number; partial: number; failed: number };
  runs: ReportRun[];
  coverage: CoverageRow[];
  tables: ReportTable[];
  /** Manual uploads attached to this criterion (human-evidence.ts); absent in reports built before they existed. */
  manual?: ManualReportRow[];
  /** Series × ISO weeks with a baseline column: the model the app's coverage map shows (core/periods). */
  heatmap?: CriterionHeatmap;
  /** The AI vendor register, for CC9.2 (and C1.1 / P6.x for vendors sent personal data). */
  vendors?: VendorRegisterReport | null;
}

/**
 * One manual upload as a bundle carries it: the app's view of it, with expiry judged on the period's last day (or
 * today if earlier) instead of today. Withdrawn uploads are never carried.
 */
export interface ManualReportRow extends Omit<ManualView, 'status' | 'endedReason' | 'expiry'> {
  status: 'active' | 'superseded';
  expired: boolean;
  /** The day expiry was judged on: the period's last day, or the export day if earlier. */
  expiryJudgedOn: string;
}

export interface VendorRegisterReport {
  /** The day due flags were judged on. */
  asOf: string;
  scope: 'all vendors' | 'vendors sent personal data';
  vendors: (VendorView & { logIndex: number })[];
}
