import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../util/errors';
import { sha256Hex } from '../util/canonical';
import { jsonTooDeep, tooDeepMessage } from '../util/json-depth';

/** Admin exports are a few MB at most; anything far larger is a mistake (or an attack) and is refused unread. */
export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;

export interface ImportedFile {
  name: string;
  bytes: number;
  sha256: string;
  json: unknown;
}

/**
 * Reads one JSON file an administrator saved (curl, aws, gcloud, az): size checked before reading, hash of the
 * exact bytes kept for the IPE, depth bounded after parsing, errors reported with the file's name. Never writes anything.
 */
export function readImportFile(path: string, maxBytes = IMPORT_MAX_BYTES): ImportedFile {
  const name = basename(path);
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new AppError('BAD_INPUT', `${name} is not a regular file.`);
    size = st.size;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('NOT_FOUND', `Cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
  if (size > maxBytes) {
    throw new AppError('BAD_INPUT', `${name} is ${size} bytes, over the ${maxBytes}-byte import limit; nothing was imported.`);
  }
  const raw = readFileSync(path);
  let json: unknown;
  try {
    // Tolerate a UTF-8 byte-order mark (files saved on Windows); the hash covers the bytes as given.
    json = JSON.parse(raw.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new AppError('BAD_INPUT', `${name} is not JSON (${(err as Error).message}); nothing was imported.`);
  }
  if (jsonTooDeep(json)) throw new AppError('BAD_INPUT', `${tooDeepMessage(name)}; nothing was imported.`);
  return { name, bytes: raw.length, sha256: sha256Hex(raw), json };
}
