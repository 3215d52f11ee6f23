import { CompactRange, leafHash } from '../log/merkle';
import { verifyCheckpointNote, parseCheckpointNote } from '../sign/checkpoint';
import { fingerprintOf } from '../sign/keys';
import { sha256Hex } from '../util/canonical';
import type { EvidenceStore } from './evidence-store';
import { verifyRotation } from './key-rotation';
import * as checkpoints from './repos/checkpoints';
import * as items from './repos/items';
import * as keys from './repos/keys';
import * as log from './repos/log';
import { dbOf } from './handle';
import { confirmLogAndItems } from './verify-store-fast';
import { checkContentFiles } from './content-files';

export interface Problem {
  where: string; // e.g. "log entry #12", "item #5", "checkpoint at size 40"
  reason: string;
  /** Position in the log the problem belongs to, so the first one reported is the earliest. */
  at: number;
}

export interface StoreVerification {
  ok: boolean;
  logSize: number;
  items: number;
  checkpoints: number;
  bytesHashed: number;
  root: string | null;
  problems: Problem[];
}

interface LoggedItem {
  idx: number;
  kind: string;
  scope: unknown;
  collectedAt: string;
  /** Present only when the item's evidence-for time was set by hand (an import of an older file). */
  evidenceFor?: string;
  contentSha256: string;
  ipeSha256: string;
}

/**
 * Recomputes every leaf, the tree, each checkpoint signature and each item hash (docs/store-format.md §8).
 * Runs in one read transaction: a writer appending meanwhile (the app, a cron run) cannot make the log and the
 * items disagree mid-check. The checkpoint file is read before the snapshot starts, so it is never newer.
 */
export function verifyStore(store: EvidenceStore): StoreVerification {
  return dbOf(store)
    .transaction(() => verifySnapshot(store, true))
    .deferred();
}

/** The row-by-row check alone, without the confirming pass (tests hold both to the same answers). */
export function verifyStoreRowByRow(store: EvidenceStore): StoreVerification {
  return dbOf(store)
    .transaction(() => verifySnapshot(store, false))
    .deferred();
}

