import { leafHash, rootFromInclusionProof } from '../log/merkle';
import type { SafeZip } from './safe-zip';

const PROOFS_FILE = /^(reviews\/review-\d+\/log\/)proofs\.json$/;
const ENTRY_FILE = /^(reviews\/review-\d+\/log\/)(\d{8})-[a-z_]+\.json$/;
/** Log entries are small JSON; a larger "entry" is not one and is not inflated. */
const MAX_ENTRY = 16 * 1024 * 1024;

interface EntryProof {
  file?: unknown;
  leafIndex?: unknown;
  auditPath?: unknown;
}

/**
 * Access-review packages (docs/bundle-format.md §2.5): every `reviews/review-<id>/log/<idx>-<type>.json` has an
 * inclusion proof in its review's `log/proofs.json` that leads from SHA-256(0x00 || file bytes) to the bundle's
 * checkpoint root, the same check as tools/verify-log.mjs. Returns how many entries were proven.
 */
export async function checkReviewLogProofs(
  zip: SafeZip,
  input: { hashes: Map<string, string>; checkpoint: { size: number; root: string }; problem: (file: string, reason: string) => void },
): Promise<number> {
  const { hashes, checkpoint, problem } = input;
  const root = Buffer.from(checkpoint.root, 'base64');
  const proven = new Set<string>();
  const named = new Set<string>();
  for (const path of hashes.keys()) {
    const dir = PROOFS_FILE.exec(path)?.[1];
    if (!dir) continue;
    let parsed: { checkpoint?: { size?: unknown; root?: unknown }; entries?: unknown };
    try {
      parsed = JSON.parse((await zip.read(path, MAX_ENTRY)).toString('utf8')) as typeof parsed;
    } catch {
      problem(path, 'is not JSON');
      continue;
    }
    if (parsed.checkpoint?.size !== checkpoint.size || parsed.checkpoint?.root !== checkpoint.root) {
      problem(path, 'checkpoint differs from manifest.json');
      continue;
    }
    if (!Array.isArray(parsed.entries)) {
      problem(path, 'has no entries list');
      continue;
    }
    for (const e of parsed.entries as EntryProof[]) {
      const file = String(e?.file);
      const m = ENTRY_FILE.exec(file);
      if (!m || m[1] !== dir || !hashes.has(file)) {
        problem(path, `names ${file}, not a log entry file of this review listed in SHA256SUMS`);
        continue;
      }
      if (e.leafIndex !== Number(m[2]) || !Array.isArray(e.auditPath) || !e.auditPath.every((h) => typeof h === 'string')) {
        problem(path, `malformed proof for ${file}`);
        continue;
      }
      named.add(file);
      const bytes = await zip.read(file, MAX_ENTRY);
      const audit = (e.auditPath as string[]).map((h) => Buffer.from(h, 'base64'));
      const got = rootFromInclusionProof(leafHash(bytes), e.leafIndex, checkpoint.size, audit);
      if (!got?.equals(root)) {
        problem(file, `is not included in the checkpoint: its inclusion proof (leaf ${e.leafIndex}, ${path}) does not reach the root`);
        continue;
      }
      proven.add(file);
    }
  }
  for (const path of hashes.keys())
    if (ENTRY_FILE.test(path) && !named.has(path)) problem(path, "has no inclusion proof in its review's log/proofs.json");
  return proven.size;
}
