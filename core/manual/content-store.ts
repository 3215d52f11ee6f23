import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../util/errors';
import { writeFileAtomic } from '../util/atomic-file';
import { FileRefused, readRegularFile } from '../util/regular-file';

/** The largest file kept as manual evidence: a scanned policy or a SOC 2 report PDF is well under this. */
export const MAX_MANUAL_BYTES = 100 * 1024 * 1024;
const MB = 1024 * 1024;

// `<store>/files/sha256/<2 hex>/<64 hex>`, relative to the store folder (as recorded in the item); backups copy it.
import { contentPath, contentRelPath } from '../store/content-files';
export { contentPath, contentRelPath };

/**
 * Reads a file to keep: a regular, non-empty file of at most MAX_MANUAL_BYTES. A symbolic link is refused rather
 * than followed (the file recorded must be the one named), as are directories, devices, FIFOs and sockets.
 */
export function readManualFile(path: string): Buffer {
  let isLink = false;
  try {
    isLink = lstatSync(path).isSymbolicLink();
  } catch {
    // missing: worded below by readRegularFile
  }
  if (isLink) throw new AppError('BAD_INPUT', `${path} is a symbolic link; give the file itself, so the file recorded is the one you named.`);
  let data: Buffer;
  try {
    data = readRegularFile(path, MAX_MANUAL_BYTES);
  } catch (err) {
    if (!(err instanceof FileRefused)) throw err;
    const r = err.refusal;
    if (r.reason === 'missing') throw new AppError('NOT_FOUND', `No file at ${path}.`);
    if (r.reason === 'not-regular') throw new AppError('BAD_INPUT', `${path} is ${r.type}; only a regular file can be kept as evidence.`);
    throw new AppError(
      'BAD_INPUT',
      `${path} is ${(r.bytes / MB).toFixed(1)} MB; manual evidence is limited to ${MAX_MANUAL_BYTES / MB} MB per file. Split it or attach an excerpt.`,
    );
  }
  if (data.length === 0) throw new AppError('BAD_INPUT', `${path} is empty; an empty file is no evidence.`);
  return data;
}

/**
 * Keeps the bytes content-addressed in the store folder: written to a temp name, fsynced, renamed (mode 0600). The
 * same content uploaded twice is stored once.
 */
export function keepContent(home: string, data: Buffer): { sha256: string; relPath: string } {
  const sha256 = createHash('sha256').update(data).digest('hex');
  const path = contentPath(home, sha256);
  // Written again when missing or when a copy on disk no longer matches (the export checks it too).
  if (!existsSync(path) || createHash('sha256').update(readFileSync(path)).digest('hex') !== sha256) {
    mkdirSync(join(home, 'files', 'sha256', sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
    writeFileAtomic(path, data, 0o600);
  }
  return { sha256, relPath: contentRelPath(sha256) };
}

/** What each file type is, for the bundle sidecar; unknown types are application/octet-stream. */
const MEDIA: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  json: 'application/json',
  html: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  zip: 'application/zip',
};
export const mediaTypeOf = (name: string): string => MEDIA[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
