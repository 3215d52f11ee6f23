import type { RetryPolicy } from './types';

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseMs: 250, capMs: 8_000, retryAfterCapMs: 60_000 };

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date always names a weekday and month; without letters Date.parse would read "1.5" as a year.
  if (!/[a-z]/i.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/** Full-jitter exponential backoff (AWS architecture blog): spreads retries from many clients. */
export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/**
 * How long to wait before the next attempt: the server's Retry-After wins over our backoff. A Retry-After longer
 * than the cap is not shortened and retried (asking again early only earns another 429 and holds the run for
 * minutes): it returns null, meaning "give up now and say what the server asked for".
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfterMs: number | null, random: () => number): number | null {
  if (retryAfterMs !== null) return retryAfterMs > retryAfterCapMs(policy) ? null : retryAfterMs;
  return backoffMs(policy, attempt, random);
}

export function retryAfterCapMs(policy: RetryPolicy): number {
  return policy.retryAfterCapMs ?? DEFAULT_RETRY.retryAfterCapMs!;
}

/** "86400 s" or "more than 10 years": what the server asked for, readable in a run's reason. */
export function describeWait(ms: number): string {
  return ms > 10 * 365 * 86_400_000 ? 'more than 10 years' : `${Math.ceil(ms / 1000)} s`;
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** undici / Node error codes for a connection that was refused, reset or dropped before an answer. */
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED', 'EAI_AGAIN']);

export function isRetryableNetworkError(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return RETRYABLE_CODES.has(e?.code ?? '') || RETRYABLE_CODES.has(e?.cause?.code ?? '');
}
