import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../../../util/errors';
import { jsonTooDeep, tooDeepMessage } from '../../../util/json-depth';

/** Larger than any real GAAD or credential report we know of (10k users ≈ 20 MB), small enough to hold in memory. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

export interface ImportedFile {
  name: string;
  sha256: string;
  bytes: number;
}

export function fileSize(path: string, what: string): number {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new AppError('NOT_FOUND', `${what} not found: ${path}`);
  }
  if (!st.isFile()) throw new AppError('BAD_INPUT', `${what} is not a regular file: ${path}`);
  return st.size;
}

export function checkSize(bytes: number, path: string): void {
  if (bytes > MAX_IMPORT_BYTES) {
    throw new AppError('BAD_INPUT', `${path} is ${(bytes / 1048576).toFixed(1)} MB; imports are limited to ${MAX_IMPORT_BYTES / 1048576} MB. Nothing was read or recorded.`);
  }
}

/** Size is checked from `stat` BEFORE the file is read, so an oversized file never reaches memory. */
export function readGuarded(path: string, what: string): { text: string; file: ImportedFile } {
  checkSize(fileSize(path, what), path);
  const data = readFileSync(path);
  return { text: data.toString('utf8'), file: { name: basename(path), sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length } };
}

/** JSON.parse with a bounded depth: what follows (normalising, zod, canonical JSON) recurses. */
export function parseJson(text: string, path: string, expected: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new AppError('BAD_INPUT', `${path} is not JSON; expected ${expected}.`);
  }
  if (jsonTooDeep(value)) throw new AppError('BAD_INPUT', `${tooDeepMessage(path)}; expected ${expected}. Nothing was recorded.`);
  return value;
}
