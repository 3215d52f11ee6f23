#!/usr/bin/env node
// Zero-dependency verifier for an extracted Evidence Locker bundle (Node 18+; no npm install).
// Usage: node tools/verify-log.mjs [EXPECTED_KEY_FINGERPRINT]
// Checks: key fingerprint, the Ed25519 signature over SHA256SUMS, every listed hash, no unlisted files, the signed
// log checkpoint (C2SP signed note), the RFC 6962 inclusion proof of every item's log entry, that each evidence
// and IPE file hashes to what its log entry recorded, the consistency proof from the previous bundle, and the
// inclusion proof of every access-review log entry file (reviews/review-<id>/log/proofs.json).
// Also the alternative for macOS, whose LibreSSL `openssl` lacks `pkeyutl -rawin`. Exit 0 valid, 1 invalid.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const sha256 = (...parts) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();
const hex = (b) => b.toString('hex');
const read = (path) => readFileSync(join(root, path));
const fail = (file, reason) => {
  console.error(`FAIL: ${file}: ${reason}`);
  process.exit(1);
};
const leafHash = (entry) => sha256(Buffer.from([0]), entry);
const nodeHash = (l, r) => sha256(Buffer.from([1]), l, r);
const b64 = (s) => Buffer.from(s, 'base64');

// --- key and signature over SHA256SUMS -------------------------------------------------------------------
const pem = read('signing-key.pub.pem').toString('utf8');
const der = b64(pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, ''));
if (der.length !== 44 || !der.subarray(0, 12).equals(SPKI_PREFIX)) fail('signing-key.pub.pem', 'not an Ed25519 SPKI public key');
const publicKeyRaw = der.subarray(12);
const publicKey = createPublicKey({ key: der, format: 'der', type: 'spki' });
const fingerprint = hex(sha256(der));
console.log(`key fingerprint: ${fingerprint}`);
const expected = process.argv[2]?.toLowerCase().replace(/[:\s]/g, '');
if (expected && expected !== fingerprint) fail('signing-key.pub.pem', `fingerprint ${fingerprint} is not the expected ${expected}`);
if (!expected) console.error('WARNING: no expected fingerprint given; anyone can sign a bundle with their own key.');
const sums = read('SHA256SUMS');
if (!verify(null, sums, publicKey, read('SHA256SUMS.sig'))) fail('SHA256SUMS.sig', 'signature over SHA256SUMS does not verify');

// --- every listed hash, nothing unlisted ---------------------------------------------------------------------
const listed = new Map();
for (const line of sums.toString('utf8').split('\n').slice(0, -1)) {
  const m = /^([0-9a-f]{64}) {2}([A-Za-z0-9._/-]+)$/.exec(line);
  if (!m) fail('SHA256SUMS', `malformed line: ${line}`);
  listed.set(m[2], m[1]);
}
const fileHash = new Map();
for (const [path, want] of listed) {
  let got;
  try {
    got = hex(sha256(read(path)));
  } catch {
    fail(path, 'listed in SHA256SUMS but missing');
  }
  if (got !== want) fail(path, `SHA-256 ${got} differs from SHA256SUMS (${want})`);
  fileHash.set(path, got);
}
const walk = (dir, prefix) => {
  for (const name of readdirSync(dir)) {
    const rel = prefix ? `${prefix}/${name}` : name;
    const st = lstatSync(join(dir, name));
    if (st.isSymbolicLink()) fail(rel, 'symbolic links are not allowed');
    if (st.isDirectory()) walk(join(dir, name), rel);
    else if (!listed.has(rel) && rel !== 'SHA256SUMS' && rel !== 'SHA256SUMS.sig') fail(rel, 'not listed in SHA256SUMS');
  }
};
walk(root, '');

// --- checkpoint: C2SP signed note ---------------------------------------------------------------------------
const note = read('log/checkpoint.txt').toString('utf8');
const split = note.indexOf('\n\n');
if (split < 0) fail('log/checkpoint.txt', 'no blank line before the signatures');
const body = note.slice(0, split + 1);
const [origin, sizeText, rootText] = body.split('\n');
const treeSize = Number(sizeText);
const treeRoot = b64(rootText ?? '');
if (!/^\d+$/.test(sizeText ?? '') || treeRoot.length !== 32) fail('log/checkpoint.txt', 'malformed body');
const sigOk = note
  .slice(split + 2)
  .split('\n')
  .filter(Boolean)
  .some((line) => {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m) return false;
    const blob = b64(m[2]);
    const keyId = sha256(Buffer.from(m[1], 'utf8'), Buffer.from([0x0a, 0x01]), publicKeyRaw).subarray(0, 4);
    return blob.length === 68 && blob.subarray(0, 4).equals(keyId) && verify(null, Buffer.from(body, 'utf8'), publicKey, blob.subarray(4));
  });
if (!sigOk) fail('log/checkpoint.txt', 'no signature line verifies with signing-key.pub.pem');

// --- manifest agrees with key and checkpoint --------------------------------------------------------------------
const manifest = JSON.parse(read('manifest.json').toString('utf8'));
if (manifest.keyFingerprint !== fingerprint) fail('manifest.json', 'keyFingerprint differs from signing-key.pub.pem');
const cp = manifest.checkpoint ?? {};
if (cp.origin !== origin || cp.size !== treeSize || cp.root !== rootText) fail('manifest.json', 'checkpoint differs from log/checkpoint.txt');

