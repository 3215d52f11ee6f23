import { AppError } from '../util/errors';
import { makeIpe, type Ipe, type NewItem, type Scope } from '../evidence/ipe';
import { canonicalBytes, sha256Hex } from '../util/canonical';
import type { EvidenceStore } from '../store/evidence-store';
import { getItem, getSource, listItemMeta, type ItemMeta } from '../store/store-reads';
import { recordItems } from '../store/store-writes';
import { toolVersion } from '../util/runtime';
import { countChanges } from './compare';
import { redactItem } from '../redact';
import type { Change, Differ } from './types';

export interface DiffRequest {
  source: string;
  kind: string;
  from?: number;
  to?: number;
}

export interface SnapshotRef {
  seq: number;
  contentSha256: string;
  collectedAt: string;
}

export interface DiffResult {
  source: string;
  kind: string;
  scope: Scope;
  from: SnapshotRef & { completeness: string };
  to: SnapshotRef & { completeness: string };
  changes: Change[];
  counts: Record<string, number>;
  warnings: string[];
  /** The `<kind>.diff` item; `reused` when this exact comparison had been recorded before. */
  recorded: { seq: number; kind: string; reused: boolean };
}

const ref = (m: ItemMeta): SnapshotRef => ({ seq: m.seq, contentSha256: m.content_sha256, collectedAt: m.collected_at });

/** The re-runnable command an auditor sees in the diff item's IPE. */
export function diffCommand(r: { source: string; kind: string; from: number; to: number }): string {
  return `evidence-locker diff --source ${r.source} --kind ${r.kind} --from ${r.from} --to ${r.to}`;
}

/** Picks the two snapshots: the given seqs, or the last two usable (complete or partial) ones. */
function pickPair(candidates: ItemMeta[], req: DiffRequest): [ItemMeta, ItemMeta] {
  const where = `${req.kind} snapshots of source "${req.source}"`;
  const bySeq = (seq: number, flag: string) => {
    const m = candidates.find((c) => c.seq === seq);
    if (!m)
      throw new AppError(
        'NOT_FOUND',
        `--${flag} ${seq} is not one of the usable ${where} (have: ${candidates.map((c) => c.seq).join(', ') || 'none'}).`,
      );
    return m;
  };
  if (req.from !== undefined || req.to !== undefined) {
    const to = req.to !== undefined ? bySeq(req.to, 'to') : candidates.at(-1);
    const from = req.from !== undefined ? bySeq(req.from, 'from') : candidates.filter((c) => to && c.seq < to.seq && c.scope === to.scope).at(-1);
    if (!from || !to) throw new AppError('NOT_FOUND', `Need two ${where} to compare; give both --from and --to.`);
    if (from.seq === to.seq) throw new AppError('BAD_INPUT', `--from and --to are the same item (#${from.seq}).`);
    return [from, to];
  }
  if (candidates.length < 2) {
    throw new AppError('NOT_FOUND', `Need two ${where} to compare; found ${candidates.length}. Collect (or import) again, then diff.`);
  }
  return [candidates.at(-2)!, candidates.at(-1)!];
}

/**
 * The diff item already recorded for exactly this comparison (same two snapshots, same changes): looking again
 * (the app's Changes screen, a repeated `cli diff`) must not add a new item to the append-only log each time.
 */
function recordedBefore(store: EvidenceStore, sourceId: number, item: NewItem): { seq: number; reused: true } | null {
  const hash = sha256Hex(canonicalBytes(item.content));
  // A diff recorded before diffs carried their snapshot's evidence-for time is dated when it was recorded, which
  // can fall outside the period the two snapshots are in: that one is not reused, a correctly dated one is recorded.
  const same = listItemMeta(store, { sourceId, kind: item.kind }).find(
    (m) => m.content_sha256 === hash && (item.evidenceFor === undefined || m.effective_at === item.evidenceFor),
  );
  return same ? { seq: same.seq, reused: true } : null;
}

/**
 * The time a diff is evidence for: the later snapshot's (what it shows is the state change up to then), not when
 * the comparison happened to be run. Left unset when it would be after the recording time (a clock moved back),
 * which the store refuses; an equal time is stored as NULL, so such an item's log entry keeps its old bytes.
 */
function diffEvidenceFor(store: EvidenceStore, to: ItemMeta): string | undefined {
  return Date.parse(to.effective_at) <= Date.parse(store.now()) ? new Date(to.effective_at).toISOString() : undefined;
}

function recordDiff(store: EvidenceStore, sourceId: number, item: NewItem): { seq: number; reused: false } {
  const [recorded] = recordItems(store, { runId: null, sourceId }, [item]);
  store.checkpoint();
  return { seq: recorded!.seq, reused: false };
}

