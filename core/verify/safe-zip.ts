import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { WindowReader, WindowedZipReader } from './window-reader';

/** Refusals for hostile archives (integrity.md §10). The defaults fit a 1,000,000-item bundle. */
export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  /** Absolute budget: the most the whole archive may inflate to, however large it is. */
  maxTotalBytes: number;
  /**
   * Uncompressed / compressed, checked for every entry of at least `ratioMinBytes` uncompressed, and for the
   * archive as a whole (declared total / file size) once it inflates to `ratioMinBytes`: many entries just under
   * the per-entry threshold must not add up to a bomb.
   */
  maxRatio: number;
  ratioMinBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2_100_000,
  maxEntryBytes: 2 * 1024 ** 3,
  maxTotalBytes: 16 * 1024 ** 3,
  maxRatio: 200,
  ratioMinBytes: 1024 * 1024,
};

/** What the archive may inflate to in all: proportional to its size (work an attacker can cause grows with the file). */
export function inflateBudget(archiveBytes: number, limits: ZipLimits): number {
  return Math.min(limits.maxTotalBytes, Math.max(limits.ratioMinBytes, limits.maxRatio * archiveBytes));
}

/** A reason the archive cannot be read safely, naming the entry. */
export class ZipRefused extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const NO_EXTRA_FIELDS: readonly unknown[] = Object.freeze([]);
const SMALL = 4 * 1024 * 1024; // entries up to this size are read with one positioned read and inflated in place
/** yauzl's own name checks (absolute, `..`, backslash with strictFileNames) surface as errors: name them. */
function refusalFromYauzl(err: Error): ZipRefused {
  const m = /^(absolute path|invalid relative path|invalid characters in fileName): (.*)$/s.exec(err.message);
  if (!m) return new ZipRefused('(archive)', `not a readable ZIP: ${err.message}`);
  const reason = {
    'absolute path': 'absolute path',
    'invalid relative path': 'path contains ".."',
    'invalid characters in fileName': 'path contains a backslash',
  }[m[1]!]!;
  return new ZipRefused(m[2]!, reason);
}

/**
 * A ZIP opened for verification: the central directory is read and judged before any data is, and every file is
 * then read with its declared sizes enforced. Only regular files and directories are accepted.
 */
export class SafeZip {
  readonly files = new Map<string, Entry>();
  /** Bytes inflated so far, rereads included: the work done, held to the budget while reading. */
  private inflated = 0;

  private constructor(
    private readonly zip: ZipFile,
    private readonly fd: number,
    private readonly reader: WindowReader,
    private readonly budget: number,
  ) {}

  static async open(path: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<SafeZip> {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (err) {
      throw new ZipRefused('(archive)', `not a readable ZIP: ${(err as Error).message}`);
    }
    const window = new WindowReader(fd);
    let zip: ZipFile;
    let archiveBytes = 0;
    try {
      const reader = new WindowedZipReader(fd, window);
      archiveBytes = fstatSync(fd).size;
      zip = await yauzl.fromRandomAccessReaderPromise(reader, archiveBytes, {
        lazyEntries: true,
        autoClose: false,
        strictFileNames: true,
        validateEntrySizes: true,
      });
    } catch (err) {
      closeSync(fd);
      throw refusalFromYauzl(err as Error);
    }
    const safe = new SafeZip(zip, fd, window, inflateBudget(archiveBytes, limits));
    try {
      if (zip.entryCount > limits.maxEntries) throw new ZipRefused('(archive)', `${zip.entryCount} entries; the limit is ${limits.maxEntries}`);
      await safe.judgeEntries(limits, archiveBytes);
    } catch (err) {
      safe.close();
      throw err instanceof ZipRefused ? err : refusalFromYauzl(err as Error);
    }
    return safe;
  }

  private async judgeEntries(limits: ZipLimits, archiveBytes: number): Promise<void> {
    const folded = new Set<string>();
    let total = 0;
    for await (const entry of this.zip.eachEntry()) {
      const name = entry.fileName;
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
      const isDir = name.endsWith('/');
      if (mode === S_IFLNK) throw new ZipRefused(name, 'symbolic link');
      if (mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR) throw new ZipRefused(name, `not a regular file (mode ${mode.toString(8)})`);
      // Case-folded so that two names cannot land on one file on a case-insensitive disk.
      const key = name.toLowerCase();
      if (folded.has(key)) throw new ZipRefused(name, 'duplicate name');
      folded.add(key);
      if (entry.isEncrypted()) throw new ZipRefused(name, 'encrypted entry');
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
        throw new ZipRefused(name, `unsupported compression method ${entry.compressionMethod}`);
      if (entry.uncompressedSize > limits.maxEntryBytes)
        throw new ZipRefused(name, `oversize: ${entry.uncompressedSize} bytes; the limit is ${limits.maxEntryBytes}`);
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) throw new ZipRefused(name, `total uncompressed size exceeds ${limits.maxTotalBytes} bytes`);
      if (entry.uncompressedSize >= limits.ratioMinBytes && entry.uncompressedSize > limits.maxRatio * Math.max(entry.compressedSize, 1)) {
        throw new ZipRefused(
          name,
          `compression ratio ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))}:1 exceeds ${limits.maxRatio}:1 (zip bomb?)`,
        );
      }
      if (isDir) continue;
      // Reading needs only sizes, offsets and flags from here on: drop the raw name, extra-field and comment views
      // (three Buffer objects and an array per entry, ~20,000 of them in a 10,000-item bundle).
      const slim = entry as unknown as Record<string, unknown>;
      slim.fileNameRaw = slim.extraFieldRaw = slim.fileCommentRaw = slim.fileComment = slim.comment = undefined;
      slim.extraFields = NO_EXTRA_FIELDS;
      this.files.set(name, entry);
    }
    // Declared sizes are checked here, before any data is read; reads then hold each entry to its declared size
    // and the whole archive to the same budget (charge), so a central directory that lies gains nothing.
    if (total >= limits.ratioMinBytes && total > limits.maxRatio * archiveBytes) {
      const ratio = Math.round(total / Math.max(archiveBytes, 1));
      throw new ZipRefused(
        '(archive)',
        `declares ${total} bytes uncompressed in a ${archiveBytes}-byte archive: ratio ${ratio}:1 exceeds ${limits.maxRatio}:1 (zip bomb?)`,
      );
    }
  }

