import { readSync } from 'node:fs';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';

// 1 MiB: a bundle's entries lie in order, so 20,000 files still cost a few dozen reads, and each window that moves
// on is 1 MiB of garbage rather than 8 (the 8 MiB windows were a good part of verify's peak RSS at 10,000 items).
const WINDOW = 1024 * 1024;

/** Positioned reads through one window that moves forward with the reader. */
export class WindowReader {
  private buf = Buffer.alloc(0);
  private start = 0;

  constructor(private readonly fd: number) {}

  read(pos: number, length: number): Buffer {
    if (pos >= this.start && pos + length <= this.start + this.buf.length) return this.buf.subarray(pos - this.start, pos - this.start + length);
    const size = Math.max(length, WINDOW);
    const buf = Buffer.allocUnsafe(size);
    const got = readSync(this.fd, buf, 0, size, pos);
    this.buf = buf.subarray(0, got);
    this.start = pos;
    return this.buf.subarray(0, Math.min(length, got));
  }
}

/**
 * yauzl's fd reader issues two asynchronous reads per central-directory record; for 20,000 entries that alone
 * took seconds. This one answers small reads from the window and streams only large entries.
 */
export class WindowedZipReader extends yauzl.RandomAccessReader {
  constructor(
    private readonly fd: number,
    private readonly window: WindowReader,
  ) {
    super();
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
    let got: Buffer;
    try {
      got = this.window.read(position, length);
    } catch (err) {
      process.nextTick(callback, err as Error);
      return;
    }
    got.copy(buffer, offset);
    process.nextTick(callback, null, got.length);
  }

  /** Large entries: 1 MiB synchronous reads, so nothing is in flight on the fd once the stream has ended. */
  override _readStreamForRange(start: number, end: number): Readable {
    const fd = this.fd;
    return Readable.from(
      (function* () {
        for (let pos = start; pos < end;) {
          const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, end - pos));
          const got = readSync(fd, chunk, 0, chunk.length, pos);
          if (got === 0) throw new Error('unexpected end of file');
          pos += got;
          yield chunk.subarray(0, got);
        }
      })(),
      { objectMode: false },
    );
  }
}
