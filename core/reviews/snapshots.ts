import type { EvidenceStore } from '../store/evidence-store';
import { getItem, listItemMeta, listSources, type ItemMeta } from '../store/store-reads';
import { AppError } from '../util/errors';
import type { ReviewSnapshot } from './build-lines';
import { personKey } from './flags';
import { principalsOf, REVIEWABLE_KINDS } from './normalise';

/** Source id → name and type, removed sources included (old snapshots keep their source). */
export function sourceIndex(store: EvidenceStore): Map<number, { name: string; type: string }> {
  return new Map(listSources(store, true).map((s) => [s.id, { name: s.name, type: s.type }]));
}

/** One stored access snapshot, parsed, as a review reads it. A failed snapshot holds no list and is refused. */
export function loadSnapshot(store: EvidenceStore, seq: number, sources = sourceIndex(store)): ReviewSnapshot {
  const row = getItem(store, seq);
  if (!REVIEWABLE_KINDS.includes(row.kind))
    throw new AppError('BAD_INPUT', `Item #${seq} is ${row.kind}, not an access snapshot. Reviews start from: ${REVIEWABLE_KINDS.join(', ')}.`);
  if (row.completeness === 'failed') throw new AppError('BAD_INPUT', `Item #${seq} records a failed collection: it lists no principals to review.`);
  const src = row.source_id === null ? null : sources.get(row.source_id);
  return {
    seq: row.seq,
    kind: row.kind,
    source: src?.name ?? 'unknown source',
    sourceType: src?.type ?? row.kind.split('.')[0]!,
    collectedAt: row.collected_at,
    contentSha256: row.content_sha256,
    content: JSON.parse(row.content.toString('utf8')) as unknown,
  };
}

/** The newest non-failed access snapshot per source, kind and scope among `metas` (sequence order in, newest wins). */
export function latestPerSeries(metas: readonly ItemMeta[]): ItemMeta[] {
  const latest = new Map<string, ItemMeta>();
  for (const m of metas) if (m.completeness !== 'failed') latest.set(`${m.source_id}|${m.kind}|${m.scope}`, m);
  return [...latest.values()].sort((a, b) => a.seq - b.seq);
}

export const accessMetas = (store: EvidenceStore, q: { sourceId?: number; from?: Date; to?: Date } = {}) =>
  listItemMeta(store, { ...q, kinds: REVIEWABLE_KINDS });

/** Person keys per source from each source's latest access snapshots (up to `to`): the directory orphans are judged against. */
export function peopleBySource(store: EvidenceStore, to: Date | undefined, sources = sourceIndex(store)): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const m of latestPerSeries(accessMetas(store, { to }))) {
    const snap = loadSnapshot(store, m.seq, sources);
    const keys = out.get(snap.source) ?? new Set<string>();
    for (const p of principalsOf(snap.kind, snap.content)) {
      const k = personKey(p.person);
      if (k && p.type === 'user' && !p.deleted) keys.add(k);
    }
    out.set(snap.source, keys);
  }
  return out;
}
