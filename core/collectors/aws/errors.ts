import { AppError } from '../../util/errors';

interface SdkError {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number; requestId?: string };
}

/** Credential problems: retrying or calling further with the same credentials cannot succeed. */
const AUTH_CODES = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'AuthFailure',
  'MissingAuthenticationToken',
  'CredentialsProviderError',
  'TokenProviderError',
]);
const DENIED_CODES = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError', 'AllAccessDisabled']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'TimeoutError']);

export function awsErrorCode(err: unknown): string {
  const e = err as SdkError;
  return e?.Code ?? (e?.name && e.name !== 'Error' ? e.name : undefined) ?? e?.code ?? 'Error';
}

export const isAuthFailure = (err: unknown) => AUTH_CODES.has(awsErrorCode(err));
export const isAccessDenied = (err: unknown) => DENIED_CODES.has(awsErrorCode(err));
const isNetwork = (err: unknown) => NETWORK_CODES.has(awsErrorCode(err)) || NETWORK_CODES.has(String((err as SdkError)?.code));

/** "GetTrailStatus: AccessDeniedException: … (3 attempts)". The call is always named; messages hold no secrets. */
export function describeAwsError(call: string, err: unknown): string {
  const e = err as SdkError;
  const code = awsErrorCode(err);
  const attempts = e?.$metadata?.attempts && e.$metadata.attempts > 1 ? ` (gave up after ${e.$metadata.attempts} attempts)` : '';
  let message = (e?.message ?? '').replace(/\s+/g, ' ').slice(0, 300);
  if (code === 'CredentialsProviderError') {
    message = 'no AWS credentials found in the default provider chain (environment, profile, SSO, instance role)';
  }
  if (isAuthFailure(err) && code !== 'CredentialsProviderError') message += ' — refresh the credentials (e.g. `aws sso login`) and retry';
  return `${call}: ${code}${message ? `: ${message}` : ''}${attempts}`;
}

export function toAppError(call: string, err: unknown): AppError {
  if (err instanceof AppError) return err;
  const text = describeAwsError(call, err);
  if (isAuthFailure(err)) return new AppError('AUTH_FAILED', text);
  if (isAccessDenied(err)) return new AppError('FORBIDDEN', text);
  if (isNetwork(err)) return new AppError('UNREACHABLE', text);
  return new AppError('BAD_RESPONSE', text);
}
