import { AppError, type ErrorCode } from '../util/errors';

/** An AppError that also carries the HTTP status, so callers can branch on e.g. 404 (endpoint absent). */
export class HttpError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly status: number | null,
    options?: { cause?: unknown },
    /** The server's own error text (scrubbed, at most 200 characters), e.g. `ManagementPolicyNotFound: …`, for callers that branch on it. */
    readonly hint: string = '',
  ) {
    super(code, message, options);
    this.name = 'HttpError';
  }
}

/** Method and path only: query strings may be long and URLs must never carry credentials into messages. */
export function describeRequest(method: string, url: string): string {
  try {
    const u = new URL(url);
    return `${method} ${u.origin}${u.pathname}`;
  } catch {
    return method;
  }
}

export function statusError(source: string, what: string, status: number, bodyHint: string): HttpError {
  const hint = bodyHint ? `: ${bodyHint}` : '';
  if (status === 401)
    return new HttpError(
      'AUTH_FAILED',
      `${source}: credentials rejected (HTTP 401) for ${what}. Check the username and the password/token variable.`,
      status,
    );
  if (status === 403)
    return new HttpError(
      'FORBIDDEN',
      `${source}: access denied (HTTP 403) for ${what}; the account lacks permission${hint}`,
      status,
      undefined,
      bodyHint,
    );
  if (status === 404) return new HttpError('NOT_FOUND', `${source}: not found (HTTP 404) for ${what}${hint}`, status, undefined, bodyHint);
  if (status === 429 || status >= 500)
    return new HttpError('UNREACHABLE', `${source}: HTTP ${status} for ${what} after retries${hint}`, status, undefined, bodyHint);
  return new HttpError('BAD_RESPONSE', `${source}: HTTP ${status} for ${what}${hint}`, status, undefined, bodyHint);
}

/** A 429/503 whose Retry-After is past our cap: failed at once, saying what the server asked for. */
export function retryAfterTooLong(source: string, what: string, status: number, asked: string, cap: string, bodyHint: string): HttpError {
  return new HttpError(
    'UNREACHABLE',
    `${source}: HTTP ${status} for ${what}; the server asked to retry after ${asked} (Retry-After), longer than the ${cap} we wait, so it was not retried; collect again later`,
    status,
    undefined,
    bodyHint,
  );
}

/** Maps undici / socket failures onto our codes with a short, secret-free reason. */
export function networkError(source: string, what: string, err: unknown, timeoutMs: number, phase: 'connect' | 'body'): HttpError {
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = e?.code ?? e?.cause?.code ?? e?.name ?? 'ERROR';
  if (err instanceof AppError) return err instanceof HttpError ? err : new HttpError(err.code, err.message, null, { cause: err });
  const timeouts: Record<string, string> = {
    UND_ERR_CONNECT_TIMEOUT: `could not connect within ${timeoutMs} ms`,
    UND_ERR_HEADERS_TIMEOUT: `no response within ${timeoutMs} ms`,
    UND_ERR_BODY_TIMEOUT: `response body stalled for ${timeoutMs} ms`,
  };
  if (timeouts[code]) return new HttpError('UNREACHABLE', `${source}: ${timeouts[code]} for ${what} (timeout)`, null, { cause: err });
  if (code === 'AbortError' || code === 'UND_ERR_ABORTED' || code === 'TimeoutError') {
    return new HttpError('UNREACHABLE', `${source}: request cancelled or overall deadline passed for ${what}`, null, { cause: err });
  }
  if (phase === 'body') {
    return new HttpError('BAD_RESPONSE', `${source}: response body truncated (${code}: connection closed mid-body) for ${what}`, null, {
      cause: err,
    });
  }
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused (is the server running?)',
    ECONNRESET: 'connection reset by the server',
    UND_ERR_SOCKET: 'connection closed by the server',
    ENOTFOUND: 'host name not found',
    EAI_AGAIN: 'DNS lookup failed',
  };
  return new HttpError('UNREACHABLE', `${source}: ${reasons[code] ?? code} for ${what}`, null, { cause: err });
}
