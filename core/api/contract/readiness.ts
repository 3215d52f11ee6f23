import { z } from 'zod';
import { spec } from './define';
import type { ChangeView, SnapshotRefView } from './changes';
import type { NotApplicableView, PeriodView } from './periods';
import type { Cadence, MissedRunView, ScheduleView } from './schedules';
import { TIMELINE_KINDS, type TimelineKind } from '../../periods/timeline-kinds';

export type ReadinessStatus = 'covered' | 'at_risk' | 'not_covered' | 'not_applicable';

/** Why a criterion is not simply covered; each names what is behind it (series, item, run, gap, missed run). */
export interface ReadinessReason {
  code:
    | 'no_kind_mapped' // no evidence kind of this build supports the criterion: manual evidence or N/A
    | 'no_source' // no item of a mapped kind up to the period end (no such source, or only after the period)
    | 'no_evidence' // no complete snapshot of a mapped kind in the period (Type 1: at the date)
    | 'gap' // a stretch without a complete snapshot longer than the source's cadence + 24 h
    | 'latest_run_failed' // the latest run of a feeding source failed (connection error, credentials rejected, failed)
    | 'latest_run_partial'
    | 'no_baseline' // no complete snapshot before the period start (Type 2)
    | 'missed_runs' // runs that were due and did not happen, in the period
    | 'stale' // Type 1: the latest snapshot before the date is older than the cadence + 24 h
    | 'manual_expired' // manual evidence attached to the criterion expired (judged on the period end, or today while it runs)
    | 'vendor_report_expired' // CC9.2: a register vendor's SOC 2 / ISO report expired
    | 'vendor_review_overdue'; // CC9.2: a register vendor's review is overdue (or it was never reviewed)
  message: string;
  series?: string;
  source?: string;
  kind?: string;
  gap?: GapView;
  runId?: number;
  seqs?: number[];
  missed?: string[];
}

export interface GapView {
  from: string;
  to: string;
  hours: number;
  allowedHours: number;
}

export interface StrengthLabelsView {
  assurance: 'design' | 'operating';
  provenance: 'api_snapshot' | 'admin_export' | 'manual_upload' | 'derived';
  coverage: 'point_in_time' | 'period';
}

export interface RunRefView {
  id: number;
  status: 'running' | 'complete' | 'partial' | 'failed' | 'interrupted';
  outcome: SourceHealth;
  startedAt: string;
  reason: string | null;
  code: string | null;
}

/** One evidence series (snapshot kind × source × scope) behind a criterion, over the period. */
export interface ReadinessSeriesView {
  series: string;
  kind: string;
  source: string | null;
  scope: Record<string, string>;
  cadence: Cadence;
  allowedGapHours: number;
  /** Complete / partial / failed items whose evidence-for date is in the evaluated part of the period. */
  collections: number;
  partial: number;
  failed: number;
  first: string | null;
  last: string | null;
  /** The latest complete item before the period start (state at day 1). */
  baseline: { seq: number; at: string } | null;
  /** The series' strength labels: provenance of its latest item, coverage and assurance over the period. */
  labels: StrengthLabelsView;
  gaps: GapView[];
  /** Items in the period (evidence-for date), in time order. */
  seqs: number[];
  latestRun: RunRefView | null;
}

export interface CriterionReadinessView {
  id: string;
  title: string;
  status: ReadinessStatus;
  reasons: ReadinessReason[];
  /**
   * Evidence kinds mapped to the criterion by this build (snapshots and their diffs), with items in the period; plus
   * `manual.document` (manual files attached to it) and, for CC9.2, `vendor.entry` (the register) when present.
   */
  kinds: { kind: string; family: string; derived: boolean; items: number }[];
  series: ReadinessSeriesView[];
  notApplicable: NotApplicableView | null;
  /** Missed runs of the feeding sources inside the period. */
  missed: MissedRunView[];
}

/** How a source's last run ended: connection errors and rejected credentials are their own statuses. */
export type SourceHealth = 'ok' | 'no_data' | 'partial' | 'connection_error' | 'credentials_rejected' | 'failed' | 'interrupted' | 'running';
export type Freshness = 'fresh' | 'due_soon' | 'overdue';

export interface SourceReadinessView {
  source: string;
  type: string;
  importOnly: boolean;
  schedule: ScheduleView;
  /** Latest complete or partial collection (for import-only sources: the latest imported item's evidence-for time). */
  lastSuccess: { at: string; runId: number | null } | null;
  lastRun: RunRefView | null;
  nextDue: string | null;
  /** Failed runs since the last successful one. */
  consecutiveFailures: number;
  /** never_run: no run yet; import_only: evidence arrives by import. */
  status: SourceHealth | 'never_run' | 'import_only';
  lastFailure: {
    runId: number;
    at: string;
    status: 'connection_error' | 'credentials_rejected' | 'failed' | 'interrupted';
    reason: string | null;
    code: string | null;
  } | null;
  freshness: Freshness;
  /** Why this freshness, in one sentence. */
  freshnessReason: string;
  /** Missed runs recorded for this source (in the period when one is given, else all). */
  missed: MissedRunView[];
}

