/**
 * Readiness of one criterion for a period (criteria.md §4): covered, at risk (a gap longer than the cadence + 24 h,
 * a failed or partial latest run, no baseline before the start, missed runs), not covered, or not applicable.
 * Pure over the loaded series: the handler feeds it.
 */
import { provenanceLabel, seriesCoverage } from '../criteria';
import { t, type PeriodFrame, type SeriesData, type SourceInfo } from './period-data';
import { gapsOf } from './weeks';

export type ReadinessStatus = 'covered' | 'at_risk' | 'not_covered' | 'not_applicable';

export interface Reason {
  code:
    | 'no_kind_mapped'
    | 'no_source'
    | 'no_evidence'
    | 'gap'
    | 'latest_run_failed'
    | 'latest_run_partial'
    | 'no_baseline'
    | 'missed_runs'
    | 'stale'
    | 'manual_expired'
    | 'vendor_report_expired'
    | 'vendor_review_overdue';
  message: string;
  series?: string;
  source?: string;
  kind?: string;
  gap?: { from: string; to: string; hours: number; allowedHours: number };
  runId?: number;
  seqs?: number[];
  missed?: string[];
}

export type Health = 'ok' | 'no_data' | 'partial' | 'connection_error' | 'credentials_rejected' | 'failed' | 'interrupted' | 'running';

const CREDENTIALS = new Set(['AUTH_FAILED', 'FORBIDDEN', 'ENVIRONMENT']);

/** A run's outcome in a compliance officer's words: a rejected credential or an unreachable server is not a failed control. */
export function health(r: { status: string; code: string | null; records: number | null }): Health {
  if (r.status === 'failed')
    return r.code && CREDENTIALS.has(r.code) ? 'credentials_rejected' : r.code === 'UNREACHABLE' ? 'connection_error' : 'failed';
  if (r.status === 'complete') return r.records === 0 ? 'no_data' : 'ok';
  return r.status as Health;
}

const HEALTH_WORDS: Record<Health, string> = {
  ok: 'complete',
  no_data: 'complete but empty',
  partial: 'partial',
  connection_error: 'a connection error',
  credentials_rejected: 'credentials rejected (or missing)',
  failed: 'failed',
  interrupted: 'interrupted',
  running: 'still running',
};

const iso = (ms: number) => new Date(ms).toISOString();
/** 2026-03-23 06:00Z: what a person reads in a reason. */
const when = (text: string) => `${text.slice(0, 16).replace('T', ' ')}Z`;
export const allowedHours = (s: SourceInfo | null) => (s ? s.cadenceHours : 168) + 24;

export interface SeriesJudgement {
  series: SeriesData;
  reasons: Reason[];
  gaps: { from: string; to: string; hours: number; allowedHours: number }[];
  /** Complete items in the judged part of the period (Type 1: at or before the date). */
  usable: number;
  labels: { assurance: 'design' | 'operating'; provenance: ReturnType<typeof provenanceLabel>; coverage: 'point_in_time' | 'period' };
}

/** The latest run of the series' source at or before the judged moment. */
export function latestRun(s: SeriesData, frame: PeriodFrame) {
  return (s.source?.runs ?? []).filter((r) => Date.parse(r.startedAt) <= frame.until).at(-1) ?? null;
}

