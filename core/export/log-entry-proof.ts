import { leafHash } from '../log/merkle';
import type { EvidenceStore } from '../store/evidence-store';
import { getLogEntry } from '../store/store-reads';
import { AppError } from '../util/errors';
import type { MerkleLevels } from './merkle-levels';

/** An RFC 6962 inclusion proof of one log entry in the export's checkpoint, encoded as in log/proofs.json. */
export interface LogEntryProof {
  leafIndex: number;
  treeSize: number;
  /** Deepest sibling first, standard base64. */
  auditPath: string[];
}

/**
 * Proves log entries other than item_recorded ones (review decisions, ...) against the export's checkpoint. Only
 * entries the checkpoint covers can be proven: the export takes its checkpoint first, so every entry that existed
 * when it started is; a later one (or a stored body that no longer hashes to its leaf) is refused, never papered over.
 */
export function logEntryProver(store: EvidenceStore, levels: MerkleLevels): (idx: number) => LogEntryProof {
  return (idx) => {
    if (!Number.isInteger(idx) || idx < 0 || idx >= levels.size) {
      throw new AppError('INTEGRITY', `Log entry #${idx} is not covered by the export's checkpoint (size ${levels.size}); export again.`);
    }
    const entry = getLogEntry(store, idx);
    if (!entry || !leafHash(entry.body).equals(levels.leaf(idx))) {
      throw new AppError('INTEGRITY', `Log entry #${idx} does not match its leaf in the checkpoint; run verify-store.`);
    }
    return { leafIndex: idx, treeSize: levels.size, auditPath: levels.inclusionProof(idx).map((h) => h.toString('base64')) };
  };
}
