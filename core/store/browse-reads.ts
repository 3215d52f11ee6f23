import { sha256Hex } from '../util/canonical';
import { leafHash } from '../log/merkle';
import type { EvidenceStore } from './evidence-store';
import * as browse from './repos/browse';
import { latestCheckpoint } from './repos/checkpoints';
import { listExports } from './repos/exports';
import { itemBySeq } from './repos/items';
import { getLogEntry } from './repos/log';
import { listSources } from './repos/sources';
import { timeBound } from './repos/time-bound';
import { existsSync } from 'node:fs';
import { AppError } from '../util/errors';
import { dbOf } from './handle';

export interface BrowseQuery {
  source?: string;
  /** Kinds to include (already resolved from kind and criterion filters); an empty list matches nothing. */
  kinds?: string[];
  /**
   * With `kinds`: these items match as well, whatever their kind (manual uploads and register entries support a
   * criterion by what they were attached to, not by their kind).
   */
  alsoSeqs?: number[];
  /** YYYY-MM-DD, inclusive, UTC. */
  from?: string;
  to?: string;
  completeness?: string;
}

type SourceInfo = { name: string; type: string };

function sourceIndex(store: EvidenceStore): Map<number, SourceInfo> {
  return new Map(listSources(dbOf(store), true).map((s) => [s.id, { name: s.name, type: s.type }]));
}

/** Every id a name has had (a removed source's evidence keeps its name). */
function idsNamed(index: Map<number, SourceInfo>, name: string): number[] {
  const ids = [...index.entries()].filter(([, s]) => s.name === name).map(([id]) => id);
  // A name no source ever had is a typo, not an empty result (as for collect and diff).
  if (ids.length === 0) throw new AppError('NOT_FOUND', `No source named "${name}" (now or removed). See \`evidence-locker source list --all\`.`);
  return ids;
}

function toFilter(index: Map<number, SourceInfo>, q: BrowseQuery): browse.BrowseFilter {
  return {
    sourceIds: q.source ? idsNamed(index, q.source) : null,
    kinds: q.kinds ?? null,
    alsoSeqs: q.kinds && q.alsoSeqs?.length ? q.alsoSeqs : null,
    from: q.from ? timeBound(new Date(`${q.from}T00:00:00.000Z`)) : null,
    to: q.to ? timeBound(new Date(`${q.to}T23:59:59.999Z`)) : null,
    completeness: q.completeness ?? null,
  };
}

export interface BrowseItem {
  seq: number;
  runId: number | null;
  kind: string;
  source: string | null;
  sourceType: string | null;
  scope: Record<string, string>;
  collectedAt: string;
  /** The time the evidence is for: collectedAt unless an import set an older one. */
  evidenceFor: string;
  completeness: 'complete' | 'partial' | 'failed';
  provenance: string;
  contentSha256: string;
  logIdx: number;
}

export function browseItems(store: EvidenceStore, q: BrowseQuery, offset: number, limit: number): { total: number; rows: BrowseItem[] } {
  const index = sourceIndex(store);
  const filter = toFilter(index, q);
  const total = browse.countBrowse(dbOf(store), filter);
  const rows = offset >= total ? [] : browse.browsePage(dbOf(store), filter, offset, limit);
  return {
    total,
    rows: rows.map((r) => {
      const s = r.source_id === null ? undefined : index.get(r.source_id);
      return {
        seq: r.seq,
        runId: r.run_id,
        kind: r.kind,
        source: s?.name ?? null,
        sourceType: s?.type ?? null,
        scope: JSON.parse(r.scope) as Record<string, string>,
        collectedAt: r.collected_at,
        evidenceFor: r.effective_at,
        completeness: r.completeness,
        provenance: r.provenance,
        contentSha256: r.content_sha256,
        logIdx: r.log_idx,
      };
    }),
  };
}

export interface Facets {
  total: number;
  sources: { name: string; type: string; items: number }[];
  kinds: { kind: string; items: number; last: string }[];
  series: { source: string; kind: string; items: number; last: string }[];
  completeness: Record<string, number>;
  first: string | null;
  last: string | null;
}

export function itemFacets(store: EvidenceStore): Facets {
  const index = sourceIndex(store);
  const sources = new Map<string, { name: string; type: string; items: number }>();
  const kinds = new Map<string, { kind: string; items: number; last: string }>();
  const series = new Map<string, { source: string; kind: string; items: number; last: string }>();
  const completeness: Record<string, number> = {};
  let total = 0;
  let first: string | null = null;
  let last: string | null = null;
  for (const r of browse.facetRows(dbOf(store))) {
    total += r.n;
    completeness[r.completeness] = (completeness[r.completeness] ?? 0) + r.n;
    if (first === null || r.first < first) first = r.first;
    if (last === null || r.last > last) last = r.last;
    const k = kinds.get(r.kind) ?? { kind: r.kind, items: 0, last: r.last };
    k.items += r.n;
    if (r.last > k.last) k.last = r.last;
    kinds.set(r.kind, k);
    const s = r.source_id === null ? undefined : index.get(r.source_id);
    if (!s) continue;
    const src = sources.get(s.name) ?? { name: s.name, type: s.type, items: 0 };
    src.items += r.n;
    sources.set(s.name, src);
    // Failed snapshots are not compared (see diff/service), so they do not count towards a series.
    if (r.completeness === 'failed') continue;
    const key = `${s.name}\u0000${r.kind}`;
    const se = series.get(key) ?? { source: s.name, kind: r.kind, items: 0, last: r.last };
    se.items += r.n;
    if (r.last > se.last) se.last = r.last;
    series.set(key, se);
  }
  const byName = <T extends { name?: string; kind?: string; source?: string }>(a: T, b: T) =>
    (a.name ?? a.source ?? '').localeCompare(b.name ?? b.source ?? '') || (a.kind ?? '').localeCompare(b.kind ?? '');
  return {
    total,
    sources: [...sources.values()].sort(byName),
    kinds: [...kinds.values()].sort(byName),
    series: [...series.values()].sort(byName),
    completeness,
    first,
    last,
  };
}