// --- RFC 9162 §2.1.3.2: root from an inclusion proof ---------------------------------------------------------
function rootFromInclusion(leaf, index, size, path) {
  if (index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else r = nodeHash(r, p);
    [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  }
  return sn === 0 ? r : null;
}

// --- RFC 9162 §2.1.4.2: consistency between two tree heads ----------------------------------------------------
function verifyConsistency(m, n, oldRoot, newRoot, proof) {
  if (m === n) return proof.length === 0 && oldRoot.equals(newRoot);
  if (m < 1 || m > n) return false;
  const path = (m & (m - 1)) === 0 ? [oldRoot, ...proof] : [...proof];
  if (path.length === 0) return false;
  let fn = m - 1;
  let sn = n - 1;
  while (fn % 2 === 1) [fn, sn] = [fn >> 1, sn >> 1];
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else sr = nodeHash(sr, c);
    [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}

// --- every item: its log entry is in the checkpoint, and the files hash to what the entry recorded --------------
const proofs = JSON.parse(read('log/proofs.json').toString('utf8'));
if (proofs.checkpoint?.size !== treeSize || proofs.checkpoint?.root !== rootText) fail('log/proofs.json', 'checkpoint differs from log/checkpoint.txt');
const bySeq = new Map(proofs.items.map((p) => [p.seq, p]));
for (const item of manifest.items) {
  const where = item.evidence;
  const p = bySeq.get(item.seq);
  if (!p) fail('log/proofs.json', `no inclusion proof for item ${item.seq}`);
  const entryBytes = Buffer.from(p.entry, 'utf8');
  const got = rootFromInclusion(leafHash(entryBytes), p.leafIndex, treeSize, p.auditPath.map(b64));
  if (!got || !got.equals(treeRoot)) fail('log/proofs.json', `inclusion proof of item ${item.seq} (leaf ${p.leafIndex}) does not reach the checkpoint root`);
  const entry = JSON.parse(p.entry);
  if (entry.type !== 'item_recorded' || entry.seq !== p.leafIndex || entry.item?.seq !== item.seq) fail('log/proofs.json', `log entry for item ${item.seq} is not its item_recorded entry`);
  if (p.evidence !== item.evidence || p.ipe !== item.ipe) fail('log/proofs.json', `paths for item ${item.seq} differ from manifest.json`);
  if (fileHash.get(item.evidence) !== entry.item.contentSha256) fail(where, `SHA-256 differs from the content hash in log entry ${p.leafIndex}`);
  if (fileHash.get(item.ipe) !== entry.item.ipeSha256) fail(item.ipe, `SHA-256 differs from the IPE hash in log entry ${p.leafIndex}`);
}
if (bySeq.size !== manifest.items.length) fail('log/proofs.json', 'proofs and manifest items differ in number');
const c = proofs.consistency;
const prev = manifest.previousBundle;
if (Boolean(c) !== Boolean(prev) || (c && (c.fromBundle !== prev.id || c.fromSize !== prev.checkpoint.size || c.fromRoot !== prev.checkpoint.root))) {
  fail('log/proofs.json', 'consistency proof does not match manifest.json previousBundle');
}
if (c) {
  const ok = verifyConsistency(c.fromSize, treeSize, b64(c.fromRoot), treeRoot, c.proof.map(b64));
  if (!ok) fail('log/proofs.json', `consistency proof from size ${c.fromSize} (bundle ${c.fromBundle}) to ${treeSize} fails`);
}

// --- access-review packages: every log entry file is in the checkpoint (reviews/review-<id>/log/proofs.json) ------
const reviewLogEntry = /^(reviews\/review-\d+\/log\/)(\d{8})-[a-z_]+\.json$/;
const proven = new Set();
for (const path of listed.keys()) {
  const dir = /^(reviews\/review-\d+\/log\/)proofs\.json$/.exec(path)?.[1];
  if (!dir) continue;
  let rp;
  try {
    rp = JSON.parse(read(path).toString('utf8'));
  } catch {
    fail(path, 'is not JSON');
  }
  if (rp.checkpoint?.size !== treeSize || rp.checkpoint?.root !== rootText) fail(path, 'checkpoint differs from log/checkpoint.txt');
  for (const e of Array.isArray(rp.entries) ? rp.entries : fail(path, 'has no entries list')) {
    const m = reviewLogEntry.exec(String(e?.file));
    if (!m || m[1] !== dir || !listed.has(e.file)) fail(path, `names ${e?.file}, not a log entry file of this review listed in SHA256SUMS`);
    if (!Number.isInteger(e.leafIndex) || Number(m[2]) !== e.leafIndex || !Array.isArray(e.auditPath)) fail(path, `malformed proof for ${e.file}`);
    const bytes = read(e.file);
    const got = rootFromInclusion(leafHash(bytes), e.leafIndex, treeSize, e.auditPath.map(b64));
    if (!got || !got.equals(treeRoot)) fail(e.file, `is not included in the checkpoint: its inclusion proof (leaf ${e.leafIndex}, ${path}) does not reach the root`);
    let entry;
    try {
      entry = JSON.parse(bytes.toString('utf8'));
    } catch {
      fail(e.file, 'is not JSON');
    }
    if (entry.seq !== e.leafIndex) fail(e.file, `records seq ${entry.seq}, not its leaf index ${e.leafIndex}`);
    proven.add(e.file);
  }
}
for (const path of listed.keys()) if (reviewLogEntry.test(path) && !proven.has(path)) fail(path, 'has no inclusion proof in its review\'s log/proofs.json');
console.log(`OK: ${listed.size} files match the signed SHA256SUMS; checkpoint ${origin} size ${treeSize} is signed;`);
console.log(`    ${manifest.items.length} items are included in it and match their log entries${c ? `; the log only grew since bundle ${c.fromBundle}` : ''}.`);
if (proven.size) console.log(`    ${proven.size} review log entries are included in the checkpoint.`);