export interface ReadinessView {
  period: PeriodView | null;
  asOf: string;
  /** Type 2: the period is judged up to min(now, end); a window still running is not "at risk" for its future. */
  evaluatedTo: string | null;
  counts: Record<ReadinessStatus, number>;
  criteria: CriterionReadinessView[];
  sources: SourceReadinessView[];
  /** Sources whose freshness is overdue (the app shows these on first open). */
  overdue: string[];
}

export type CellState = 'complete' | 'partial' | 'failed' | 'missed' | 'none';

/** One column: an ISO week (Monday 00:00 UTC) clipped to the period; the first and last may be partial weeks. */
export interface CoverageWeekView {
  index: number;
  /** First and last day of the week inside the period (UTC, inclusive). */
  from: string;
  to: string;
  days: number;
  /** Clipped by the period start or end (fewer than 7 days). */
  partial: boolean;
  /** Starts after the clock's now: nothing can be there yet. */
  future: boolean;
  /** ISO week label, e.g. 2026-W09. */
  isoWeek: string;
}

/** What one series (or one criterion, across its series) had in one week, and what is behind it. */
export interface CoverageCellView {
  state: CellState;
  /** Items whose evidence-for date falls in the week (complete, partial and failed). */
  seqs: number[];
  /** Runs of the feeding sources started in the week (failed ones included). */
  runIds: number[];
  /** Due times of missed runs in the week. */
  missed: string[];
}

export interface CoverageSeriesRowView {
  series: string;
  kind: string;
  source: string | null;
  scope: Record<string, string>;
  baseline: CoverageCellView;
  cells: CoverageCellView[];
}

export interface CoverageCriterionRowView {
  criterion: string;
  title: string;
  status: ReadinessStatus;
  /** complete only when every series is complete that week; partial when some are; else failed, missed or none. */
  baseline: CoverageCellView;
  cells: CoverageCellView[];
  series: CoverageSeriesRowView[];
}

/** The heat map: criteria × weeks with a baseline column. The PDF draws the same model per criterion. */
export interface CoverageMapView {
  period: { name: string | null; type: 'type1' | 'type2'; from: string; to: string };
  asOf: string;
  weeks: CoverageWeekView[];
  criteria: CoverageCriterionRowView[];
}

// One list for the classifier and the contract (a pure module: the renderer may load it).
export { TIMELINE_KINDS, type TimelineKind };

export interface TimelineEventView {
  kind: TimelineKind;
  /** The change happened between the two snapshots: after `from.collectedAt`, at or before `to.collectedAt`. */
  at: string;
  source: string;
  sourceType: string;
  /** Snapshot kind compared, e.g. mlflow.registry. */
  snapshotKind: string;
  scope: Record<string, string>;
  change: ChangeView;
  /** One line for a person: "alice left", "model fraud v3: Staging → Production". */
  summary: string;
  /** The `<kind>.diff` item that records the comparison (null only when the store could not be written). */
  diff: { seq: number | null; kind: string };
  from: SnapshotRefView & { evidenceFor: string };
  to: SnapshotRefView & { evidenceFor: string };
}

export interface TimelineView {
  period: { name: string; from: string; to: string };
  total: number;
  events: TimelineEventView[];
  counts: Record<TimelineKind, number>;
  /** Consecutive snapshot pairs compared (the baseline and the first snapshot in the period included). */
  pairs: number;
  warnings: string[];
}

const periodRef = z.string().min(1);

export const readinessContract = {
  'readiness.get': spec<ReadinessView>()(
    'Per criterion in scope of a period: status (covered, at risk, not covered, not applicable) with the reasons, kinds, labels, series, gaps and missed runs behind it; per source: last success, next due, failures, freshness.',
    z.object({ period: periodRef.optional() }).strict(),
  ),
  'coverage.map': spec<CoverageMapView>()(
    'The coverage heat map of a period: criteria (and their series) × ISO weeks, with a baseline column; each cell complete, partial, failed, missed or none, with its items and runs.',
    z.object({ period: periodRef, criteria: z.array(z.string().min(1)).min(1).optional() }).strict(),
  ),
  'timeline.list': spec<TimelineView>()(
    'Joiners, leavers, role changes, promotions, approvals, alias moves and retention changes in a period across sources, each citing its diff item and the two snapshots; consecutive snapshots not yet compared are compared and recorded.',
    z
      .object({
        period: periodRef,
        source: z.string().min(1).optional(),
        kinds: z.array(z.enum(TIMELINE_KINDS)).min(1).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
  ),
};
