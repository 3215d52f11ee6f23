import type { z } from 'zod';

/** Error codes that cross every boundary (CLI, IPC, HTTP) inside `{ ok: false, error }`. */
export const ERROR_CODES = [
  'BAD_INPUT', // the caller sent something invalid: exit 2 in the CLI
  'NOT_INITIALIZED', // no store at this home yet
  'STORE_FROM_FUTURE', // database written by a newer app
  'ROLLBACK_DETECTED', // database older than the checkpoint file beside it
  'INTEGRITY', // a hash, signature or proof does not match
  'DISK_FULL',
  'NOT_FOUND',
  'CONFLICT',
  'AUTH_FAILED', // 401 from a source
  'FORBIDDEN', // 403 from a source
  'UNREACHABLE', // connection refused, DNS, timeout
  'BAD_RESPONSE', // a source answered with something we cannot accept
  'UNSUPPORTED',
  'ENVIRONMENT', // missing env var, missing tool, unwritable home
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/** The one error type core code throws on purpose; anything else becomes INTERNAL. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  const sqlite = err as { code?: string; message?: string };
  if (sqlite?.code === 'SQLITE_FULL') {
    return { code: 'DISK_FULL', message: 'The disk (or database size limit) is full; nothing was written.' };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message };
}

/** One line per zod issue, with its path: the message a user sees for a schema-invalid input or response. */
export function formatZodError(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`).join('; ');
}
