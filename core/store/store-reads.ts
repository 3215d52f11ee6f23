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
  return sources.listSources(store.db, includeRemoved).map(sourceView);
}

export function getSource(store: EvidenceStore, name: string): SourceView {
  const row = sources.activeSourceByName(store.db, name);
  if (!row) throw new AppError('NOT_FOUND', `No source named "${name}". See \`evidence-locker source list\`.`);
  return sourceView(row);
}

export function sourceName(store: EvidenceStore, id: number | null): string | null {
  return id === null ? null : (sources.sourceById(store.db, id)?.name ?? null);
}

export function storeStatus(store: EvidenceStore) {
  const cp = checkpoints.latestCheckpoint(store.db);
  const key = keys.activeKey(store.db);
  const lastRuns = runs.listRuns(store.db, { limit: 5 });
  return {
    home: store.paths.home,
    origin: keys.getMeta(store.db, 'origin') ?? null,
    keyFingerprint: key?.fingerprint ?? null,
    sources: listSources(store).map((s) => ({ name: s.name, type: s.type })),
    runs: runs.countRunsByStatus(store.db),
    lastRuns: lastRuns.map((r) => ({
      id: r.id,
      source: sourceName(store, r.source_id),
      status: r.status,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      reason: r.reason,
    })),
    items: items.countItems(store.db),
    itemsByKind: items.countItemsByKind(store.db),
    logSize: log.logSize(store.db),
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
  return log.recentLog(store.db, limit, type).map((row) => {
    const body = JSON.parse(row.body.toString('utf8')) as Record<string, unknown>;
    return { idx: row.idx, type: row.type, at: String(body.at), leaf: row.leaf.toString('hex'), body };
  });
}

export function keyList(store: EvidenceStore) {
  return keys.allKeys(store.db).map((k) => ({
    fingerprint: k.fingerprint,
    publicKey: k.public_key.toString('base64'),
    createdAt: k.created_at,
    retiredAt: k.retired_at,
  }));
}

export function getItem(store: EvidenceStore, seq: number) {
  const row = items.itemBySeq(store.db, seq);
  if (!row) throw new AppError('NOT_FOUND', `No evidence item #${seq}.`);
  return row;
}

export { listItemMeta, countItemsByKind, type ItemQuery, type ItemMeta, type ItemRow } from './repos/items';
export { allLeaves, logSize, getLogEntry } from './repos/log';
export { allCheckpoints, latestCheckpoint, type CheckpointRow } from './repos/checkpoints';
export { listRuns, runById, type RunRow, type RunStatus } from './repos/runs';
export { allKeys } from './repos/keys';

/** Every byte verify-store hashes (log bodies, item content and IPE), in store order; for benchmarks. */
export function* iterateAllHashedBytes(store: EvidenceStore): Generator<Buffer> {
  for (const row of iterateLogRows(store.db)) yield row.body;
  for (const it of iterateItemRows(store.db)) {
    yield it.content;
    yield it.ipe;
  }
}
