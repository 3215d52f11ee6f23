import { createHash, type Hash } from 'node:crypto';
import { closeSync, createReadStream, fsyncSync, openSync, writeSync } from 'node:fs';

/** A file written piece by piece while its SHA-256 is computed, so large bundle files never sit in memory. */
export class HashedFileWriter {
  private readonly fd: number;
  private readonly hash: Hash = createHash('sha256');
  bytes = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w', 0o600);
  }

  write(text: string | Buffer): void {
    const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    this.hash.update(buf);
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off);
    this.bytes += buf.length;
  }

  /** Closes the file and returns its SHA-256 (hex). */
  close(): string {
    fsyncSync(this.fd);
    closeSync(this.fd);
    return this.hash.digest('hex');
  }
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
