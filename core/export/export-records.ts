import { AppError } from '../util/errors';
import { signCheckpoint } from '../sign/checkpoint';
import type { SigningKey } from '../sign/keys';
import type { EvidenceStore } from '../store/evidence-store';
import { getLogEntry, latestExportFor } from '../store/store-reads';
import { logEvent } from '../store/store-writes';
import { recordExportRow } from '../store/store-writes';

export interface ExportCheckpoint {
  origin: string;
  size: number;
  root: string; // base64, as on the note's third line
  note: string;
}

/**
 * Signs the current tree head (integrity.md §3: a checkpoint at every export). The store keeps an unchanged head
 * even when it was signed by a retired key; a bundle carries one key, so then the same head is re-signed with it.
 */
export function checkpointForExport(store: EvidenceStore, key: SigningKey): ExportCheckpoint {
  const row = store.checkpoint();
  const origin = store.origin;
  const note = row.key_fingerprint === key.fingerprint ? row.note : signCheckpoint({ origin, size: row.size, root: row.root }, key);
  return { origin, size: row.size, root: row.root.toString('base64'), note };
}

export interface PreviousBundle {
  id: string;
  sumsSha256: string;
  createdAt: string;
  checkpoint: { size: number; root: string };
}

/** The last bundle for this criterion, with the checkpoint it carried (read back from its export_created entry). */
export function previousBundleOf(store: EvidenceStore, criterion: string): PreviousBundle | null {
  const row = latestExportFor(store, criterion);
  if (!row) return null;
  const entry = getLogEntry(store, row.log_idx);
  const body = entry ? (JSON.parse(entry.body.toString('utf8')) as { export?: { checkpoint?: { size: number; root: string } } }) : null;
  const cp = body?.export?.checkpoint;
  if (!cp) throw new AppError('INTEGRITY', `The log entry of bundle ${row.id} (#${row.log_idx}) has no checkpoint.`);
  return { id: row.id, sumsSha256: row.sums_sha256, createdAt: row.created_at, checkpoint: { size: cp.size, root: cp.root } };
}

export interface ExportRecord {
  bundleId: string;
  criterion: string;
  from: string;
  to: string;
  file: string;
  path: string;
  sumsSha256: string;
  createdAt: string;
  items: number;
  counts: Record<string, number>;
  checkpoint: ExportCheckpoint;
  previousBundle: string | null;
}

/** `export_created` log entry and the export_bundle row in one transaction, then a checkpoint that covers them. */
export function recordExport(store: EvidenceStore, r: ExportRecord): number {
  const idx = store.tx(() => {
    const logIdx = logEvent(store, 'export_created', {
      export: {
        bundleId: r.bundleId,
        criterion: r.criterion,
        period: { from: r.from, to: r.to },
        file: r.file,
        sumsSha256: r.sumsSha256,
        items: r.items,
        counts: r.counts,
        checkpoint: { origin: r.checkpoint.origin, size: r.checkpoint.size, root: r.checkpoint.root },
        previousBundle: r.previousBundle,
      },
    });
    recordExportRow(store, {
      id: r.bundleId,
      criterion: r.criterion,
      period_from: r.from,
      period_to: r.to,
      created_at: r.createdAt,
      sums_sha256: r.sumsSha256,
      path: r.path,
      log_idx: logIdx,
    });
    return logIdx;
  });
  store.checkpoint();
  return idx;
}
