import type { Actor } from '../evidence/actor';
import type { EvidenceStore } from '../store/evidence-store';
import { getItem } from '../store/store-reads';
import { AppError } from '../util/errors';
import { principalsOf } from './normalise';
import { accessMetas, sourceIndex } from './snapshots';
import type { ReviewableSnapshotView } from './view-types';

export { startReview } from './start';
export { decide, closeReview } from './decide';
export { reviewView, listReviews } from './view';
export { reviewCsv, importReviewCsv } from './csv';
export { REVIEWABLE_KINDS } from './normalise';
export type { Actor };

/** Access snapshots a review can start from, newest first, with how many principals each lists. */
export function reviewableSnapshots(store: EvidenceStore, source: string | undefined, limit: number): ReviewableSnapshotView[] {
  const sources = sourceIndex(store);
  // An unknown name is a typo, not "no snapshots": say so (review start --source does the same).
  if (source && ![...sources.values()].some((s) => s.name === source))
    throw new AppError('NOT_FOUND', `No source named "${source}" (now or removed). See \`evidence-locker source list --all\`.`);
  const metas = accessMetas(store).filter((m) => m.completeness !== 'failed' && (!source || sources.get(m.source_id ?? -1)?.name === source));
  return metas
    .reverse()
    .slice(0, limit)
    .map((m) => ({
      seq: m.seq,
      kind: m.kind,
      source: sources.get(m.source_id ?? -1)?.name ?? 'unknown source',
      collectedAt: m.collected_at,
      contentSha256: m.content_sha256,
      principals: principalsOf(m.kind, JSON.parse(getItem(store, m.seq).content.toString('utf8'))).length,
    }));
}
