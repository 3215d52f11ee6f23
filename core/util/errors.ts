import type { z } from 'zod';
import { fsErrorBody, sqliteErrorBody } from './fs-errors';
import { clip, scrubSecrets } from './scrub';
import type { ErrorBody, ErrorCode } from './envelope';

/** Longer than a stored excerpt: a message may list several problems (one per zod issue, one per failed kind). */
const ERROR_MESSAGE_CHARS = 2000;

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

/**
 * The `{ code, message }` every host shows. File-system and SQLite open errors a user can fix get their own codes and
 * a plain message; every message is scrubbed and cut as a last line of defence (error text may quote a server).
 */
export function toErrorBody(err: unknown): ErrorBody {
  const body: ErrorBody =
    err instanceof AppError
      ? { code: err.code, message: err.message }
      : (fsErrorBody(err) ?? sqliteErrorBody(err) ?? { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) });
  return { code: body.code, message: clip(scrubSecrets(body.message), ERROR_MESSAGE_CHARS) };
}

/** One line per zod issue, with its path: the message a user sees for a schema-invalid input or response. */
export function formatZodError(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`).join('; ');
}