/**
 * Compares two snapshots of one source, kind and scope, and records the result as derived evidence citing
 * both snapshots' hashes (logged like any item, then checkpointed).
 */
export function diffSnapshots(store: EvidenceStore, req: DiffRequest, actor: Ipe['actor'], differFor: (kind: string) => Differ): DiffResult {
  const d = compareSnapshots(store, req, actor, differFor);
  const recorded = recordedBefore(store, d.sourceId, d.item) ?? recordDiff(store, d.sourceId, d.item);
  return { ...d.result, recorded: { seq: recorded.seq, kind: d.item.kind, reused: recorded.reused } };
}

/**
 * The comparison and the `<kind>.diff` item that would record it, without writing: a caller recording many pairs
 * (the period timeline) writes them in one transaction and signs one checkpoint instead of one per pair.
 */
export function compareSnapshots(
  store: EvidenceStore,
  req: DiffRequest,
  actor: Ipe['actor'],
  differFor: (kind: string) => Differ,
): { result: Omit<DiffResult, 'recorded'>; item: NewItem; sourceId: number } {
  const differ = differFor(req.kind);
  const source = getSource(store, req.source);
  const candidates = listItemMeta(store, { sourceId: source.id, kind: req.kind }).filter((m) => m.completeness !== 'failed');
  const [from, to] = pickPair(candidates, req);
  if (from.scope !== to.scope) {
    throw new AppError(
      'BAD_INPUT',
      `Items #${from.seq} and #${to.seq} have different scopes (${from.scope} vs ${to.scope}); pick two of the same scope with --from and --to.`,
    );
  }
  const [fromRow, toRow] = [getItem(store, from.seq), getItem(store, to.seq)];
  const changes = differ(JSON.parse(fromRow.content.toString('utf8')), JSON.parse(toRow.content.toString('utf8')));
  const warnings = [from, to]
    .filter((m) => m.completeness === 'partial')
    .map((m) => `Item #${m.seq} is a partial snapshot: "added" or "removed" changes may only reflect what it missed.`);
  const how = (ipe: Buffer) => {
    const p = JSON.parse(ipe.toString('utf8')) as Pick<Ipe, 'provenance' | 'endpoints'>;
    return `${p.provenance} via ${p.endpoints.join(', ') || 'no request'}`;
  };
  if (how(fromRow.ipe) !== how(toRow.ipe)) {
    // e.g. a live snapshot against an admin's registered-models/search export: the views differ, not only the server.
    warnings.push(
      `Items #${from.seq} and #${to.seq} were produced differently (${how(fromRow.ipe)} vs ${how(toRow.ipe)}); some changes may reflect that.`,
    );
  }
  const command = diffCommand({ source: source.name, kind: req.kind, from: from.seq, to: to.seq });
  const scope = JSON.parse(to.scope) as Scope;
  const ipe = makeIpe({
    source: { type: source.type, name: source.name },
    endpoints: [],
    apiVersion: null,
    parameters: { kind: req.kind, from: from.seq, to: to.seq },
    pages: 0,
    recordsRetrieved: changes.length,
    apiTotal: null,
    requestIds: [],
    serverDates: [],
    actor,
    toolVersion: toolVersion(),
    command,
    completeness: 'complete',
    error: null,
    provenance: 'derived',
    notes: [`Computed offline from items #${from.seq} and #${to.seq}; re-run the command to recompute it.`, ...warnings],
    derivedFrom: [from, to].map((m) => ({ seq: m.seq, contentSha256: m.content_sha256 })),
  });
  const diffKind = `${req.kind}.diff`;
  // Snapshots recorded before core/redact existed may still hold a secret that a change quotes: the diff item (and
  // what is shown) is redacted like any item; items recorded since are already clean, and then nothing changes.
  const redacted = redactItem({ kind: diffKind, scope, content: { from: ref(from), to: ref(to), changes }, ipe }).item;
  const evidenceFor = diffEvidenceFor(store, to);
  const item: NewItem = evidenceFor === undefined ? redacted : { ...redacted, evidenceFor };
  const redactedChanges = (item.content as { changes: Change[] }).changes;
  return {
    item,
    sourceId: source.id,
    result: {
      source: source.name,
      kind: req.kind,
      scope,
      from: { ...ref(from), completeness: from.completeness },
      to: { ...ref(to), completeness: to.completeness },
      changes: redactedChanges,
      counts: countChanges(redactedChanges),
      warnings,
    },
  };
}
