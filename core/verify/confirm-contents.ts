import * as layout from '../export/bundle-paths';
import { manifestItemSchema, manifestSchema, proofItemSchema, proofsSchema, type Manifest } from '../export/manifest';
import { leafHash, rootFromInclusionProof, verifyConsistency } from '../log/merkle';
import { verifyCheckpointNote } from '../sign/checkpoint';
import { jcs } from '../util/canonical';
import type { CheckedBundle, ContentsInput } from './check-contents';
import { JsonItemsReader } from './json-items-reader';
import { ZipRefused, type SafeZip } from './safe-zip';

const MAX_JSON = 1024 * 1024 * 1024;
/** An attachment under evidence/ named like an item's file: only the in-memory check can tell them apart. */
const ITEM_FILE = /^evidence\/[^/]+\/\d+(\.ipe)?\.json$/;

/** Thrown from inside a read to stop inflating a file once the answer is known to be "not confirmed". */
class NotConfirmed extends ZipRefused {
  constructor() {
    super('(confirm)', 'not confirmed');
  }
}

/** What the proofs pass needs of each manifest item, in manifest order: a few numbers, not the item objects. */
class ItemTable {
  seqs: number[] = [];
  logIndexes: number[] = [];
  kinds: string[] = [];
  add(seq: number, logIndex: number, kind: string): void {
    this.seqs.push(seq);
    this.logIndexes.push(logIndex);
    // Kinds repeat: keep one string per kind rather than one per item.
    this.kinds.push(this.kinds.length > 0 && this.kinds[this.kinds.length - 1] === kind ? this.kinds[this.kinds.length - 1]! : kind);
  }
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * The checks of check-contents.ts for a bundle in which they all pass, reading manifest.json and log/proofs.json as
 * they inflate (json-items-reader.ts) instead of whole: memory stays flat as the item count grows. It confirms or
 * gives up (null) — at the first thing that would be a problem, or any shape it does not expect — and the caller
 * then runs the in-memory check, which names every problem exactly as before.
 */
export async function confirmBundleContents(zip: SafeZip, input: ContentsInput): Promise<CheckedBundle | null> {
  const budget = zip.inflatedBytes; // a check that gives up leaves the archive's inflate budget as it found it
  try {
    return await confirm(zip, input);
  } catch (err) {
    if (!(err instanceof ZipRefused)) throw err;
    zip.inflatedBytes = budget;
    return null;
  }
}

async function confirm(zip: SafeZip, input: ContentsInput): Promise<CheckedBundle | null> {
  const { hashes } = input;
  const table = new ItemTable();
  const counts = { complete: 0, partial: 0, failed: 0 };
  const manifestReader = new JsonItemsReader('items', (text) => {
    const value = parse(text);
    const r = manifestItemSchema.safeParse(value);
    if (!r.success || jcs(value) !== text) throw new NotConfirmed();
    const it = r.data;
    const paths = layout.evidencePaths(it.kind, it.seq);
    // Sequence numbers strictly rising keep every item's paths distinct without a set of them.
    const last = table.seqs.length ? table.seqs[table.seqs.length - 1]! : 0;
    if (it.seq <= last || it.evidence !== paths.content || it.ipe !== paths.ipe) throw new NotConfirmed();
    if (hashes.get(it.evidence) !== it.contentSha256 || hashes.get(it.ipe) !== it.ipeSha256) throw new NotConfirmed();
    counts[it.completeness] += 1;
    table.add(it.seq, it.logIndex, it.kind);
  });
  await zip.forEachChunk(layout.MANIFEST, MAX_JSON, (chunk) => manifestReader.push(chunk));
  const skeleton = manifestReader.end();
  if (!skeleton || manifestReader.whitespace) return null;
  const value = parse(skeleton.skeleton) as { items?: unknown } | undefined;
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success || !Array.isArray(value?.items) || value.items.length !== 0 || jcs(value) !== skeleton.skeleton) return null;
  const m: Manifest = parsed.data;
  const n = table.seqs.length;
  if (m.keyFingerprint !== input.fingerprint || m.report !== layout.reportPath(m.criterion.id) || !hashes.has(m.report)) return null;
  if (counts.complete !== m.counts.complete || counts.partial !== m.counts.partial || counts.failed !== m.counts.failed) return null;
  const attachments = new Set<string>();
  for (const a of m.attachments ?? []) {
    if (hashes.get(a.path) !== a.sha256 || attachments.has(a.path) || ITEM_FILE.test(a.path)) return null;
    attachments.add(a.path);
  }
  // Every evidence/ file is an item's or an attachment's: the listed ones number exactly those.
  let evidenceFiles = 0;
  for (const path of hashes.keys()) if (path.startsWith('evidence/')) evidenceFiles += 1;
  const evidenceAttachments = [...attachments].filter((p) => p.startsWith('evidence/')).length;
  if (evidenceFiles !== 2 * n + evidenceAttachments) return null;

