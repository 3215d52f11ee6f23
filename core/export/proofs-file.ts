import { AppError } from '../util/errors';
import { consistencyProof, leafHash, verifyConsistency } from '../log/merkle';
import type { EvidenceStore } from '../store/evidence-store';
import { getLogEntry, itemMetaBySeq } from '../store/store-reads';
import { canonicalText } from '../util/canonical';
import { HashedFileWriter } from './hashed-file';
import { evidencePaths } from './bundle-paths';
import { PROOFS_FORMAT, type ManifestItem, type Proofs } from './manifest';
import type { MerkleLevels } from './merkle-levels';

export interface ProofsInput {
  path: string;
  items: readonly { seq: number; baseline: boolean }[];
  levels: MerkleLevels;
  checkpoint: Proofs['checkpoint'];
  previous: { bundleId: string; size: number; root: string } | null;
  onItem?: (done: number) => void;
}

/** The log must have only grown since the previous bundle's checkpoint; a store that was rolled back or rewritten cannot export. */
function consistencyFrom(prev: NonNullable<ProofsInput['previous']>, checkpoint: Proofs['checkpoint'], leaves: readonly Buffer[]) {
  const refuse = () => {
    throw new AppError(
      'INTEGRITY',
      `The log is not an extension of the one bundle ${prev.bundleId} was exported from (size ${prev.size}); run verify-store.`,
    );
  };
  if (prev.size < 1 || prev.size > checkpoint.size) refuse();
  const proof = consistencyProof(leaves, prev.size, checkpoint.size);
  if (!verifyConsistency(prev.size, checkpoint.size, Buffer.from(prev.root, 'base64'), Buffer.from(checkpoint.root, 'base64'), proof)) refuse();
  return { fromBundle: prev.bundleId, fromSize: prev.size, fromRoot: prev.root, proof: proof.map((h) => h.toString('base64')) };
}

/**
 * Writes log/proofs.json (RFC 8785: keys in order checkpoint, consistency, format, items) one item at a time and
 * returns the manifest's item list. Before an item goes in, its stored leaf is re-derived from the exported entry
 * body and the body's hashes are compared with the item row, so the bundle never carries a proof that cannot verify.
 */
export function writeProofsFile(store: EvidenceStore, input: ProofsInput, leaves: readonly Buffer[]): { items: ManifestItem[]; sha256: string } {
  const { levels, checkpoint } = input;
  const consistency = input.previous ? consistencyFrom(input.previous, checkpoint, leaves) : null;
  const out = new HashedFileWriter(input.path);
  const items: ManifestItem[] = [];
  try {
    out.write(`{"checkpoint":${canonicalText(checkpoint)},"consistency":${canonicalText(consistency)},`);
    out.write(`"format":${JSON.stringify(PROOFS_FORMAT)},"items":[`);
    input.items.forEach((ref, i) => {
      const meta = itemMetaBySeq(store, ref.seq);
      if (!meta) throw new AppError('NOT_FOUND', `Evidence item #${ref.seq} is in the report but not in the store.`);
      if (meta.log_idx >= checkpoint.size) throw new AppError('INTERNAL', `item #${ref.seq} is newer than the export checkpoint`);
      const entry = getLogEntry(store, meta.log_idx);
      if (!entry || !leafHash(entry.body).equals(levels.leaf(meta.log_idx))) {
        throw new AppError('INTEGRITY', `Log entry #${meta.log_idx} (item #${ref.seq}) does not match its leaf; run verify-store.`);
      }
      const body = JSON.parse(entry.body.toString('utf8')) as { item?: { seq?: number; contentSha256?: string; ipeSha256?: string } };
      if (body.item?.seq !== meta.seq || body.item.contentSha256 !== meta.content_sha256 || body.item.ipeSha256 !== meta.ipe_sha256) {
        throw new AppError('INTEGRITY', `Item #${ref.seq} differs from its log entry #${meta.log_idx}; run verify-store.`);
      }
      const paths = evidencePaths(meta.kind, meta.seq);
      // Keys already in RFC 8785 order and only strings and integers: JSON.stringify gives the JCS bytes, faster.
      const proof = {
        auditPath: levels.inclusionProof(meta.log_idx).map((h) => h.toString('base64')),
        entry: entry.body.toString('utf8'),
        evidence: paths.content,
        ipe: paths.ipe,
        leafIndex: meta.log_idx,
        seq: meta.seq,
      };
      out.write(`${i > 0 ? ',' : ''}${JSON.stringify(proof)}`);
      items.push({
        seq: meta.seq,
        kind: meta.kind,
        completeness: meta.completeness,
        collectedAt: meta.collected_at,
        ...(meta.evidence_for === null ? {} : { evidenceFor: meta.evidence_for }),
        baseline: ref.baseline,
        logIndex: meta.log_idx,
        evidence: paths.content,
        ipe: paths.ipe,
        contentSha256: meta.content_sha256,
        ipeSha256: meta.ipe_sha256,
      });
      input.onItem?.(i + 1);
    });
    out.write(']}');
  } catch (err) {
    out.close();
    throw err;
  }
  return { items, sha256: out.close() };
}
