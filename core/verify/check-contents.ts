import * as layout from '../export/bundle-paths';
import { manifestSchema, proofsSchema, type Manifest, type Proofs } from '../export/manifest';
import { leafHash, rootFromInclusionProof, verifyConsistency } from '../log/merkle';
import { verifyCheckpointNote } from '../sign/checkpoint';
import { canonicalBytes } from '../util/canonical';
import { confirmBundleContents } from './confirm-contents';
import type { SafeZip } from './safe-zip';

export interface CheckedBundle {
  bundleId: string | null;
  criterion: string | null;
  period: { from: string; to: string } | null;
  items: number;
  checkpoint: { origin: string; size: number; root: string } | null;
  previousBundle: string | null;
}

export interface ContentsInput {
  publicKeyRaw: Buffer;
  fingerprint: string;
  /** SHA-256 of every listed file present, as computed from the ZIP. */
  hashes: Map<string, string>;
  problem: (file: string, reason: string) => void;
}

const MAX_JSON = 1024 * 1024 * 1024;

async function readJson(zip: SafeZip, path: string, problem: ContentsInput['problem']): Promise<{ bytes: Buffer; value: unknown } | null> {
  const bytes = await zip.read(path, MAX_JSON);
  try {
    return { bytes, value: JSON.parse(bytes.toString('utf8')) };
  } catch {
    problem(path, 'is not JSON');
    return null;
  }
}

/**
 * manifest.json, log/checkpoint.txt and log/proofs.json must agree with each other and with the files. A bundle in
 * which all of it holds is confirmed as its files inflate, in flat memory (confirm-contents.ts); any other is read
 * whole below, and every problem is named.
 */
export async function checkBundleContents(zip: SafeZip, input: ContentsInput): Promise<CheckedBundle> {
  return (await confirmBundleContents(zip, input)) ?? (await checkBundleContentsInMemory(zip, input));
}

/** The exhaustive check: both files read whole, every problem named (also what tests hold the confirming pass to). */
export async function checkBundleContentsInMemory(zip: SafeZip, input: ContentsInput): Promise<CheckedBundle> {
  const { problem, hashes } = input;
  const out: CheckedBundle = { bundleId: null, criterion: null, period: null, items: 0, checkpoint: null, previousBundle: null };

  const raw = await readJson(zip, layout.MANIFEST, problem);
  const parsed = raw && manifestSchema.safeParse(raw.value);
  if (!raw || !parsed?.success) {
    if (raw)
      problem(layout.MANIFEST, `does not follow the bundle format: ${parsed?.error?.issues[0]?.path.join('.')} ${parsed?.error?.issues[0]?.message}`);
    return out;
  }
  const m: Manifest = parsed.data;
  Object.assign(out, { bundleId: m.bundleId, criterion: m.criterion.id, period: m.period, items: m.items.length, checkpoint: m.checkpoint });
  out.previousBundle = m.previousBundle?.id ?? null;
  if (!canonicalBytes(raw.value).equals(raw.bytes)) problem(layout.MANIFEST, 'is not RFC 8785 canonical JSON');
  if (m.keyFingerprint !== input.fingerprint)
    problem(layout.MANIFEST, `keyFingerprint ${m.keyFingerprint} is not the bundle key's ${input.fingerprint}`);
  if (m.report !== layout.reportPath(m.criterion.id) || !hashes.has(m.report))
    problem(layout.MANIFEST, `report ${m.report} is not the listed report/<criterion>.pdf`);
  checkManifestItems(m, hashes, problem);
  for (const a of m.attachments ?? []) {
    // SHA256SUMS already covers the bytes; a manifest that describes a file differently is a problem of its own.
    if (hashes.get(a.path) !== a.sha256)
      problem(layout.MANIFEST, `attachment ${a.path} is not listed in SHA256SUMS with the hash the manifest gives`);
  }

  const note = (await zip.read(layout.CHECKPOINT, 64 * 1024)).toString('utf8');
  const cp = verifyCheckpointNote(note, input.publicKeyRaw);
  if (!cp) problem(layout.CHECKPOINT, 'is not a checkpoint signed by signing-key.pub.pem');
  else if (
    cp.checkpoint.origin !== m.checkpoint.origin ||
    cp.checkpoint.size !== m.checkpoint.size ||
    cp.checkpoint.root.toString('base64') !== m.checkpoint.root
  ) {
    problem(layout.MANIFEST, 'checkpoint differs from log/checkpoint.txt');
  }

  const proofsRaw = await readJson(zip, layout.PROOFS, problem);
  const proofs = proofsRaw && proofsSchema.safeParse(proofsRaw.value);
  if (proofsRaw && !proofs?.success) problem(layout.PROOFS, `does not follow the bundle format: ${proofs?.error?.issues[0]?.message}`);
  if (proofs?.success) checkProofs(m, proofs.data, hashes, problem);
  return out;
}

