import { basename } from 'node:path';
import { AppError } from '../util/errors';
import { sha256Hex } from '../util/canonical';
import { jsonTooDeep, tooDeepMessage } from '../util/json-depth';
import { FileRefused, readRegularFile } from '../util/regular-file';
import { decodeUtf8 } from '../util/utf8';
import { tooManyContainers, tooManyContainersMessage } from '../util/json-bomb';

/** Admin exports are a few MB at most; anything far larger is a mistake (or an attack) and is refused unread. */
export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;

export interface ImportedFile {
  name: string;
  bytes: number;
  sha256: string;
  json: unknown;
}

function readBytes(path: string, name: string, maxBytes: number): Buffer {
  try {
    return readRegularFile(path, maxBytes);
  } catch (err) {
    if (!(err instanceof FileRefused)) throw err;
    const r = err.refusal;
    if (r.reason === 'missing') throw new AppError('NOT_FOUND', `Cannot read ${path}: ${r.code}.`);
    if (r.reason === 'not-regular') throw new AppError('BAD_INPUT', `${name} is not a regular file (${r.type}); nothing was imported.`);
    throw new AppError('BAD_INPUT', `${name} is ${r.bytes} bytes, over the ${maxBytes}-byte import limit; nothing was imported.`);
  }
}

/**
 * Reads one JSON file an administrator saved (curl, aws, gcloud, az): a regular file only (never a device or a
 * FIFO), size checked before reading, depth bounded after parsing, hash of the exact bytes kept for the IPE,
 * errors reported with the file's name. Never writes anything.
 */
export function readImportFile(path: string, maxBytes = IMPORT_MAX_BYTES): ImportedFile {
  const name = basename(path);
  const raw = readBytes(path, name, maxBytes);
  const text = decodeUtf8(raw, name);
  if (tooManyContainers(text)) throw new AppError('BAD_INPUT', `${tooManyContainersMessage(name)}; nothing was imported.`);
  let json: unknown;
  try {
    // Tolerate a UTF-8 byte-order mark (files saved on Windows); the hash covers the bytes as given.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new AppError('BAD_INPUT', `${name} is not JSON (${(err as Error).message}); nothing was imported.`);
  }
  if (jsonTooDeep(json)) throw new AppError('BAD_INPUT', `${tooDeepMessage(name)}; nothing was imported.`);
  return { name, bytes: raw.length, sha256: sha256Hex(raw), json };
}
