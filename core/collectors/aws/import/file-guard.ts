import { basename } from 'node:path';
import { AppError } from '../../../util/errors';
import { decodeUtf8 } from '../../../util/utf8';
import { tooManyContainers, tooManyContainersMessage } from '../../../util/json-bomb';
import { jsonTooDeep, tooDeepMessage } from '../../../util/json-depth';
import { FileRefused, readRegularFile, regularFileSize } from '../../../util/regular-file';
import { sha256Hex } from '../../../util/canonical';

/** Larger than any real GAAD or credential report we know of (10k users ≈ 20 MB), small enough to hold in memory. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

export interface ImportedFile {
  name: string;
  sha256: string;
  bytes: number;
}

function refusal(err: unknown, path: string, what: string): unknown {
  if (!(err instanceof FileRefused)) return err;
  const r = err.refusal;
  if (r.reason === 'missing') return new AppError('NOT_FOUND', `${what} not found: ${path}`);
  if (r.reason === 'not-regular')
    return new AppError('BAD_INPUT', `${what} is not a regular file (${r.type}): ${path}. Nothing was read or recorded.`);
  return sizeError(r.bytes, path);
}

function sizeError(bytes: number, path: string): AppError {
  return new AppError(
    'BAD_INPUT',
    `${path} is ${(bytes / 1048576).toFixed(1)} MB; imports are limited to ${MAX_IMPORT_BYTES / 1048576} MB. Nothing was read or recorded.`,
  );
}

/** Size of a regular file (symlinks followed); devices, FIFOs and folders are refused without being opened. */
export function fileSize(path: string, what: string): number {
  try {
    return regularFileSize(path, Number.MAX_SAFE_INTEGER);
  } catch (err) {
    throw refusal(err, path, what);
  }
}

export function checkSize(bytes: number, path: string): void {
  if (bytes > MAX_IMPORT_BYTES) throw sizeError(bytes, path);
}

/** A regular file's bytes, at most `maxBytes` (checked from `stat` BEFORE the file is read, so it never reaches memory). */
export function readGuardedBytes(path: string, what: string, maxBytes = MAX_IMPORT_BYTES): Buffer {
  try {
    return readRegularFile(path, maxBytes);
  } catch (err) {
    throw refusal(err, path, what);
  }
}

export function readGuarded(path: string, what: string): { text: string; file: ImportedFile } {
  const data = readGuardedBytes(path, what);
  return { text: decodeUtf8(data, basename(path)), file: { name: basename(path), sha256: sha256Hex(data), bytes: data.length } };
}

/** JSON.parse with a bounded depth: what follows (normalising, zod, canonical JSON) recurses. */
export function parseJson(text: string, path: string, expected: string): unknown {
  if (tooManyContainers(text)) throw new AppError('BAD_INPUT', `${tooManyContainersMessage(path)}; expected ${expected}. Nothing was recorded.`);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new AppError('BAD_INPUT', `${path} is not JSON; expected ${expected}.`);
  }
  if (jsonTooDeep(value)) throw new AppError('BAD_INPUT', `${tooDeepMessage(path)}; expected ${expected}. Nothing was recorded.`);
  return value;
}
