import { ZipArchive } from 'archiver';
import { closeSync, createWriteStream, fsyncSync, openSync, type WriteStream } from 'node:fs';
import type { Readable } from 'node:stream';

/**
 * archiver with backpressure: `archiver.append` feeds an unbounded queue, so each `add` waits for the entry to be
 * fully written before the caller may produce the next one (integrity.md §10). The write stream's own backpressure
 * then holds the archiver back, and memory stays bounded however many entries there are. Every entry gets the same
 * date (the bundle's generatedAt) and a fixed mode so the same inputs give the same bytes.
 */
const STORE_BELOW = 64 * 1024;

export class ZipWriter {
  private readonly archive = new ZipArchive({ zlib: { level: 6 } });
  private readonly out: WriteStream;
  private failure: Error | null = null;
  private readonly closed: Promise<void>;

  constructor(
    private readonly path: string,
    private readonly date: Date,
  ) {
    this.out = createWriteStream(path, { mode: 0o644 });
    this.closed = new Promise((resolve, reject) => {
      this.out.on('close', () => (this.failure ? reject(this.failure) : resolve()));
      this.out.on('error', (err) => this.fail(err));
      this.archive.on('error', (err) => this.fail(err));
      this.archive.on('warning', (err) => this.fail(err));
    });
    this.closed.catch(() => undefined); // observed through add()/finish(); never an unhandled rejection
    this.archive.pipe(this.out);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.out.destroy();
  }

  /**
   * Small entries are stored, not deflated: archiver builds a zlib stream per deflated entry (~0.3 ms each), which
   * alone would take 10,000 items (20,000 files) past the export time goal. Large files (PDF, proofs) are deflated.
   */
  async add(name: string, source: Buffer | Readable, mode = 0o644): Promise<void> {
    const store = Buffer.isBuffer(source) && source.length < STORE_BELOW;
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      const done = (err?: Error) => {
        this.archive.off('entry', onEntry);
        this.archive.off('error', onError);
        this.out.off('error', onError);
        if (err) reject(err);
        else resolve();
      };
      const onEntry = () => done();
      const onError = (err: Error) => done(err);
      this.archive.on('entry', onEntry);
      this.archive.on('error', onError);
      this.out.on('error', onError);
      this.archive.append(source, { name, date: this.date, mode, store });
    });
  }

  /** Writes the central directory, waits for the file to close, then fsyncs it. */
  async finish(): Promise<void> {
    if (this.failure) throw this.failure;
    await this.archive.finalize();
    await this.closed;
    const fd = openSync(this.path, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  abort(): void {
    this.archive.abort();
    this.out.destroy();
  }
}
