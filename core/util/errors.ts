import type { z } from 'zod';

import type { ErrorBody, ErrorCode } from './envelope';

// The envelope types live in a file with no imports, so the renderer's contract can use them (no Node types there).
export { ERROR_CODES, type ErrorCode, type ErrorBody, type Envelope } from './envelope';

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
