import { AppError } from '../util/errors';
import type { EvidenceStore } from './evidence-store';
import * as checkpoints from './repos/checkpoints';
import * as items from './repos/items';
import { iterateItems as iterateItemRows } from './repos/items';
import { iterateLog as iterateLogRows } from './repos/log';
import * as keys from './repos/keys';
import * as log from './repos/log';
import * as runs from './repos/runs';
import * as sources from './repos/sources';
import * as exportsRepo from './repos/exports';
import { dbOf } from './handle';

export interface SourceView {
  id: number;
  type: string;
  name: string;
  config: Record<string, unknown>;
  createdAt: string;
  removedAt: string | null;
}

export function sourceView(row: sources.SourceRow): SourceView {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    config: JSON.parse(row.config) as Record<string, unknown>,
    createdAt: row.created_at,
    removedAt: row.removed_at,
  };
}

export function listSources(store: EvidenceStore, includeRemoved = false): SourceView[] {
  return sources.listSources(dbOf(store), includeRemoved).map(sourceView);
}

export function getSource(store: EvidenceStore, name: string): SourceView {
  const row = sources.activeSourceByName(dbOf(store), name);
  if (!row) throw new AppError('NOT_FOUND', `No source named "${name}". See \`evidence-locker source list\`.`);
  return sourceView(row);
}

export function sourceName(store: EvidenceStore, id: number | null): string | null {
  return id === null ? null : (sources.sourceById(dbOf(store), id)?.name ?? null);
}

export function storeStatus(store: EvidenceStore) {
  const cp = checkpoints.latestCheckpoint(dbOf(store));
  const key = keys.activeKey(dbOf(store));
  const lastRuns = runs.listRuns(dbOf(store), { limit: 5 });
  return {
    home: store.paths.home,
    origin: keys.getMeta(dbOf(store), 'origin') ?? null,
    keyFingerprint: key?.fingerprint ?? null,
    sources: listSources(store).map((s) => ({ name: s.name, type: s.type })),
    runs: runs.countRunsByStatus(dbOf(store)),
    lastRuns: lastRuns.map((r) => ({
      id: r.id,
      source: sourceName(store, r.source_id),
      status: r.status,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      reason: r.reason,
    })),
    items: items.countItems(dbOf(store)),
    itemsByKind: items.countItemsByKind(dbOf(store)),
    logSize: log.logSize(dbOf(store)),
    lastCheckpoint: cp ? { size: cp.size, root: cp.root.toString('hex'), at: cp.created_at, keyFingerprint: cp.key_fingerprint } : null,
    warning: store.warning,
    readOnly: store.writeBlocker,
  };
}

export interface LogView {
  idx: number;
  type: string;
  at: string;
  leaf: string;
  body: Record<string, unknown>;
}

export function recentLogEntries(store: EvidenceStore, limit: number, type?: string): LogView[] {
  return log.recentLog(dbOf(store), limit, type).map((row) => {
    const body = JSON.parse(row.body.toString('utf8')) as Record<string, unknown>;
    return { idx: row.idx, type: row.type, at: String(body.at), leaf: row.leaf.toString('hex'), body };
  });
}

export function keyList(store: EvidenceStore) {
  return keys.allKeys(dbOf(store)).map((k) => ({
    fingerprint: k.fingerprint,
    publicKey: k.public_key.toString('base64'),
    createdAt: k.created_at,
    retiredAt: k.retired_at,
  }));
}

export function getItem(store: EvidenceStore, seq: number) {
  const row = items.itemBySeq(dbOf(store), seq);
  if (!row) throw new AppError('NOT_FOUND', `No evidence item #${seq}.`);
  return row;
}

/** The time an item is evidence for (evidence_for, else its collection time). */
export function itemEvidenceFor(store: EvidenceStore, seq: number): string {
  const row = getItem(store, seq);
  return row.evidence_for ?? row.collected_at;
}

export type { ItemQuery, ItemMeta, ItemRow } from './repos/items';
export type { CheckpointRow } from './repos/checkpoints';
export type { RunRow, RunStatus } from './repos/runs';
export type { ExportRow, ExportItemMeta } from './repos/exports';

// The read facade: every layer above core/store reads through these, passing the store (never its SQLite handle).
export const listItemMeta = (store: EvidenceStore, q?: items.ItemQuery) => items.listItemMeta(dbOf(store), q);
export const countItemsByKind = (store: EvidenceStore) => items.countItemsByKind(dbOf(store));
export const allLeaves = (store: EvidenceStore, size?: number) => log.allLeaves(dbOf(store), size);
export const logSize = (store: EvidenceStore) => log.logSize(dbOf(store));
export const getLogEntry = (store: EvidenceStore, idx: number) => log.getLogEntry(dbOf(store), idx);
export const allCheckpoints = (store: EvidenceStore) => checkpoints.allCheckpoints(dbOf(store));
export const latestCheckpoint = (store: EvidenceStore) => checkpoints.latestCheckpoint(dbOf(store));
export const listRuns = (store: EvidenceStore, opts?: Parameters<typeof runs.listRuns>[1]) => runs.listRuns(dbOf(store), opts);
export const runById = (store: EvidenceStore, id: number) => runs.runById(dbOf(store), id);
export const allKeys = (store: EvidenceStore) => keys.allKeys(dbOf(store));
export const latestExportFor = (store: EvidenceStore, criterion: string) => exportsRepo.latestExportFor(dbOf(store), criterion);
export const exportLoggedAt = (store: EvidenceStore, path: string) => exportsRepo.exportLoggedAt(dbOf(store), path);
export const itemMetaBySeq = (store: EvidenceStore, seq: number) => exportsRepo.itemMetaBySeq(dbOf(store), seq);
export const itemBytesBySeq = (store: EvidenceStore, seq: number) => exportsRepo.itemBytesBySeq(dbOf(store), seq);

/** Every byte verify-store hashes (log bodies, item content and IPE), in store order; for benchmarks. */
export function* iterateAllHashedBytes(store: EvidenceStore): Generator<Buffer> {
  for (const row of iterateLogRows(dbOf(store))) yield row.body;
  for (const it of iterateItemRows(dbOf(store))) {
    yield it.content;
    yield it.ipe;
  }
}
