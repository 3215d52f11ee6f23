import type { Db } from '../database';
import { stmt } from '../statements';
import { EFFECTIVE_AT } from './items';

/**
 * Reads for the app's evidence table, run history and export list (and `evidence-locker items`): filtered pages
 * of item metadata, facet counts, and the details each run logged when it finished.
 */
export interface BrowseFilter {
  sourceIds: number[] | null;
  kinds: string[] | null;
  /** With kinds: items that match whatever their kind. */
  alsoSeqs: number[] | null;
  /** Stored-text time bounds (see time-bound.ts), inclusive. */
  from: string | null;
  to: string | null;
  completeness: string | null;
}

export interface BrowseRow {
  seq: number;
  run_id: number | null;
  source_id: number | null;
  kind: string;
  scope: string;
  collected_at: string;
  /** evidence_for, else collected_at (see repos/items.ts EFFECTIVE_AT). */
  effective_at: string;
  content_sha256: string;
  completeness: 'complete' | 'partial' | 'failed';
  provenance: string;
  log_idx: number;
}

// Dates filter by the time the evidence is for (the collection time unless an import set an older one).
const WHERE = `(@sourceIds IS NULL OR source_id IN (SELECT value FROM json_each(@sourceIds)))
  AND (@kinds IS NULL OR kind IN (SELECT value FROM json_each(@kinds)) OR seq IN (SELECT value FROM json_each(@alsoSeqs)))
  AND (@from IS NULL OR ${EFFECTIVE_AT} >= @from) AND (@to IS NULL OR ${EFFECTIVE_AT} <= @to)
  AND (@completeness IS NULL OR completeness = @completeness)`;

function params(f: BrowseFilter) {
  return {
    sourceIds: f.sourceIds ? JSON.stringify(f.sourceIds) : null,
    kinds: f.kinds ? JSON.stringify(f.kinds) : null,
    alsoSeqs: JSON.stringify(f.alsoSeqs ?? []),
    from: f.from,
    to: f.to,
    completeness: f.completeness,
  };
}

export function countBrowse(db: Db, f: BrowseFilter): number {
  return (stmt(db, `SELECT count(*) AS n FROM evidence_item WHERE ${WHERE}`).get(params(f)) as { n: number }).n;
}

export function browsePage(db: Db, f: BrowseFilter, offset: number, limit: number): BrowseRow[] {
  return stmt(
    db,
    `SELECT seq, run_id, source_id, kind, scope, collected_at, ${EFFECTIVE_AT} AS effective_at, content_sha256, completeness, provenance, log_idx
     FROM evidence_item WHERE ${WHERE} ORDER BY seq LIMIT @limit OFFSET @offset`,
  ).all({ ...params(f), limit, offset }) as BrowseRow[];
}

export interface FacetRow {
  source_id: number | null;
  kind: string;
  completeness: string;
  n: number;
  first: string;
  last: string;
}

/** One pass over the items: counts and the range of evidence-for times per source, kind and completeness. */
export function facetRows(db: Db): FacetRow[] {
  return stmt(
    db,
    `SELECT source_id, kind, completeness, count(*) AS n, min(${EFFECTIVE_AT}) AS first, max(${EFFECTIVE_AT}) AS last
     FROM evidence_item GROUP BY source_id, kind, completeness`,
  ).all() as FacetRow[];
}

export interface RunRowLite {
  id: number;
  source_id: number | null;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'complete' | 'partial' | 'failed' | 'interrupted';
  reason: string | null;
}

export function countRuns(db: Db, sourceIds: number[] | null): number {
  return (
    stmt(db, 'SELECT count(*) AS n FROM collection_run WHERE (@ids IS NULL OR source_id IN (SELECT value FROM json_each(@ids)))').get({
      ids: sourceIds ? JSON.stringify(sourceIds) : null,
    }) as { n: number }
  ).n;
}

export function runsPage(db: Db, sourceIds: number[] | null, offset: number, limit: number): RunRowLite[] {
  return stmt(
    db,
    `SELECT id, source_id, started_at, finished_at, status, reason FROM collection_run
     WHERE (@ids IS NULL OR source_id IN (SELECT value FROM json_each(@ids)))
     ORDER BY id DESC LIMIT @limit OFFSET @offset`,
  ).all({ ids: sourceIds ? JSON.stringify(sourceIds) : null, limit, offset }) as RunRowLite[];
}

/** The `run_finished` log bodies of some runs (what they recorded, the error code, each kind's outcome). */
export function runFinishBodies(db: Db, runIds: number[]): Map<number, Record<string, unknown>> {
  const out = new Map<number, Record<string, unknown>>();
  if (runIds.length === 0) return out;
  const rows = stmt(
    db,
    `SELECT body FROM log_entry WHERE type = 'run_finished'
       AND json_extract(CAST(body AS TEXT), '$.run.id') IN (SELECT value FROM json_each(@ids))`,
  ).all({ ids: JSON.stringify(runIds) }) as { body: Buffer }[];
  for (const r of rows) {
    const run = (JSON.parse(r.body.toString('utf8')) as { run?: Record<string, unknown> }).run;
    if (run && typeof run.id === 'number') out.set(run.id, run);
  }
  return out;
}
