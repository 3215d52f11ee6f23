import type { Actor } from '../evidence/actor';
import type { EvidenceStore } from '../store/evidence-store';
import { recordReviewStart, reviewLineRows, listReviewRows } from '../store/review-store';
import { getSource } from '../store/store-reads';
import { canonicalBytes, canonicalText, sha256Hex } from '../util/canonical';
import { endOfDay, parseDay } from '../util/day';
import { AppError } from '../util/errors';
import { buildLines, type ReviewSnapshot } from './build-lines';
import { accessMetas, latestPerSeries, loadSnapshot, peopleBySource, sourceIndex } from './snapshots';
import type { ReviewLine } from './types';

export interface StartInput {
  snapshot?: number;
  from?: string;
  to?: string;
  source?: string;
  title?: string;
  reviewer?: string;
}

const dayStart = (d: string): Date => {
  const p = parseDay(d);
  if (!p.ok) throw new AppError('BAD_INPUT', p.reason);
  return p.start;
};

function chooseSnapshots(store: EvidenceStore, input: StartInput, sources: ReturnType<typeof sourceIndex>): ReviewSnapshot[] {
  if (input.snapshot !== undefined) return [loadSnapshot(store, input.snapshot, sources)];
  const from = dayStart(input.from!);
  const to = endOfDay(dayStart(input.to!));
  if (from > to) throw new AppError('BAD_INPUT', `The period starts (${input.from}) after it ends (${input.to}).`);
  const sourceId = input.source ? getSource(store, input.source).id : undefined;
  const metas = latestPerSeries(accessMetas(store, { sourceId, from, to }));
  if (!metas.length)
    throw new AppError(
      'NOT_FOUND',
      `No access snapshot was collected between ${input.from} and ${input.to}${input.source ? ` for ${input.source}` : ''}.`,
    );
  return metas.map((m) => loadSnapshot(store, m.seq, sources));
}

/** The latest earlier review that covered one of these sources: lines are tagged new / removed / unchanged against it. */
function previousReview(store: EvidenceStore, sources: ReadonlySet<string>): { id: number; lines: Map<string, ReviewLine> } | null {
  for (const r of listReviewRows(store)) {
    const lines = reviewLineRows(store, r.id).map((row) => ({ ...(JSON.parse(row.data) as Omit<ReviewLine, 'line'>), line: row.line_no }));
    if (lines.some((l) => sources.has(l.source))) return { id: r.id, lines: new Map(lines.map((l) => [l.key, l])) };
  }
  return null;
}

/** Starts a review: reads the snapshots, builds lines, records the review and a signed `review_started` entry. */
export function startReview(store: EvidenceStore, input: StartInput, actor: Actor): number {
  store.assertWritable();
  const sources = sourceIndex(store);
  const snapshots = chooseSnapshots(store, input, sources);
  const names = new Set(snapshots.map((s) => s.source));
  const prev = previousReview(store, names);
  const lines = buildLines({ snapshots, previous: prev?.lines ?? new Map(), peopleBySource: peopleBySource(store, undefined, sources) });
  if (!lines.length) throw new AppError('BAD_INPUT', `The snapshot(s) ${snapshots.map((s) => `#${s.seq}`).join(', ')} list no principals to review.`);
  const title =
    input.title ||
    (input.snapshot !== undefined
      ? `Access review of ${snapshots[0]!.source} ${snapshots[0]!.kind} (#${snapshots[0]!.seq})`
      : `Access review ${input.from} to ${input.to}${input.source ? ` (${input.source})` : ''}`);
  return recordReviewStart(store, {
    title,
    periodFrom: input.from ?? null,
    periodTo: input.to ?? null,
    createdBy: input.reviewer || actor.osUser,
    previousId: prev?.id ?? null,
    snapshots: snapshots.map((s) => ({ seq: s.seq, contentSha256: s.contentSha256, kind: s.kind, source: s.source })),
    lines: lines.map((l) => ({ key: l.key, data: canonicalText(l) })),
    logDetail: { lines: lines.length, linesSha256: sha256Hex(canonicalBytes(lines)) },
  });
}
