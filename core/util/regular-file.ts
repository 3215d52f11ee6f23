import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** Why a path cannot be read as an import: the caller words the message (each importer has its own). */
export type FileRefusal = { reason: 'missing'; code: string } | { reason: 'not-regular'; type: string } | { reason: 'too-large'; bytes: number };

export class FileRefused extends Error {
  constructor(readonly refusal: FileRefusal) {
    super(refusal.reason);
  }
}

/** What a non-regular file is, in words a user recognises ("a character device" for /dev/zero). */
export function fileType(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * A path that is not there is a refusal the importer words; anything else (EACCES, ELOOP …) stays Node's error,
 * which carries the path and is worded where errors become messages (permission denied is not "not found").
 */
function missingOr(err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR' ? new FileRefused({ reason: 'missing', code }) : err;
}

/** Size of a regular file (symlinks followed), or a refusal: missing, not regular, or over `maxBytes`. */
export function regularFileSize(path: string, maxBytes: number): number {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (err) {
    throw missingOr(err);
  }
  if (!st.isFile()) throw new FileRefused({ reason: 'not-regular', type: fileType(st) });
  if (st.size > maxBytes) throw new FileRefused({ reason: 'too-large', bytes: st.size });
  return st.size;
}

// O_NONBLOCK: should the path be swapped for a FIFO after the stat, opening it still returns at once.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a regular file of at most `maxBytes`. Devices (/dev/zero), FIFOs and directories are refused before
 * they are opened, and checked again on the open descriptor, so neither a symlink nor a swap between the check
 * and the read can make an import hang or read without end. Never reads more than the size seen on that check.
 */
export function readRegularFile(path: string, maxBytes: number): Buffer {
  regularFileSize(path, maxBytes);
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (err) {
    throw missingOr(err);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new FileRefused({ reason: 'not-regular', type: fileType(st) });
    if (st.size > maxBytes) throw new FileRefused({ reason: 'too-large', bytes: st.size });
    const data = Buffer.alloc(st.size);
    let filled = 0;
    while (filled < data.length) {
      const n = readSync(fd, data, filled, data.length - filled, filled);
      if (n === 0) break; // truncated meanwhile: keep what is there
      filled += n;
    }
    return filled === data.length ? data : data.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}
