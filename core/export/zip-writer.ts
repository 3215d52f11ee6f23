import { closeSync, fsyncSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/**
 * A small streaming ZIP writer (PKWARE APPNOTE 6.3: local headers, central directory, ZIP64 end records when
 * needed). Why not archiver: it creates a zlib stream per deflated entry (~0.3 ms each, seconds for 20,000 files)
 * and its finalize queues the whole central directory as small stream chunks (~5 KB per entry: ~100 MB at 20,000
 * entries, unbounded beyond). Here every write is synchronous to the file descriptor, so there is no queue at all;
 * central-directory records are spooled to a side file and copied at the end, so memory does not grow with entries.
 * Every entry gets the same date (the bundle's generatedAt, UTC) and a fixed mode: same inputs, same bytes.
 */
const MAX32 = 0xffffffff;
const STORE_BELOW = 64; // deflate costs more than it saves for tiny files

export class ZipWriter {
  private readonly fd: number;
  private readonly cdPath: string;
  private readonly cdFd: number;
  private offset = 0;
  private cdSize = 0;
  private entries = 0;
  private readonly dosTime: number;
  private readonly dosDate: number;
  private closed = false;

  constructor(
    private readonly path: string,
    date: Date,
  ) {
    this.fd = openSync(path, 'w', 0o644);
    this.cdPath = `${path}.cd`;
    this.cdFd = openSync(this.cdPath, 'w+', 0o600);
    this.dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
    this.dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  }

  private write(buf: Buffer): void {
    for (let off = 0; off < buf.length;) off += writeSync(this.fd, buf, off, buf.length - off, this.offset + off);
    this.offset += buf.length;
  }

  private localHeader(name: Buffer, method: number, crc: number, csize: number, usize: number): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4); // version needed: 2.0
    h.writeUInt16LE(0x0800, 6); // names are UTF-8 (ours are ASCII)
    h.writeUInt16LE(method, 8);
    h.writeUInt16LE(this.dosTime, 10);
    h.writeUInt16LE(this.dosDate, 12);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(csize, 18);
    h.writeUInt32LE(usize, 22);
    h.writeUInt16LE(name.length, 26);
    return Buffer.concat([h, name]);
  }

  private centralRecord(name: Buffer, method: number, crc: number, csize: number, usize: number, offset: number, mode: number): void {
    const zip64 = offset >= MAX32;
    const extra = zip64 ? Buffer.alloc(12) : Buffer.alloc(0);
    if (zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(8, 2);
      extra.writeBigUInt64LE(BigInt(offset), 4);
    }
    const h = Buffer.alloc(46);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE((3 << 8) | 45, 4); // made by: Unix, spec 4.5
    h.writeUInt16LE(zip64 ? 45 : 20, 6);
    h.writeUInt16LE(0x0800, 8);
    h.writeUInt16LE(method, 10);
    h.writeUInt16LE(this.dosTime, 12);
    h.writeUInt16LE(this.dosDate, 14);
    h.writeUInt32LE(crc, 16);
    h.writeUInt32LE(csize, 20);
    h.writeUInt32LE(usize, 24);
    h.writeUInt16LE(name.length, 28);
    h.writeUInt16LE(extra.length, 30);
    h.writeUInt32LE(((0o100000 | mode) << 16) >>> 0, 38); // regular file + permissions
    h.writeUInt32LE(zip64 ? MAX32 : offset, 42);
    const rec = Buffer.concat([h, name, extra]);
    writeSync(this.cdFd, rec, 0, rec.length, this.cdSize);
    this.cdSize += rec.length;
    this.entries += 1;
  }

  async add(name: string, source: Buffer | Readable, mode = 0o644): Promise<void> {
    const nameBytes = Buffer.from(name, 'utf8');
    const offset = this.offset;
    if (Buffer.isBuffer(source)) {
      const crc = crc32(source);
      const deflated = source.length >= STORE_BELOW ? deflateRawSync(source, { level: 6 }) : null;
      const [method, data] = deflated && deflated.length < source.length ? [8, deflated] : [0, source];
      if (source.length >= MAX32) throw new Error(`${name}: entries of 4 GiB or more are not supported`);
      this.write(this.localHeader(nameBytes, method, crc, data.length, source.length));
      this.write(data);
      this.centralRecord(nameBytes, method, crc, data.length, source.length, offset, mode);
      return;
    }
    // Streamed file: header first, data deflated chunk by chunk, then the header's crc and sizes are patched.
    this.write(this.localHeader(nameBytes, 8, 0, 0, 0));
    let crc = 0;
    let usize = 0;
    const start = this.offset;
    const deflate = createDeflateRaw({ level: 6 });
    const drained = (async () => {
      for await (const chunk of deflate) this.write(chunk as Buffer);
    })();
    drained.catch(() => undefined); // awaited below; a failure surfaces there or through the source loop
    try {
      for await (const chunk of source) {
        const buf = chunk as Buffer;
        crc = crc32(buf, crc);
        usize += buf.length;
        // Raced with the drain loop: when a write to the ZIP fails (disk full) that loop ends, the deflate stream is
        // destroyed and 'drain' never comes; waiting for it alone hung the export forever (fault suite, disk full).
        if (!deflate.write(buf)) await Promise.race([new Promise((resolve) => deflate.once('drain', resolve)), drained]);
      }
      deflate.end();
      await drained;
    } catch (err) {
      deflate.destroy();
      throw err;
    }
    const csize = this.offset - start;
    if (usize >= MAX32 || csize >= MAX32) throw new Error(`${name}: entries of 4 GiB or more are not supported`);
    const patch = Buffer.alloc(12);
    patch.writeUInt32LE(crc, 0);
    patch.writeUInt32LE(csize, 4);
    patch.writeUInt32LE(usize, 8);
    writeSync(this.fd, patch, 0, 12, offset + 14);
    this.centralRecord(nameBytes, 8, crc, csize, usize, offset, mode);
  }

  /** Copies the spooled central directory, writes the end records (ZIP64 when counts or offsets need it), fsyncs. */
  async finish(): Promise<void> {
    const cdOffset = this.offset;
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    for (let pos = 0; pos < this.cdSize;) {
      const got = readSync(this.cdFd, chunk, 0, Math.min(chunk.length, this.cdSize - pos), pos);
      this.write(chunk.subarray(0, got));
      pos += got;
    }
    const zip64 = this.entries >= 0xffff || cdOffset >= MAX32 || this.cdSize >= MAX32;
    if (zip64) {
      const eocd64 = Buffer.alloc(56);
      eocd64.writeUInt32LE(0x06064b50, 0);
      eocd64.writeBigUInt64LE(44n, 4);
      eocd64.writeUInt16LE((3 << 8) | 45, 12);
      eocd64.writeUInt16LE(45, 14);
      eocd64.writeBigUInt64LE(BigInt(this.entries), 24);
      eocd64.writeBigUInt64LE(BigInt(this.entries), 32);
      eocd64.writeBigUInt64LE(BigInt(this.cdSize), 40);
      eocd64.writeBigUInt64LE(BigInt(cdOffset), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(this.offset), 8);
      locator.writeUInt32LE(1, 16);
      this.write(eocd64);
      this.write(locator);
    }
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(zip64 ? 0xffff : this.entries, 8);
    eocd.writeUInt16LE(zip64 ? 0xffff : this.entries, 10);
    eocd.writeUInt32LE(zip64 ? MAX32 : this.cdSize, 12);
    eocd.writeUInt32LE(zip64 ? MAX32 : cdOffset, 16);
    this.write(eocd);
    fsyncSync(this.fd);
    this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
    closeSync(this.cdFd);
    rmSync(this.cdPath, { force: true });
  }

  /** Stops writing; the caller removes the partial file. */
  abort(): void {
    this.close();
  }
}
