/**
 * One change timeline for a period across sources: every pair of consecutive usable snapshots of a series (the
 * baseline and the first snapshot inside included) is compared with the family's differ; each change becomes an
 * event citing the `<kind>.diff` item (recorded once per pair, reused after) and the two snapshots.
 */
import type { CoreContext } from '../context';
import { compareSnapshots } from '../diff/service';
import type { NewItem } from '../evidence/ipe';
import { recordItems } from '../store/store-writes';
import type { Change } from '../diff/types';
import type { EvidenceStore } from '../store/evidence-store';
import { getItem, listItemMeta, listSources } from '../store/store-reads';
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

/** A pair's changes and the diff item behind them; `diff.seq` is filled once a pending batch is recorded. */
type Compared = { changes: Change[]; diff: { seq: number | null; kind: string }; warnings: string[]; evidenceFor?: string };

/**
 * The diff items already recorded for a series' source and kind, by the pair they compare (the latest per pair):
 * looking at the timeline again reads these small items instead of re-reading and re-diffing both snapshots.
 */
function recordedDiffs(store: EvidenceStore, s: SeriesData): Map<string, Compared> {
  const out = new Map<string, Compared>();
  if (!s.source) return out;
  const kind = `${s.kind}.diff`;
  for (const m of listItemMeta(store, { sourceId: s.source.id, kind })) {
    const c = content(store, m.seq) as { from?: { seq?: number }; to?: { seq?: number }; changes?: Change[] };
    if (typeof c.from?.seq === 'number' && typeof c.to?.seq === 'number' && Array.isArray(c.changes))
      out.set(`${c.from.seq}>${c.to.seq}`, { changes: c.changes, diff: { seq: m.seq, kind }, warnings: [], evidenceFor: m.effective_at });
  }
  return out;
}

/**
 * The changes between two snapshots. A pair not compared before is diffed and its item queued in `pending` (the
 * caller records a series' queue in one transaction); a store that cannot be written gets the changes only.
 */
function comparePair(
  ctx: CoreContext,
  store: EvidenceStore,
  s: SeriesData,
  a: Snap,
  b: Snap,
  known: Map<string, Compared>,
  pending: NewItem[],
): Compared {
  const hit = known.get(`${a.seq}>${b.seq}`);
  const kind = `${s.kind}.diff`;
  const writable = !store.readOnly && !store.warning && s.source !== null && !s.source.removed;
  // A diff recorded before diffs carried the later snapshot's evidence-for time is dated when it was run (maybe
  // after the period): a writable store records the pair once more, correctly dated, so the period's bundle has it.
  const misdated =
    hit?.evidenceFor !== undefined &&
    Date.parse(hit.evidenceFor) !== Date.parse(b.evidenceFor) &&
    Date.parse(b.evidenceFor) <= Date.parse(store.now());
  if (hit && !(writable && misdated)) return hit;
  if (writable) {
    const d = compareSnapshots(store, { source: s.source!.name, kind: s.kind, from: a.seq, to: b.seq }, ctx.actor, ctx.catalog.differ);
    pending.push(d.item);
    const compared = { changes: d.result.changes, diff: { seq: null, kind }, warnings: d.result.warnings };
    known.set(`${a.seq}>${b.seq}`, compared);
    return compared;
  }
  const changes = ctx.catalog.differ(s.kind)(content(store, a.seq), content(store, b.seq));
  return {
    changes,
    diff: { seq: null, kind },
    warnings: [`Items #${a.seq} and #${b.seq} were compared without recording the diff (the store is read-only or the source was removed).`],
  };
}

/** Records a series' new diff items in one transaction and points their events at them. */
function recordPending(store: EvidenceStore, s: SeriesData, pending: NewItem[], known: Map<string, Compared>): void {
  if (pending.length === 0 || !s.source) return;
  const recorded = recordItems(store, { runId: null, sourceId: s.source.id }, pending);
  pending.forEach((item, i) => {
    const c = item.content as { from: { seq: number }; to: { seq: number } };
    const entry = known.get(`${c.from.seq}>${c.to.seq}`);
    if (entry) entry.diff.seq = recorded[i]!.seq;
  });
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
  let recordedAny = false;
  for (const s of series) {
    const usable = s.items.filter((m) => m.completeness !== 'failed');
    const known = recordedDiffs(store, s);
    const pending: NewItem[] = [];
    const startAt = usable.findIndex((m) => t(m) >= frame.start);
    if (startAt < 0) continue;
    for (let i = Math.max(1, startAt); i < usable.length; i++) {
      const [a, b] = [snap(usable[i - 1]!), snap(usable[i]!)];
      if (Date.parse(b.evidenceFor) >= frame.end) break;
      if (usable[i - 1]!.scope !== usable[i]!.scope) continue;
      pairs += 1;
      const r = comparePair(ctx, store, s, a, b, known, pending);
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
          diff: r.diff,
          from: a,
          to: b,
        });
      }
    }
    recordPending(store, s, pending, known);
    recordedAny ||= pending.length > 0;
  }
  if (recordedAny) store.checkpoint(); // one signed checkpoint for every diff this look recorded
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