  const note = (await zip.read(layout.CHECKPOINT, 64 * 1024)).toString('utf8');
  const cp = verifyCheckpointNote(note, input.publicKeyRaw);
  if (
    !cp ||
    cp.checkpoint.origin !== m.checkpoint.origin ||
    cp.checkpoint.size !== m.checkpoint.size ||
    cp.checkpoint.root.toString('base64') !== m.checkpoint.root
  )
    return null;

  if (!(await confirmProofs(zip, m, table, hashes))) return null;
  return {
    bundleId: m.bundleId,
    criterion: m.criterion.id,
    period: m.period,
    items: n,
    checkpoint: m.checkpoint,
    previousBundle: m.previousBundle?.id ?? null,
  };
}

/** log/proofs.json lists the manifest's items in the same order, each with a proof that leads to the checkpoint root. */
async function confirmProofs(zip: SafeZip, m: Manifest, table: ItemTable, hashes: Map<string, string>): Promise<boolean> {
  const root = Buffer.from(m.checkpoint.root, 'base64');
  const reader = new JsonItemsReader('items', (text, i) => {
    const r = proofItemSchema.safeParse(parse(text));
    if (!r.success || i >= table.seqs.length) throw new NotConfirmed();
    const proof = r.data;
    const seq = table.seqs[i]!;
    const paths = layout.evidencePaths(table.kinds[i]!, seq);
    if (proof.seq !== seq || proof.leafIndex !== table.logIndexes[i] || proof.evidence !== paths.content || proof.ipe !== paths.ipe)
      throw new NotConfirmed();
    const auditPath = proof.auditPath.map((h) => Buffer.from(h, 'base64'));
    const got = rootFromInclusionProof(leafHash(Buffer.from(proof.entry, 'utf8')), proof.leafIndex, m.checkpoint.size, auditPath);
    if (!got?.equals(root)) throw new NotConfirmed();
    const entry = parse(proof.entry) as { type?: unknown; seq?: unknown; item?: Record<string, unknown> } | undefined;
    const item = entry?.item;
    if (
      !entry ||
      entry.type !== 'item_recorded' ||
      entry.seq !== proof.leafIndex ||
      item?.seq !== seq ||
      item.kind !== table.kinds[i] ||
      hashes.get(paths.content) !== item.contentSha256 ||
      hashes.get(paths.ipe) !== item.ipeSha256
    )
      throw new NotConfirmed();
  });
  await zip.forEachChunk(layout.PROOFS, MAX_JSON, (chunk) => reader.push(chunk));
  const skeleton = reader.end();
  const value = skeleton && (parse(skeleton.skeleton) as { items?: unknown } | undefined);
  const parsed = proofsSchema.safeParse(value);
  if (!skeleton || !parsed.success || !Array.isArray(value?.items) || value.items.length !== 0) return false;
  const p = parsed.data;
  if (skeleton.count !== table.seqs.length) return false;
  if (p.checkpoint.origin !== m.checkpoint.origin || p.checkpoint.size !== m.checkpoint.size || p.checkpoint.root !== m.checkpoint.root) return false;
  const prev = m.previousBundle;
  const c = p.consistency;
  if (!prev && !c) return true;
  if (!prev || !c || c.fromBundle !== prev.id || c.fromSize !== prev.checkpoint.size || c.fromRoot !== prev.checkpoint.root) return false;
  return verifyConsistency(
    c.fromSize,
    m.checkpoint.size,
    Buffer.from(c.fromRoot, 'base64'),
    Buffer.from(m.checkpoint.root, 'base64'),
    c.proof.map((h) => Buffer.from(h, 'base64')),
  );
}