function checkManifestItems(m: Manifest, hashes: Map<string, string>, problem: ContentsInput['problem']): void {
  const counts = { complete: 0, partial: 0, failed: 0 };
  const inManifest = new Set<string>();
  for (const item of m.items) {
    counts[item.completeness] += 1;
    const paths = layout.evidencePaths(item.kind, item.seq);
    if (item.evidence !== paths.content || item.ipe !== paths.ipe) problem(layout.MANIFEST, `item ${item.seq} has non-standard paths`);
    for (const [path, want] of [
      [item.evidence, item.contentSha256],
      [item.ipe, item.ipeSha256],
    ] as const) {
      inManifest.add(path);
      const got = hashes.get(path);
      if (got === undefined) problem(path, `named by manifest.json (item ${item.seq}) but not in the bundle`);
      else if (got !== want) problem(path, `SHA-256 differs from manifest.json item ${item.seq}`);
    }
  }
  for (const key of ['complete', 'partial', 'failed'] as const) {
    if (counts[key] !== m.counts[key]) problem(layout.MANIFEST, `counts.${key} is ${m.counts[key]} but ${counts[key]} items are ${key}`);
  }
  for (const a of m.attachments ?? []) inManifest.add(a.path);
  for (const path of hashes.keys()) {
    if (path.startsWith('evidence/') && !inManifest.has(path)) problem(path, 'evidence file not in manifest.json (items or attachments)');
  }
}

function checkProofs(m: Manifest, p: Proofs, hashes: Map<string, string>, problem: ContentsInput['problem']): void {
  if (p.checkpoint.origin !== m.checkpoint.origin || p.checkpoint.size !== m.checkpoint.size || p.checkpoint.root !== m.checkpoint.root) {
    problem(layout.PROOFS, 'checkpoint differs from manifest.json');
    return;
  }
  const root = Buffer.from(m.checkpoint.root, 'base64');
  const bySeq = new Map(p.items.map((i) => [i.seq, i]));
  if (bySeq.size !== p.items.length || p.items.length !== m.items.length)
    problem(layout.PROOFS, `has ${p.items.length} proofs for ${m.items.length} items`);
  for (const item of m.items) {
    const proof = bySeq.get(item.seq);
    if (!proof) {
      problem(layout.PROOFS, `no inclusion proof for item ${item.seq}`);
      continue;
    }
    const got = rootFromInclusionProof(
      leafHash(Buffer.from(proof.entry, 'utf8')),
      proof.leafIndex,
      m.checkpoint.size,
      proof.auditPath.map((h) => Buffer.from(h, 'base64')),
    );
    if (!got?.equals(root)) {
      problem(layout.PROOFS, `inclusion proof of item ${item.seq} (leaf ${proof.leafIndex}) does not lead to the checkpoint root`);
      continue;
    }
    let entry: { type?: unknown; seq?: unknown; item?: { seq?: unknown; kind?: unknown; contentSha256?: unknown; ipeSha256?: unknown } };
    try {
      entry = JSON.parse(proof.entry) as typeof entry;
    } catch {
      problem(layout.PROOFS, `log entry of item ${item.seq} is not JSON`);
      continue;
    }
    if (
      entry.type !== 'item_recorded' ||
      entry.seq !== proof.leafIndex ||
      entry.item?.seq !== item.seq ||
      entry.item.kind !== item.kind ||
      proof.leafIndex !== item.logIndex
    ) {
      problem(layout.PROOFS, `the proven log entry ${proof.leafIndex} is not item ${item.seq}'s item_recorded entry`);
      continue;
    }
    if (proof.evidence !== item.evidence || proof.ipe !== item.ipe) problem(layout.PROOFS, `paths of item ${item.seq} differ from manifest.json`);
    if (hashes.get(item.evidence) !== entry.item.contentSha256)
      problem(item.evidence, `SHA-256 differs from the content hash logged in entry ${proof.leafIndex}`);
    if (hashes.get(item.ipe) !== entry.item.ipeSha256) problem(item.ipe, `SHA-256 differs from the IPE hash logged in entry ${proof.leafIndex}`);
  }
  checkConsistency(m, p, problem);
}

function checkConsistency(m: Manifest, p: Proofs, problem: ContentsInput['problem']): void {
  const prev = m.previousBundle;
  const c = p.consistency;
  if (!prev && !c) return;
  if (!prev || !c || c.fromBundle !== prev.id || c.fromSize !== prev.checkpoint.size || c.fromRoot !== prev.checkpoint.root) {
    problem(layout.PROOFS, 'consistency proof does not match manifest.json previousBundle');
    return;
  }
  const ok = verifyConsistency(
    c.fromSize,
    m.checkpoint.size,
    Buffer.from(c.fromRoot, 'base64'),
    Buffer.from(m.checkpoint.root, 'base64'),
    c.proof.map((h) => Buffer.from(h, 'base64')),
  );
  if (!ok) problem(layout.PROOFS, `consistency proof from size ${c.fromSize} (bundle ${c.fromBundle}) to ${m.checkpoint.size} fails`);
}
