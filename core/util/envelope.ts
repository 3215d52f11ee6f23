/**
 * The result shape that crosses every boundary (CLI, IPC, HTTP). No imports: the renderer type-checks it without
 * Node's types.
 */
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
  'CANCELLED', // the caller stopped it (Ctrl-C, SIGTERM, the app's Cancel)
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
