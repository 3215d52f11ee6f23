import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { AppError } from '../api/errors';

/** RFC 8785 (JCS) bytes of a JSON value. NaN/Infinity/undefined-at-root are input errors, not crashes. */
export function canonicalBytes(value: unknown): Buffer {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (err) {
    throw new AppError('BAD_INPUT', `Value cannot be canonicalized: ${(err as Error).message}`);
  }
  if (text === undefined) throw new AppError('BAD_INPUT', 'Value cannot be canonicalized: undefined');
  return Buffer.from(text, 'utf8');
}

export function canonicalText(value: unknown): string {
  return canonicalBytes(value).toString('utf8');
}

export function sha256(data: Buffer | string): Buffer {
  return createHash('sha256').update(data).digest();
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}
