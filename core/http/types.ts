import type { Dispatcher } from 'undici';
import type { z } from 'zod';

export interface RetryPolicy {
  /** Total attempts including the first (1 = no retry). */
  attempts: number;
  /** Backoff base; attempt n waits a random time in [0, min(capMs, baseMs·2^n)] (full jitter). */
  baseMs: number;
  capMs: number;
  /** The longest Retry-After we wait for; a server asking for longer fails the request at once, saying so. */
  retryAfterCapMs?: number;
}

/** Injected so tests run with short, observable delays and a fixed clock. */
export interface HttpDeps {
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): number;
  random(): number;
  dispatcher?: Dispatcher;
}

export interface RequestJsonOptions<S extends z.ZodType> {
  /** Names the source in every error message, e.g. `mlflow source "prod"`. Never a secret. */
  source: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  schema: S;
  /** Per request: connect, response headers and body each must make progress within this. */
  timeoutMs?: number;
  /** Per attempt: connect + headers + body together (catches a trickle); default 4 × timeoutMs. */
  deadlineMs?: number;
  overallSignal?: AbortSignal;
  maxBytes?: number;
  retry?: Partial<RetryPolicy>;
  /** Only idempotent reads are retried (GET, or a POST search the caller marks as a read). */
  idempotent?: boolean;
  deps?: Partial<HttpDeps>;
}

export interface HttpResult<T> {
  data: T;
  status: number;
  /** The first provider request id header present, as `header: value`; null when the server sends none. */
  requestId: string | null;
  /** The server's Date header, verbatim. */
  date: string | null;
  bytes: number;
  rawSha256: string;
  url: string;
  attempts: number;
}
