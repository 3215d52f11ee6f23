import type { CoreContext } from '../context';
import { getCriterion } from '../criteria';
import { dueState, effectiveSchedules, freshness } from '../schedule/state';
import { missedFor, scheduleOut } from '../schedule/views';
import type { EvidenceStore } from '../store/evidence-store';
import type { StoredPeriod } from '../store/period-store';
import { snapshotTimes, type SourceRunRow } from '../store/schedule-store';
import { listItemMeta } from '../store/store-reads';
import { foldRow, seriesRow, weekColumns } from './heatmap';
import { judgeHuman } from './human-readiness';
import { health, judgeCriterion, judgeSeries, latestRun, type ReadinessStatus } from './judge';
import { frameOf, loadSeries, snapshotKinds, t, type PeriodFrame, type SeriesData } from './period-data';

const runRef = (r: SourceRunRow) => ({ id: r.id, status: r.status, outcome: health(r), startedAt: r.startedAt, reason: r.reason, code: r.code });

const kindsOfType = (ctx: CoreContext) => (type: string) => (ctx.catalog.sourceTypes().includes(type) ? ctx.catalog.collector(type).kinds : []);

/** Everything one period's criteria need, loaded once. */
export function periodSeries(ctx: CoreContext, store: EvidenceStore, frame: PeriodFrame, criteria: readonly string[]) {
  const kinds = [...new Set(criteria.flatMap((c) => snapshotKinds(ctx.catalog.mappings, c)))];
  const all = loadSeries(store, frame, kinds, kindsOfType(ctx));
  return (criterion: string): SeriesData[] => {
    const mine = new Set(snapshotKinds(ctx.catalog.mappings, criterion));
    return all.filter((s) => mine.has(s.kind));
  };
}

export function criterionReadiness(
  ctx: CoreContext,
  store: EvidenceStore,
  frame: PeriodFrame,
  period: StoredPeriod,
  id: string,
  series: SeriesData[],
) {
  const mapped = ctx.catalog.mappings.kindsForCriterion(id);
  const judged = series.map((s) => judgeSeries(s, frame));
  const na = period.notApplicable.find((n) => n.criterion === id) ?? null;
  const human = judgeHuman(store, id, frame);
  const { status, reasons } = judgeCriterion(mapped.length, judged, na !== null, human);
  const counts = new Map<string, number>();
  for (const m of listItemMeta(store, { kinds: mapped, from: new Date(frame.start), to: new Date(frame.end - 1) }))
    counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1);
  const sourcesSeen = new Map(series.filter((s) => s.source).map((s) => [s.source!.id, s.source!]));
  return {
    id,
    title: getCriterion(id).title,
    status,
    reasons,
    kinds: mapped
      .map((kind) => {
        const m = ctx.catalog.mappings.forKind(kind)!;
        return { kind, family: m.family as string, derived: m.derived, items: counts.get(kind) ?? 0 };
      })
      .concat(human.kinds.map((k) => ({ ...k, derived: false }))),
    series: judged.map((j) => {
      const s = j.series;
      const inWindow = s.inPeriod.filter((m) => t(m) <= frame.until);
      const run = latestRun(s, frame);
      return {
        series: s.key,
        kind: s.kind,
        source: s.source?.name ?? null,
        scope: s.scope,
        cadence: s.source?.cadence ?? 'weekly',
        allowedGapHours: (s.source?.cadenceHours ?? 168) + 24,
        collections: inWindow.filter((m) => m.completeness === 'complete').length,
        partial: inWindow.filter((m) => m.completeness === 'partial').length,
        failed: inWindow.filter((m) => m.completeness === 'failed').length,
        first: inWindow[0]?.effective_at ?? null,
        last: inWindow.at(-1)?.effective_at ?? null,
        baseline: s.baseline ? { seq: s.baseline.seq, at: s.baseline.effective_at } : null,
        labels: j.labels,
        gaps: j.gaps,
        seqs: s.inPeriod.map((m) => m.seq),
        latestRun: run ? runRef(run) : null,
      };
    }),
    notApplicable: na,
    missed: [...sourcesSeen.values()].flatMap((src) =>
      missedFor(store, src.id, src.name, { from: new Date(frame.start).toISOString(), to: new Date(frame.until).toISOString() }),
    ),
  };
}

/** Per active source: last success, next due, failures since, the last failure's own status, freshness, missed runs. */
export function sourceReadiness(store: EvidenceStore, now: Date, frame: PeriodFrame | null) {
  return effectiveSchedules(store, now).map((s) => {
    const due = dueState(store, s, now);
    const lastImported = s.importOnly ? (snapshotTimes(store, s.source.id).at(-1) ?? null) : null;
    const lastSuccessAt = s.importOnly ? lastImported : (due.lastSuccess?.finishedAt ?? due.lastSuccess?.startedAt ?? null);
    const fresh = freshness(s, due, lastSuccessAt, now);
    const failure = [...due.runs].reverse().find((r) => r.status === 'failed' || r.status === 'interrupted');
    const failureHealth = failure ? health(failure) : null;
    const bounds = frame ? { from: new Date(frame.start).toISOString(), to: new Date(frame.until).toISOString() } : {};
    return {
      source: s.source.name,
      type: s.source.type,
      importOnly: s.importOnly,
      schedule: scheduleOut(store, s, now),
      lastSuccess: lastSuccessAt ? { at: lastSuccessAt, runId: s.importOnly ? null : (due.lastSuccess?.id ?? null) } : null,
      lastRun: due.lastRun ? runRef(due.lastRun) : null,
      nextDue: due.nextDue,
      consecutiveFailures: due.consecutiveFailures,
      status: s.importOnly ? ('import_only' as const) : due.lastRun ? health(due.lastRun) : ('never_run' as const),
      lastFailure:
        failure && failureHealth
          ? {
              runId: failure.id,
              at: failure.startedAt,
              status: failureHealth as 'connection_error' | 'credentials_rejected' | 'failed' | 'interrupted',
              reason: failure.reason,
              code: failure.code,
            }
          : null,
      freshness: fresh.freshness,
      freshnessReason: fresh.reason,
      missed: missedFor(store, s.source.id, s.source.name, bounds),
    };
  });
}

export function frameFor(period: StoredPeriod, now: Date): PeriodFrame {
  return frameOf({ name: period.name, type: period.type, from: period.from, to: period.to }, now);
}

/** The heat map rows of some criteria over a frame (the app's coverage.map and the PDF). */
export function heatmap(
  ctx: CoreContext,
  store: EvidenceStore,
  frame: PeriodFrame,
  criteria: readonly string[],
  statusOf: (id: string, series: SeriesData[]) => ReadinessStatus,
) {
  const weeks = weekColumns(frame);
  const seriesOf = periodSeries(ctx, store, frame, criteria);
  return {
    weeks,
    criteria: criteria.map((id) => {
      const series = seriesOf(id);
      const rows = series.map((s) => seriesRow(s, weeks, frame));
      return { criterion: id, title: getCriterion(id).title, status: statusOf(id, series), ...foldRow(rows, weeks.length), series: rows };
    }),
  };
}
