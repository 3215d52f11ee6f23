import { createPublicKey } from 'node:crypto';
import { basename } from 'node:path';
import * as layout from '../export/bundle-paths';
import { fingerprintOf, verifyBytes } from '../sign/keys';
import { checkBundleContents, type CheckedBundle } from './check-contents';
import { checkReviewLogProofs } from './review-log-proofs';
import { DEFAULT_ZIP_LIMITS, SafeZip, ZipRefused, type ZipLimits } from './safe-zip';

export interface BundleProblem {
  file: string;
  reason: string;
}

export interface BundleVerification extends CheckedBundle {
  ok: boolean;
  bundle: string;
  keyFingerprint: string | null;
  /** True only when an expected fingerprint was given and matched. */
  fingerprintMatched: boolean;
  files: number;
  problems: BundleProblem[];
}

const MAX_SUMS = 512 * 1024 * 1024;

/** Raw Ed25519 key from an SPKI PEM; null when it is anything else. */
function ed25519FromPem(pem: Buffer): Buffer | null {
  try {
    const der = createPublicKey(pem.toString('utf8')).export({ type: 'spki', format: 'der' });
    return der.length === 44 ? der.subarray(12) : null;
  } catch {
    return null;
  }
}

/**
 * Verifies a bundle straight from its ZIP (docs/bundle-format.md §6): the archive is safe to read, the key is
 * the expected one, SHA256SUMS is signed by it, every file matches it and nothing is unlisted, and the manifest,
 * checkpoint and inclusion proofs agree. Every problem is named by file; `ok` only when there is none.
 */
export async function verifyBundle(zipPath: string, opts: { fingerprint?: string; limits?: ZipLimits } = {}): Promise<BundleVerification> {
  const result: BundleVerification = {
    ok: false,
    bundle: zipPath,
    keyFingerprint: null,
    fingerprintMatched: false,
    files: 0,
    bundleId: null,
    criterion: null,
    period: null,
    items: 0,
    checkpoint: null,
    previousBundle: null,
    problems: [],
  };
  const problem = (file: string, reason: string) => result.problems.push({ file, reason });
  let zip: SafeZip;
  try {
    zip = await SafeZip.open(zipPath, opts.limits ?? DEFAULT_ZIP_LIMITS);
  } catch (err) {
    if (err instanceof ZipRefused) problem(err.file === '(archive)' ? basename(zipPath) : err.file, err.reason);
    else problem(basename(zipPath), (err as Error).message);
    return result;
  }
  try {
    for (const required of layout.REQUIRED_FILES) if (!zip.files.has(required)) problem(required, 'missing');
    if (result.problems.length) return result;

    const pem = await zip.read(layout.PUBLIC_KEY, 64 * 1024);
    const publicKeyRaw = ed25519FromPem(pem);
    if (!publicKeyRaw) return (problem(layout.PUBLIC_KEY, 'not an Ed25519 SPKI public key'), result);
    result.keyFingerprint = fingerprintOf(publicKeyRaw);
    if (opts.fingerprint !== undefined) {
      const expected = opts.fingerprint.toLowerCase().replace(/[:\s]/g, '');
      if (expected !== result.keyFingerprint) {
        problem(layout.PUBLIC_KEY, `key fingerprint ${result.keyFingerprint} is not the expected ${expected} (key swapped or wrong bundle)`);
      } else result.fingerprintMatched = true;
    }

    const sums = await zip.read(layout.SUMS, MAX_SUMS);
    const sig = await zip.read(layout.SUMS_SIG, 1024);
    // Fatal: nothing past an unsigned SHA256SUMS can be trusted, and hashing what it lists is work whoever made the
    // archive chose (issue 16: 7.8 GiB hashed after the signature had failed). Stop here.
    if (sig.length !== 64) return (problem(layout.SUMS_SIG, `is ${sig.length} bytes; an Ed25519 signature is 64`), result);
    if (!verifyBytes(publicKeyRaw, sums, sig))
      return (problem(layout.SUMS_SIG, 'the signature over SHA256SUMS does not verify with signing-key.pub.pem'), result);

    let listed: layout.SumsLine[];
    try {
      listed = layout.parseSums(sums.toString('utf8'));
    } catch (err) {
      return (problem(layout.SUMS, (err as Error).message), result);
    }
    const listedPaths = new Set(listed.map((l) => l.path));
    for (const name of zip.files.keys()) {
      if (!listedPaths.has(name) && !layout.UNLISTED_ALLOWED.has(name)) problem(name, 'not listed in SHA256SUMS');
    }
    const hashes = new Map<string, string>();
    for (const line of listed) {
      if (!zip.files.has(line.path)) {
        problem(line.path, 'listed in SHA256SUMS but missing');
        continue;
      }
      const got = await zip.sha256(line.path);
      hashes.set(line.path, got);
      if (got !== line.sha256) problem(line.path, `SHA-256 ${got} differs from SHA256SUMS (${line.sha256})`);
    }
    result.files = listed.length;

    const checked: CheckedBundle = await checkBundleContents(zip, { publicKeyRaw, fingerprint: result.keyFingerprint, hashes, problem });
    Object.assign(result, checked);
    if (checked.checkpoint) await checkReviewLogProofs(zip, { hashes, checkpoint: checked.checkpoint, problem });
  } catch (err) {
    if (err instanceof ZipRefused) problem(err.file, err.reason);
    else throw err;
  } finally {
    zip.close();
  }
  result.ok = result.problems.length === 0;
  return result;
}
