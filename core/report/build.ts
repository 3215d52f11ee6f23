import { AppError } from '../util/errors';
import { scrubError } from '../util/scrub';
import { baseKind, getCriterion, itemLabels, periodOf, type CoverageOptions, type KindMapping, type Period } from '../criteria';
import type { EvidenceStore } from '../store/evidence-store';
import { allKeys, getItem, latestCheckpoint, listItemMeta, listRuns, sourceName, type ItemMeta } from '../store/store-reads';
import { coverageRow, seriesKey, snapshotCoverage, type SeriesInput } from './series';
import { summarizeIpe } from './ipe-summary';
import { criterionHeatmap } from '../periods/report-heatmap';
import { cadenceBySource } from '../schedule/state';
import { humanEvidence } from './human-evidence';
import { TableBuilder } from './tables';
import type { CoverageRow, CriterionReport, ReportItem, ReportQuery } from './types';

/** The report's (and the export's) period as instants; BAD_INPUT names the day that is not a usable one. */
export function parsePeriod(q: { from: string; to: string }): Period {
  try {
    return periodOf(q.from, q.to);
  } catch (err) {
    throw new AppError('BAD_INPUT', `Bad period ${q.from}..${q.to}: ${(err as Error).message}.`);
  }
}

function activeFingerprint(store: EvidenceStore): string {
  const key = allKeys(store)
    .filter((k) => k.retired_at === null)
    .at(-1);
  const fp = key?.fingerprint ?? latestCheckpoint(store)?.key_fingerprint;
  if (!fp) throw new AppError('NOT_INITIALIZED', 'The store has no signing key yet. Run `evidence-locker init`.');
  return fp;
}

/** Groups item metadata into series, with the latest complete item before the period as each one's baseline. */
function groupSeries(store: EvidenceStore, kinds: string[], period: Period): Map<string, SeriesInput> {
  const names = new Map<number | null, string | null>();
  const nameOf = (id: number | null) => {
    if (!names.has(id)) names.set(id, sourceName(store, id));
    return names.get(id)!;
  };
  const series = new Map<string, SeriesInput>();
  const seriesOf = (m: ItemMeta) => {
    const source = nameOf(m.source_id);
    const key = seriesKey(m.kind, source, m.scope);
    let s = series.get(key);
    if (!s) series.set(key, (s = { key, kind: m.kind, source, scopeText: m.scope, inPeriod: [], baseline: null }));
    return s;
  };
  // Bounds are instants (the store compares them as such), not day text; the baseline is strictly before the start.
  for (const m of listItemMeta(store, { kinds, to: new Date(period.start.getTime() - 1) })) {
    if (m.completeness !== 'complete' || m.kind !== baseKind(m.kind)) continue;
    const s = seriesOf(m);
    if (!s.baseline || Date.parse(m.effective_at) >= Date.parse(s.baseline.effective_at)) s.baseline = m;
  }
  for (const m of listItemMeta(store, { kinds, from: period.start, to: period.end })) seriesOf(m).inPeriod.push(m);
  // Placed by the time each item is evidence for (the collection time unless an import set an older one).
  for (const s of series.values()) s.inPeriod.sort((x, y) => Date.parse(x.effective_at) - Date.parse(y.effective_at) || x.seq - y.seq);
  return series;
}

/**
 * Everything the per-criterion PDF and bundle need: mapped items in the period plus each series' baseline,
 * their strength labels, coverage per series (gaps included), runs in the period (failed ones too) and tables.
 */
