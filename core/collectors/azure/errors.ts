import { HttpError } from '../../http';
import { AppError } from '../../util/errors';

/** A token that cannot be had, or one ARM rejected: calling on with it cannot succeed, so it fails the kind. */
export const isAuthFailure = (err: unknown): boolean => err instanceof AppError && err.code === 'AUTH_FAILED';

/** The provider's code from an error hint (`AuthorizationFailed: The client …`), else the HTTP status or our code. */
export function errorCode(err: unknown): string {
  if (err instanceof HttpError) return /^([A-Za-z][\w.]*):/.exec(err.hint)?.[1] ?? (err.status ? `HTTP ${err.status}` : err.code);
  if (err instanceof AppError) return err.code;
  return err instanceof Error ? err.name : 'Error';
}