export interface ItemWithIntegrity {
  item: BrowseItem;
  content: Buffer;
  ipe: Buffer;
  integrity: {
    logIdx: number;
    leafHash: string;
    contentSha256: string;
    ipeSha256: string;
    hashesMatch: boolean;
    logEntryMatches: boolean;
    checkpoint: { size: number; root: string; at: string; keyFingerprint: string; covers: boolean } | null;
  };
}

/** One item with what the log says about it, re-checked now: its bytes, its log entry, the latest checkpoint. */
export function itemWithIntegrity(store: EvidenceStore, seq: number): ItemWithIntegrity {
  const row = itemBySeq(dbOf(store), seq);
  if (!row) throw new AppError('NOT_FOUND', `No evidence item #${seq}.`);
  const index = sourceIndex(store);
  const entry = getLogEntry(dbOf(store), row.log_idx);
  let logEntryMatches = false;
  if (entry && entry.type === 'item_recorded' && leafHash(entry.body).equals(entry.leaf)) {
    const logged = (JSON.parse(entry.body.toString('utf8')) as { item?: { seq?: number; contentSha256?: string; ipeSha256?: string } }).item;
    logEntryMatches = logged?.seq === row.seq && logged.contentSha256 === row.content_sha256 && logged.ipeSha256 === row.ipe_sha256;
  }
  const cp = latestCheckpoint(dbOf(store));
  const s = row.source_id === null ? undefined : index.get(row.source_id);
  return {
    item: {
      seq: row.seq,
      runId: row.run_id,
      kind: row.kind,
      source: s?.name ?? null,
      sourceType: s?.type ?? null,
      scope: JSON.parse(row.scope) as Record<string, string>,
      collectedAt: row.collected_at,
      evidenceFor: row.evidence_for ?? row.collected_at,
      completeness: row.completeness,
      provenance: row.provenance,
      contentSha256: row.content_sha256,
      logIdx: row.log_idx,
    },
    content: row.content,
    ipe: row.ipe,
    integrity: {
      logIdx: row.log_idx,
      leafHash: entry ? entry.leaf.toString('hex') : '',
      contentSha256: row.content_sha256,
      ipeSha256: row.ipe_sha256,
      hashesMatch: sha256Hex(row.content) === row.content_sha256 && sha256Hex(row.ipe) === row.ipe_sha256,
      logEntryMatches,
      checkpoint: cp
        ? { size: cp.size, root: cp.root.toString('hex'), at: cp.created_at, keyFingerprint: cp.key_fingerprint, covers: cp.size > row.log_idx }
        : null,
    },
  };
}

export interface RunListRow {
  id: number;
  source: string | null;
  sourceType: string | null;
  startedAt: string;
  finishedAt: string | null;
  status: browse.RunRowLite['status'];
  reason: string | null;
  code: string | null;
  items: number | null;
  records: number | null;
  kinds: { kind: string; completeness: string; items: number; error?: string }[];
}

export function listRunsWithDetails(
  store: EvidenceStore,
  q: { source?: string; offset: number; limit: number },
): { total: number; rows: RunListRow[] } {
  const index = sourceIndex(store);
  const ids = q.source ? idsNamed(index, q.source) : null;
  const total = browse.countRuns(dbOf(store), ids);
  const rows = browse.runsPage(dbOf(store), ids, q.offset, q.limit);
  const finished = browse.runFinishBodies(
    dbOf(store),
    rows.map((r) => r.id),
  );
  return {
    total,
    rows: rows.map((r) => {
      const body = finished.get(r.id) ?? {};
      const s = r.source_id === null ? undefined : index.get(r.source_id);
      const num = (v: unknown) => (typeof v === 'number' ? v : null);
      return {
        id: r.id,
        source: s?.name ?? null,
        sourceType: s?.type ?? null,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        status: r.status,
        reason: r.reason,
        code: typeof body.code === 'string' ? body.code : null,
        items: num(body.items),
        records: num(body.records),
        kinds: Array.isArray(body.kinds) ? (body.kinds as RunListRow['kinds']) : [],
      };
    }),
  };
}

export interface ExportListRow {
  id: string;
  criterion: string;
  period: { from: string; to: string };
  createdAt: string;
  sumsSha256: string;
  path: string;
  present: boolean;
  logIdx: number;
  previousBundle: string | null;
}

/** Exported bundles, newest first; each one chains to the previous bundle of its criterion (by log order). */
export function listExportsWithChain(store: EvidenceStore, limit: number): ExportListRow[] {
  const rows = listExports(dbOf(store), Number.MAX_SAFE_INTEGER);
  const out: ExportListRow[] = [];
  for (let i = 0; i < rows.length && out.length < limit; i++) {
    const r = rows[i]!;
    const previous = rows.slice(i + 1).find((p) => p.criterion === r.criterion);
    out.push({
      id: r.id,
      criterion: r.criterion,
      period: { from: r.period_from, to: r.period_to },
      createdAt: r.created_at,
      sumsSha256: r.sums_sha256,
      path: r.path,
      present: existsSync(r.path),
      logIdx: r.log_idx,
      previousBundle: previous?.id ?? null,
    });
  }
  return out;
}