function verifySnapshot(store: EvidenceStore, confirmFirst: boolean): StoreVerification {
  const problems: Problem[] = [];
  const END = Number.MAX_SAFE_INTEGER;
  let at = END; // position the next reported problem belongs to
  const add = (where: string, reason: string) => problems.push({ where, reason, at });
  const loggedKeys = new Map<string, Buffer>();
  const loggedItems = new Map<number, LoggedItem>();
  const fileNote = store.readCheckpointFile();
  const cps = checkpoints.allCheckpoints(dbOf(store)); // first read: the snapshot starts here
  const roots = new Map<number, Buffer>();
  const wanted = new Set(cps.map((c) => c.size));
  let fileSize = -1;
  try {
    if (fileNote) fileSize = parseCheckpointNote(fileNote).checkpoint.size;
  } catch (err) {
    add('checkpoint file', `unreadable: ${(err as Error).message}`);
  }
  if (fileSize >= 0) wanted.add(fileSize);
  let range = new CompactRange();
  let bytes = 0;
  let activeKey: Buffer | null = null;
  if (wanted.has(0)) roots.set(0, range.root());

  // A clean store is confirmed in one pass over log and items together (verify-store-fast.ts); anything it cannot
  // confirm is checked row by row below, which names every problem.
  const confirmed = confirmFirst ? confirmLogAndItems(dbOf(store), wanted, followKeys) : null;
  if (confirmed) {
    range = confirmed.range;
    bytes = confirmed.bytes;
    for (const [size, root] of confirmed.roots) roots.set(size, root);
    for (const [fingerprint, key] of confirmed.loggedKeys) loggedKeys.set(fingerprint, key);
  }
  for (const row of confirmed ? [] : log.iterateLog(dbOf(store))) {
    const where = `log entry #${row.idx}`;
    at = Math.min(row.idx, range.size) - 0.5; // log problems come before the item problems they cause
    if (row.idx !== range.size) add(`log entry #${range.size}`, `missing: the next entry found is #${row.idx} (entries deleted)`);
    bytes += row.body.length;
    const leaf = leafHash(row.body);
    if (!leaf.equals(row.leaf)) add(where, 'stored leaf hash does not match the entry body (entry edited)');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(row.body.toString('utf8')) as Record<string, unknown>;
    } catch {
      add(where, 'body is not JSON');
      body = {};
    }
    if (body.seq !== row.idx) add(where, `body says seq ${String(body.seq)} (entries reordered or moved)`);
    if (body.type !== row.type) add(where, `body type ${String(body.type)} differs from the row type ${row.type}`);
    activeKey = followKeys(body, row.type, where, loggedKeys, activeKey, add);
    if (row.type === 'item_recorded') {
      const it = body.item as LoggedItem & { seq: number };
      loggedItems.set(it.seq, { ...it, idx: row.idx });
    }
    range.push(leaf);
    if (wanted.has(range.size)) roots.set(range.size, range.root());
  }

  for (const cp of cps) {
    const where = `checkpoint at size ${cp.size}`;
    at = cp.size;
    const root = roots.get(cp.size);
    if (!root) add(where, `beyond the end of the log (${range.size} entries): entries deleted or the database rolled back`);
    else if (!root.equals(cp.root)) add(where, 'recorded root differs from the root recomputed from the log');
    checkNote(cp.note, cp.size, root ?? cp.root, loggedKeys.get(cp.key_fingerprint), where, add);
  }
  at = END;
  if (fileNote && fileSize >= 0) {
    const root = roots.get(fileSize);
    if (!root)
      add('checkpoint file', `rollback detected: the store is older than its last checkpoint (file at size ${fileSize}, log has ${range.size})`);
    const signedBy = [...loggedKeys.values()].some((k) => verifyCheckpointNote(fileNote, k));
    if (!signedBy) add('checkpoint file', 'signature does not verify under any key in the log');
    else if (root && !parseCheckpointNote(fileNote).checkpoint.root.equals(root)) add('checkpoint file', 'root differs from the log');
  }

  for (const k of keys.allKeys(dbOf(store))) {
    const where = `signing key ${k.fingerprint.slice(0, 16)}…`;
    if (fingerprintOf(k.public_key) !== k.fingerprint) add(where, 'public key does not match its fingerprint (key swapped)');
    const logged = loggedKeys.get(k.fingerprint);
    if (!logged) add(where, 'not introduced by any key_created or key_rotated log entry (key swapped)');
    else if (!logged.equals(k.public_key)) add(where, 'differs from the public key in the log (key swapped)');
  }

  let itemCount = confirmed?.items ?? 0;
  for (const it of confirmed ? [] : items.iterateItems(dbOf(store))) {
    itemCount += 1;
    const where = `item #${it.seq}`;
    bytes += it.content.length + it.ipe.length;
    const logged = loggedItems.get(it.seq);
    at = logged?.idx ?? it.log_idx;
    loggedItems.delete(it.seq);
    if (!logged) {
      add(where, 'has no item_recorded log entry');
      continue;
    }
    if (sha256Hex(it.content) !== logged.contentSha256) add(where, 'content does not match the hash in its log entry (content changed)');
    if (it.content_sha256 !== logged.contentSha256) add(where, 'stored content hash differs from its log entry');
    if (sha256Hex(it.ipe) !== logged.ipeSha256) add(where, 'IPE metadata does not match the hash in its log entry');
    if (it.log_idx !== logged.idx) add(where, `points at log entry #${it.log_idx}, but it was logged at #${logged.idx}`);
    if (it.kind !== logged.kind || it.collected_at !== logged.collectedAt) add(where, 'kind or collection time differs from its log entry');
    if ((it.evidence_for ?? undefined) !== logged.evidenceFor) add(where, 'evidence-for time differs from its log entry');
  }
  for (const [seq, logged] of loggedItems) {
    at = logged.idx;
    add(`item #${seq}`, `missing: logged at entry #${logged.idx} but not in the store (row deleted)`);
  }

  // Manual evidence files kept beside the database (schema 5): each present and still the hash its item logged.
  at = END;
  for (const p of checkContentFiles(dbOf(store), store.paths.home)) add(p.where, p.reason);

  problems.sort((a, b) => a.at - b.at); // stable: ties keep discovery order
  return {
    ok: problems.length === 0,
    logSize: range.size,
    items: itemCount,
    checkpoints: cps.length,
    bytesHashed: bytes,
    root: range.size > 0 ? range.root().toString('hex') : null,
    problems,
  };
}

function followKeys(
  body: Record<string, unknown>,
  type: string,
  where: string,
  loggedKeys: Map<string, Buffer>,
  active: Buffer | null,
  add: (w: string, r: string) => void,
): Buffer | null {
  if (type === 'key_created') {
    const k = body.key as { fingerprint: string; publicKey: string };
    const raw = Buffer.from(k.publicKey, 'base64');
    if (fingerprintOf(raw) !== k.fingerprint) add(where, 'logged key does not match its fingerprint');
    loggedKeys.set(k.fingerprint, raw);
    return raw;
  }
  if (type === 'key_rotated') {
    const b = body as unknown as Parameters<typeof verifyRotation>[0];
    if (!active || !verifyRotation(b, active)) add(where, 'key rotation is not signed by both the old and the new key');
    const raw = Buffer.from(b.rotation.newPublicKey, 'base64');
    loggedKeys.set(b.rotation.newFingerprint, raw);
    return raw;
  }
  return active;
}

function checkNote(
  note: string,
  size: number,
  root: Buffer,
  publicKey: Buffer | undefined,
  where: string,
  add: (w: string, r: string) => void,
): void {
  if (!publicKey) return add(where, 'signed by a key the log never introduced');
  const parsed = verifyCheckpointNote(note, publicKey);
  if (!parsed) return add(where, 'signature does not verify');
  if (parsed.checkpoint.size !== size || !parsed.checkpoint.root.equals(root)) add(where, 'signed note differs from the recorded size or root');
}