export function buildCriterionReport(store: EvidenceStore, q: ReportQuery): CriterionReport {
  const criterion = getCriterion(q.criterion);
  const period = parsePeriod(q);
  const mapped = q.mappings.kindsForCriterion(criterion.id);
  const mappedSet = new Set(mapped);
  // Diffs inherit coverage from their snapshot series, so read those even when the criterion maps only the diff.
  const kinds = [...new Set([...mapped, ...mapped.map(baseKind)])];
  const opts: CoverageOptions = { graceHours: q.graceHours, cadenceHours: q.cadenceHours };
  const series = groupSeries(store, kinds, period);

  // Each series is judged against its source's schedule (cadence + 24 h), as the heat map and readiness are.
  const cadence = cadenceBySource(store, new Date(store.now()));
  const optsFor = (s: SeriesInput): CoverageOptions => ({ ...opts, cadenceHours: q.cadenceHours ?? cadence.get(s.source ?? '') ?? 168 });
  const snapshotCov = new Map([...series.values()].map((s) => [s.key, snapshotCoverage(s, period, optsFor(s))]));
  const coverage: CoverageRow[] = [];
  const rowBySeries = new Map<string, CoverageRow>();
  for (const s of series.values()) {
    if (!mappedSet.has(s.kind)) continue;
    const baseKey = seriesKey(baseKind(s.kind), s.source, s.scopeText);
    const baseCov = snapshotCov.get(baseKey);
    const row = coverageRow(s, snapshotCov.get(s.key)!, baseCov && baseKey !== s.key ? { key: baseKey, cov: baseCov } : null);
    coverage.push(row);
    rowBySeries.set(s.key, row);
  }
  coverage.sort((a, b) => a.kind.localeCompare(b.kind) || a.series.localeCompare(b.series));

  const metas: { m: ItemMeta; s: SeriesInput; baseline: boolean }[] = [];
  for (const s of series.values()) {
    if (!mappedSet.has(s.kind)) continue;
    if (s.baseline) metas.push({ m: s.baseline, s, baseline: true });
    for (const m of s.inPeriod) metas.push({ m, s, baseline: false });
  }
  metas.sort((a, b) => a.m.seq - b.m.seq);

  // Tables show the state at the period end: the latest complete snapshot per series (else its baseline).
  const latest = new Set<number>();
  for (const s of series.values()) {
    if (!mappedSet.has(s.kind) || s.kind !== baseKind(s.kind)) continue;
    const seq = s.inPeriod.filter((m) => m.completeness === 'complete').at(-1)?.seq ?? s.baseline?.seq;
    if (seq !== undefined) latest.add(seq);
  }
  const tables = new TableBuilder(latest, q.mappings, mappedSet);
  const items: ReportItem[] = metas.map(({ m, s, baseline }) => {
    const row = rowBySeries.get(s.key)!;
    const full = getItem(store, m.seq); // one item's bytes at a time: memory stays flat for large periods
    const item: ReportItem = {
      seq: m.seq,
      kind: m.kind,
      source: s.source,
      scope: JSON.parse(m.scope) as Record<string, string>,
      collectedAt: m.collected_at,
      ...(m.evidence_for === null ? {} : { evidenceFor: m.evidence_for }),
      completeness: m.completeness,
      provenance: m.provenance,
      contentSha256: m.content_sha256,
      labels: itemLabels(m, row),
      baseline,
      series: s.key,
      runId: m.run_id,
      ipe: summarizeIpe(full.ipe),
    };
    tables.add(item, full.content);
    return item;
  });

  // Manual uploads and the vendor register: their items travel with proofs like any other (human-evidence.ts).
  const human = humanEvidence(store, criterion.id, period, new Date(store.now()));
  items.push(...human.items);
  const counts = { complete: 0, partial: 0, failed: 0 };
  for (const i of items) counts[i.completeness] += 1;
  const runs = listRuns(store, { from: period.start, to: period.end })
    .sort((x, y) => Date.parse(x.started_at) - Date.parse(y.started_at) || x.id - y.id)
    // Reasons are scrubbed when stored; a store from before that may still hold a credential, which no PDF prints.
    .map((r) => ({
      id: r.id,
      source: sourceName(store, r.source_id),
      status: r.status,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      reason: r.reason === null ? null : scrubError(r.reason, [], 1200),
    }));

  return {
    org: q.org,
    criterion,
    period: { from: q.from, to: q.to },
    generatedAt: store.now(),
    keyFingerprint: activeFingerprint(store),
    bundleId: q.bundleId ?? null,
    mappings: mapped.map((k) => q.mappings.forKind(k)).filter((m): m is KindMapping => m !== null),
    items,
    counts,
    runs,
    coverage,
    tables: tables.finish(),
    heatmap: criterionHeatmap(store, { criterion: criterion.id, from: q.from, to: q.to, mappings: q.mappings }, new Date(store.now())),
    manual: human.manual,
    vendors: human.vendors,
  };
}
