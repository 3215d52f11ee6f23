import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../util/errors';
import { FILE_REF, type FileRefView } from '../contract/host';

/** Keeps the original name (it is recorded in import IPE) but nothing that could climb out of the folder. */
export function safeFileName(name: string): string {
  const base = basename(name.replaceAll('\\', '/'))
    .replace(/[^A-Za-z0-9._ -]/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 200);
  return base || 'file';
}

/**
 * Files the user handed to the app (an upload in web mode, a drop or a pick on the desktop), each under an opaque
 * ref. Procedures that read a file take the ref; the host turns it into a path it made itself, so a path from the
 * renderer is never opened.
 */
const KEEP = 16;

export class FileRefs {
  private readonly dir: string;
  private readonly files = new Map<string, { path: string; name: string; bytes: number }>();

  constructor(parent = tmpdir()) {
    this.dir = mkdtempSync(join(parent, 'evidence-locker-files-'));
  }

  /** A fresh path for a file about to be written (streamed uploads); `commit` makes it resolvable. */
  reserve(name: string): { ref: string; path: string; name: string } {
    const id = randomBytes(18).toString('base64url');
    const folder = join(this.dir, id);
    mkdirSync(folder, { mode: 0o700 });
    const safe = safeFileName(name);
    return { ref: `upload:${id}`, path: join(folder, safe), name: safe };
  }

  commit(reserved: { ref: string; path: string; name: string }): FileRefView {
    const bytes = statSync(reserved.path).size;
    this.files.set(reserved.ref, { path: reserved.path, name: reserved.name, bytes });
    // A long session verifies many bundles: keep the most recent files only (a ref is used right after it is made).
    for (const [ref, file] of this.files) {
      if (this.files.size <= KEEP) break;
      rmSync(dirname(file.path), { recursive: true, force: true });
      this.files.delete(ref);
    }
    return { ref: reserved.ref, name: reserved.name, bytes };
  }

  save(name: string, data: Uint8Array): FileRefView {
    const reserved = this.reserve(name);
    writeFileSync(reserved.path, data, { mode: 0o600 });
    return this.commit(reserved);
  }

  /** The path behind a ref; anything else (a path, an unknown ref) is refused. */
  resolve(ref: unknown): string {
    if (typeof ref !== 'string' || !FILE_REF.test(ref)) {
      throw new AppError('BAD_INPUT', 'Files must be handed over through the app (upload or drop); paths are not accepted here.');
    }
    const file = this.files.get(ref);
    if (!file) throw new AppError('NOT_FOUND', 'That file is no longer available; add it again.');
    return file.path;
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
    this.files.clear();
  }
}
