import { createHash } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { scrubError } from '../util/scrub';
import { MAX_JSON_DEPTH, jsonTooDeep } from '../util/json-depth';
import { MAX_JSON_CONTAINERS, tooManyContainers } from '../util/json-bomb';
import { HttpError } from './errors';

export interface RawBody {
  bytes: number;
  text: string;
  sha256: string;
}

/** Reads the body while counting: past the cap the stream is destroyed, so a huge answer never sits in memory. */
export async function readCapped(body: Dispatcher.ResponseData['body'], maxBytes: number, source: string, what: string): Promise<RawBody> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    bytes += buf.length;
    if (bytes > maxBytes) {
      body.destroy();
      throw new HttpError('BAD_RESPONSE', `${source}: response from ${what} is over the ${maxBytes}-byte size cap; stopped reading`, null);
    }
    hash.update(buf);
    chunks.push(buf);
  }
  return { bytes, text: Buffer.concat(chunks).toString('utf8'), sha256: hash.digest('hex') };
}

/**
 * A short hint from an error body (MLflow sends {"error_code","message"}), never more than 200 characters, and
 * scrubbed: a server may echo the request back, credentials included (`secrets` are the ones this request sent).
 */
export function errorHint(text: string, secrets: readonly string[] = []): string {
  let hint: string | null = null;
  try {
    const j = JSON.parse(text) as { error_code?: unknown; message?: unknown; error?: unknown };
    // Google and Azure nest it: {"error":{"code":403,"status":"PERMISSION_DENIED","message":"…"}}.
    const nested = typeof j.error === 'object' && j.error !== null ? (j.error as { status?: unknown; code?: unknown; message?: unknown }) : null;
    const parts = (nested ? [nested.status ?? nested.code, nested.message] : [j.error_code, j.message ?? j.error]).filter(
      (p) => typeof p === 'string',
    );
    if (parts.length) hint = parts.join(': ');
  } catch {
    // not JSON: fall through
  }
  if (hint === null && /<html|<!doctype/i.test(text)) return 'an HTML page';
  return scrubError(hint ?? text, secrets, 200);
}

/** The secret values inside the credential headers a request sends, in the forms scrubSecrets looks for. */
export function sentSecrets(headers: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!/^(authorization|proxy-authorization|cookie|x-api-key|x-auth-token|x-databricks-token)$/i.test(name)) continue;
    const [scheme, credentials] = value.split(/\s+/, 2);
    found.push(value);
    if (credentials) found.push(credentials);
    if (scheme?.toLowerCase() === 'basic' && credentials) {
      const decoded = Buffer.from(credentials, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      found.push(decoded, ...(colon >= 0 ? [decoded.slice(colon + 1)] : []));
    }
  }
  return found;
}

/** Why a 2xx body is not acceptable JSON, or null when it parses. */
export function parseJson(text: string, contentType: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  const head = text.trimStart().slice(0, 64).toLowerCase();
  if (contentType.includes('text/html') || head.startsWith('<'))
    return { ok: false, reason: 'an HTML page instead of JSON (a login page or proxy in the way?)' };
  if (text.trim() === '') return { ok: false, reason: 'an empty body instead of JSON' };
  if (tooManyContainers(text)) return { ok: false, reason: `more than ${MAX_JSON_CONTAINERS} JSON arrays and objects (a JSON bomb?)` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `invalid or truncated JSON (${(err as Error).message.slice(0, 80)})` };
  }
  // zod and canonical JSON recurse over the answer: a server nesting thousands of levels must not crash us.
  if (jsonTooDeep(value)) return { ok: false, reason: `JSON nested more than ${MAX_JSON_DEPTH} levels deep` };
  return { ok: true, value };
}