  /** Counts bytes about to be inflated against the archive's budget; refuses before the work is done. */
  private charge(entry: Entry, bytes: number): void {
    this.inflated += bytes;
    if (this.inflated > this.budget)
      throw new ZipRefused(entry.fileName, `inflating it would exceed the ${this.budget} bytes this archive may inflate to (zip bomb?)`);
  }

  /** Whole entry into memory; only for files the caller caps (SHA256SUMS, manifest, proofs). */
  async read(name: string, maxBytes: number): Promise<Buffer> {
    const entry = this.files.get(name);
    if (!entry) throw new ZipRefused(name, 'missing');
    if (entry.uncompressedSize > maxBytes)
      throw new ZipRefused(name, `${entry.uncompressedSize} bytes; more than the ${maxBytes} allowed for this file`);
    if (entry.compressedSize <= SMALL) return this.readSmall(entry);
    const chunks: Buffer[] = [];
    await this.stream(entry, (chunk) => chunks.push(chunk));
    return Buffer.concat(chunks);
  }

  /**
   * Every inflated byte of an entry in chunks as they come, whatever its size: for the files read as they inflate
   * (manifest.json and log/proofs.json), so memory does not grow with them. Same limits as read().
   */
  async forEachChunk(name: string, maxBytes: number, onChunk: (chunk: Buffer) => void): Promise<void> {
    const entry = this.files.get(name);
    if (!entry) throw new ZipRefused(name, 'missing');
    if (entry.uncompressedSize > maxBytes)
      throw new ZipRefused(name, `${entry.uncompressedSize} bytes; more than the ${maxBytes} allowed for this file`);
    await this.stream(entry, onChunk);
  }

  /** Bytes inflated so far against the budget; a check that reads a file again may restore it (confirm-contents.ts). */
  get inflatedBytes(): number {
    return this.inflated;
  }

  set inflatedBytes(bytes: number) {
    this.inflated = bytes;
  }

  async sha256(name: string): Promise<string> {
    const entry = this.files.get(name);
    if (!entry) throw new ZipRefused(name, 'missing');
    const hash = createHash('sha256');
    if (entry.compressedSize <= SMALL) return hash.update(this.readSmall(entry)).digest('hex');
    await this.stream(entry, (chunk) => hash.update(chunk));
    return hash.digest('hex');
  }

  /** Large entries: yauzl's stream, which enforces the declared size; its errors name the entry. */
  private async stream(entry: Entry, onChunk: (chunk: Buffer) => void): Promise<void> {
    try {
      for await (const chunk of await this.zip.openReadStreamPromise(entry)) {
        this.charge(entry, (chunk as Buffer).length);
        onChunk(chunk as Buffer);
      }
    } catch (err) {
      if (err instanceof ZipRefused) throw err;
      throw new ZipRefused(entry.fileName, `unreadable: ${(err as Error).message}`);
    }
  }

  /** Reads through the window instead of a stream per entry: ~20,000 small files verify in a fraction of the time. */
  private readSmall(entry: Entry): Buffer {
    const header = this.reader.read(entry.relativeOffsetOfLocalHeader, 30);
    if (header.length !== 30 || header.readUInt32LE(0) !== 0x04034b50) throw new ZipRefused(entry.fileName, 'bad local file header');
    const nameLength = header.readUInt16LE(26);
    const extraLength = header.readUInt16LE(28);
    const localName = this.reader.read(entry.relativeOffsetOfLocalHeader + 30, nameLength);
    // The data is found through the local header: its name must be the one the central directory promised.
    // Bundle names are ASCII, so the latin1 comparison decides without encoding the name again; then UTF-8.
    if (localName.toString('latin1') !== entry.fileName && !localName.equals(Buffer.from(entry.fileName, 'utf8'))) {
      throw new ZipRefused(entry.fileName, 'local header names a different file');
    }
    const raw = this.reader.read(entry.relativeOffsetOfLocalHeader + 30 + nameLength + extraLength, entry.compressedSize);
    if (raw.length !== entry.compressedSize) throw new ZipRefused(entry.fileName, 'truncated entry');
    this.charge(entry, entry.uncompressedSize); // inflation below stops at this size
    let data: Buffer;
    try {
      // An output buffer of the declared size (zlib's default is 16 KiB per call): 2.4x faster for the typical 1 KB
      // evidence file, and a stream that inflates to more still stops at maxOutputLength.
      const declared = Math.max(entry.uncompressedSize, 1);
      data = entry.compressionMethod === 0 ? raw : inflateRawSync(raw, { maxOutputLength: declared, chunkSize: Math.max(64, declared + 1) });
    } catch (err) {
      throw new ZipRefused(entry.fileName, `does not decompress to its declared size (${(err as Error).message})`);
    }
    if (data.length !== entry.uncompressedSize)
      throw new ZipRefused(entry.fileName, `decompresses to ${data.length} bytes, not the declared ${entry.uncompressedSize}`);
    return data;
  }

  close(): void {
    this.zip.close();
    closeSync(this.fd);
  }
}
