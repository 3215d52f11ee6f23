import { readFileSync, createReadStream } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppError } from '../util/errors';
import { publicKeyPem, signBytes, type SigningKey } from '../sign/keys';
import type { EvidenceStore } from '../store/evidence-store';
import { itemBytesBySeq } from '../store/store-reads';
import { canonicalBytes, sha256Hex } from '../util/canonical';
import * as layout from './bundle-paths';
import type { Manifest, ManifestItem } from './manifest';
import { readmeText } from './readme';
import { ZipWriter } from './zip-writer';

/** The small files, built in memory: README, key, manifest, checkpoint, and the two verifier scripts. */
export function staticFiles(input: {
  manifest: Manifest;
  key: SigningKey;
  checkpointNote: string;
  readme: { items: number };
  toolsDir: string;
}): Map<string, Buffer> {
  const tool = (name: string) => readFileSync(join(input.toolsDir, name));
  const m = input.manifest;
  const readme = readmeText({ ...m, items: input.readme.items, reportPath: m.report });
  return new Map<string, Buffer>([
    [layout.README, Buffer.from(readme, 'utf8')],
    [layout.PUBLIC_KEY, Buffer.from(publicKeyPem(input.key.publicKeyRaw), 'utf8')],
    [layout.MANIFEST, canonicalBytes(m)],
    [layout.CHECKPOINT, Buffer.from(input.checkpointNote, 'utf8')],
    [layout.VERIFY_SH, tool('verify.sh')],
    [layout.VERIFY_LOG, tool('verify-log.mjs')],
  ]);
}

type Entry =
  | { path: string; type: 'buffer'; data: Buffer }
  | { path: string; type: 'file'; file: string }
  | { path: string; type: 'content' | 'ipe'; item: ManifestItem };

export interface ZipInput {
  partialPath: string;
  date: Date;
  key: SigningKey;
  files: Map<string, Buffer>;
  onDisk: { path: string; file: string; sha256: string }[];
  items: ManifestItem[];
  signal?: AbortSignal;
}

/** Entries written between looks at the signal: the loop is otherwise synchronous, so SIGINT could not be seen. */
const ENTRIES_PER_TURN = 256;

/**
 * SHA256SUMS from the known hashes (item hashes are the store's, re-checked as each item is streamed), its
 * signature, then every entry in byte order of its path. Returns the SHA256SUMS bytes.
 */
export async function writeZip(store: EvidenceStore, input: ZipInput): Promise<Buffer> {
  const entries: Entry[] = [];
  const sums: layout.SumsLine[] = [];
  for (const [path, data] of input.files) {
    entries.push({ path, type: 'buffer', data });
    sums.push({ path, sha256: sha256Hex(data) });
  }
  for (const f of input.onDisk) {
    entries.push({ path: f.path, type: 'file', file: f.file });
    sums.push({ path: f.path, sha256: f.sha256 });
  }
  for (const item of input.items) {
    entries.push({ path: item.evidence, type: 'content', item }, { path: item.ipe, type: 'ipe', item });
    sums.push({ path: item.evidence, sha256: item.contentSha256 }, { path: item.ipe, sha256: item.ipeSha256 });
  }
  const sumsBytes = layout.formatSums(sums); // also refuses unsafe or duplicate paths
  entries.push({ path: layout.SUMS, type: 'buffer', data: sumsBytes });
  entries.push({ path: layout.SUMS_SIG, type: 'buffer', data: signBytes(input.key, sumsBytes) });
  entries.sort((a, b) => layout.byteCompare(a.path, b.path));

  const zip = new ZipWriter(input.partialPath, input.date);
  let cached: { seq: number; content: Buffer; ipe: Buffer } | null = null;
  const itemBytes = (item: ManifestItem) => {
    if (cached?.seq !== item.seq) {
      const row = itemBytesBySeq(store, item.seq);
      if (!row) throw new AppError('NOT_FOUND', `Evidence item #${item.seq} vanished during export.`);
      cached = { seq: item.seq, ...row };
    }
    return cached;
  };
  try {
    for (const [i, e] of entries.entries()) {
      if (i % ENTRIES_PER_TURN === 0) {
        await nextTurn();
        input.signal?.throwIfAborted();
      }
      if (e.type === 'buffer') await zip.add(e.path, e.data, e.path === layout.VERIFY_SH ? 0o755 : 0o644);
      else if (e.type === 'file') await zip.add(e.path, createReadStream(e.file));
      else {
        const bytes = itemBytes(e.item)[e.type];
        const want = e.type === 'content' ? e.item.contentSha256 : e.item.ipeSha256;
        if (sha256Hex(bytes) !== want)
          throw new AppError('INTEGRITY', `Item #${e.item.seq}'s stored ${e.type} no longer matches its hash; run verify-store.`);
        await zip.add(e.path, bytes);
      }
    }
    await zip.finish();
  } catch (err) {
    zip.abort();
    throw err;
  }
  return sumsBytes;
}