export function judgeSeries(s: SeriesData, frame: PeriodFrame): SeriesJudgement {
  const reasons: Reason[] = [];
  const allowed = allowedHours(s.source);
  const where = { series: s.key, source: s.source?.name, kind: s.kind };
  const who = s.source ? `${s.source.name}: ` : '';
  const complete = s.items.filter((m) => m.completeness === 'complete');
  const inWindow = complete.filter((m) => t(m) >= frame.start && t(m) <= frame.until);
  let usable = inWindow.length;
  const gaps: SeriesJudgement['gaps'] = [];
  if (frame.type === 'type1') {
    const latest = complete.filter((m) => t(m) <= frame.end - 1).at(-1);
    usable = latest ? 1 : 0;
    if (!latest) reasons.push({ code: 'no_evidence', message: `${who}no complete ${s.kind} snapshot at or before ${frame.from}`, ...where });
    else if ((frame.start - t(latest)) / 3_600_000 > allowed)
      reasons.push({
        code: 'stale',
        message: `${who}the latest ${s.kind} snapshot before ${frame.from} is from ${when(latest.effective_at)}, older than ${allowed} h`,
        ...where,
        seqs: [latest.seq],
      });
  } else if (frame.now >= frame.start) {
    if (!s.baseline)
      reasons.push({ code: 'no_baseline', message: `${who}no complete ${s.kind} snapshot before the period starts (${frame.from})`, ...where });
    const anchor = s.baseline ? t(s.baseline) : frame.start;
    for (const g of gapsOf(inWindow.map(t), anchor, frame.start, frame.until, allowed)) {
      const gap = { from: iso(g.from), to: iso(g.to), hours: g.hours, allowedHours: allowed };
      gaps.push(gap);
      reasons.push({
        code: 'gap',
        message: `${who}${g.hours} h without a complete ${s.kind} snapshot (${when(gap.from)} → ${when(gap.to)}; allowed ${allowed} h)`,
        ...where,
        gap,
      });
    }
    const missed = (s.source?.missed ?? [])
      .filter((m) => Date.parse(m.due_at) >= frame.start && Date.parse(m.due_at) <= frame.until)
      .map((m) => m.due_at);
    if (missed.length)
      reasons.push({
        code: 'missed_runs',
        message: `${who}${missed.length} scheduled run(s) did not happen (${missed.slice(0, 3).map(when).join(', ')}${missed.length > 3 ? ', …' : ''})`,
        ...where,
        missed,
      });
  } else if (!s.baseline) {
    reasons.push({
      code: 'no_baseline',
      message: `${who}the period starts ${frame.from}; no complete ${s.kind} snapshot yet to serve as its baseline`,
      ...where,
    });
  }
  const run = latestRun(s, frame);
  if (run && (run.status === 'failed' || run.status === 'interrupted' || run.status === 'partial')) {
    const h = health(run);
    reasons.push({
      code: run.status === 'partial' ? 'latest_run_partial' : 'latest_run_failed',
      message: `${who}the latest run (#${run.id}, ${when(run.startedAt)}) ended with ${HEALTH_WORDS[h]}${run.reason ? `: ${run.reason}` : ''}`,
      ...where,
      runId: run.id,
    });
  }
  const cov =
    frame.type === 'type2' && frame.now >= frame.start
      ? seriesCoverage(
          inWindow.map((m) => m.effective_at),
          { start: new Date(frame.start), end: new Date(frame.until) },
          { cadenceHours: s.source?.cadenceHours ?? 168 },
        )
      : null;
  const last = s.inPeriod.at(-1) ?? s.baseline ?? s.items.at(-1);
  return {
    series: s,
    reasons,
    gaps,
    usable,
    labels: {
      provenance: provenanceLabel(last?.provenance ?? 'manual_upload'),
      coverage: cov?.label ?? 'point_in_time',
      assurance: cov?.assurance ?? 'design',
    },
  };
}

/**
 * One status from the series' judgements and the human evidence (manual files, the vendor register): not
 * applicable wins; then nothing at all is not covered; then any reason is at risk. Current manual or register
 * evidence covers a criterion no collected series backs (design evidence); expired files and vendors overdue add
 * their reasons. Series that exist but hold nothing usable still give their reasons.
 */
export function judgeCriterion(
  mappedKinds: number,
  series: readonly SeriesJudgement[],
  notApplicable: boolean,
  human: { usable: number; reasons: Reason[] } = { usable: 0, reasons: [] },
): { status: ReadinessStatus; reasons: Reason[] } {
  const reasons = [...series.flatMap((j) => j.reasons), ...human.reasons];
  const hasHuman = human.usable > 0 || human.reasons.length > 0;
  if (!hasHuman && mappedKinds === 0)
    return {
      status: notApplicable ? 'not_applicable' : 'not_covered',
      reasons: [
        {
          code: 'no_kind_mapped',
          message: 'no evidence kind this app collects supports this criterion: add manual evidence, or mark it not applicable with a reason',
        },
      ],
    };
  if (!hasHuman && series.length === 0)
    return {
      status: notApplicable ? 'not_applicable' : 'not_covered',
      reasons: [
        {
          code: 'no_source',
          // Also when a source of such a kind exists but its first item is from after the period end.
          message: 'no evidence of a kind mapped to this criterion up to the period end (no source collects one, or only after the period)',
        },
      ],
    };
  if (notApplicable) return { status: 'not_applicable', reasons };
  if (series.length > 0 && series.every((j) => j.usable === 0)) {
    const none = reasons.some((r) => r.code === 'no_evidence')
      ? []
      : [{ code: 'no_evidence' as const, message: 'no complete snapshot of a mapped kind in the period' }];
    return { status: hasHuman ? 'at_risk' : 'not_covered', reasons: [...none, ...reasons] };
  }
  return { status: reasons.length ? 'at_risk' : 'covered', reasons };
}
