/**
 * One change timeline for a period across sources: every pair of consecutive usable snapshots of a series (the
 * baseline and the first snapshot inside included) is compared with the family's differ; each change becomes an
 * event citing the `<kind>.diff` item (recorded once per pair, reused after) and the two snapshots.
 */
import type { CoreContext } from '../context';
import { diffSnapshots } from '../diff/service';
import type { Change } from '../diff/types';
import type { EvidenceStore } from '../store/evidence-store';
import { getItem, listSources } from '../store/store-reads';
import { AppError } from '../util/errors';
import { getPeriod } from '../store/period-store';
import { frameFor } from './readiness';
import { loadSeries, t, type SeriesData } from './period-data';
import { classify, summarize, TIMELINE_KINDS, type TimelineKind } from './timeline-kinds';

export interface TimelineQuery {
  period: string;
  source?: string;
  kinds?: TimelineKind[];
  offset: number;
  limit: number;
}

interface Snap {
  seq: number;
  contentSha256: string;
  collectedAt: string;
  completeness: string;
  evidenceFor: string;
}

const snap = (m: SeriesData['items'][number]): Snap => ({
  seq: m.seq,
  contentSha256: m.content_sha256,
  collectedAt: m.collected_at,
  completeness: m.completeness,
  evidenceFor: m.effective_at,
});

const content = (store: EvidenceStore, seq: number): unknown => JSON.parse(getItem(store, seq).content.toString('utf8'));

/** The changes between two snapshots and the diff item recording them (null when this store cannot be written). */
function comparePair(
  ctx: CoreContext,
  store: EvidenceStore,
  s: SeriesData,
  a: Snap,
  b: Snap,
): { changes: Change[]; diffSeq: number | null; warnings: string[] } {
  const writable = !store.readOnly && !store.warning && s.source !== null && !s.source.removed;
  if (writable) {
    const r = diffSnapshots(store, { source: s.source!.name, kind: s.kind, from: a.seq, to: b.seq }, ctx.actor, ctx.catalog.differ);
    return { changes: r.changes, diffSeq: r.recorded.seq, warnings: r.warnings };
  }
  const changes = ctx.catalog.differ(s.kind)(content(store, a.seq), content(store, b.seq));
  return {
    changes,
    diffSeq: null,
    warnings: [`Items #${a.seq} and #${b.seq} were compared without recording the diff (the store is read-only or the source was removed).`],
  };
}

export function periodTimeline(ctx: CoreContext, q: TimelineQuery) {
  // The store itself when it can be written (pairs not yet compared are recorded), else read-only (compared only).
  const store = ctx.readStore();
  const period = getPeriod(store, q.period);
  const frame = frameFor(period, ctx.clock());
  const diffable = new Set(ctx.catalog.diffKinds());
  const kindsOfType = (type: string) => (ctx.catalog.sourceTypes().includes(type) ? ctx.catalog.collector(type).kinds : []);
  const series = loadSeries(store, frame, [...diffable], kindsOfType).filter((s) => !q.source || s.source?.name === q.source);
  if (q.source && !listSources(store, true).some((src) => src.name === q.source))
    throw new AppError('NOT_FOUND', `No source named "${q.source}" (now or removed).`);
  const events = [];
  const warnings: string[] = [];
  let pairs = 0;
  for (const s of series) {
    const usable = s.items.filter((m) => m.completeness !== 'failed');
    const startAt = usable.findIndex((m) => t(m) >= frame.start);
    if (startAt < 0) continue;
    for (let i = Math.max(1, startAt); i < usable.length; i++) {
      const [a, b] = [snap(usable[i - 1]!), snap(usable[i]!)];
      if (Date.parse(b.evidenceFor) >= frame.end) break;
      if (usable[i - 1]!.scope !== usable[i]!.scope) continue;
      pairs += 1;
      const r = comparePair(ctx, store, s, a, b);
      warnings.push(...r.warnings);
      const family = ctx.catalog.mappings.forKind(s.kind)?.family ?? null;
      for (const change of r.changes) {
        const kind = classify(family, change.type);
        events.push({
          kind,
          at: b.evidenceFor,
          source: s.source?.name ?? '(no source)',
          sourceType: s.source?.type ?? '',
          snapshotKind: s.kind,
          scope: s.scope,
          change,
          summary: summarize(change),
          diff: { seq: r.diffSeq, kind: `${s.kind}.diff` },
          from: a,
          to: b,
        });
      }
    }
  }
  events.sort((x, y) => Date.parse(x.at) - Date.parse(y.at) || x.source.localeCompare(y.source) || x.to.seq - y.to.seq);
  const counts = Object.fromEntries(TIMELINE_KINDS.map((k) => [k, 0])) as Record<TimelineKind, number>;
  for (const e of events) counts[e.kind] += 1;
  const wanted = q.kinds ? events.filter((e) => q.kinds!.includes(e.kind)) : events;
  return {
    period: { name: period.name, from: period.from, to: period.to },
    total: wanted.length,
    events: wanted.slice(q.offset, q.offset + q.limit),
    counts,
    pairs,
    warnings: [...new Set(warnings)],
  };
}
