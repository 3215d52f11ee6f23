import { Agent, request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { formatZodError } from '../util/errors';
import { errorHint, parseJson, readCapped, sentSecrets } from './body';
import { HttpError, describeRequest, networkError, retryAfterTooLong, statusError } from './errors';
import { attemptDeadline, defaultDeadlineMs, type AttemptDeadline } from './deadline';
import { DEFAULT_RETRY, describeWait, isRetryableNetworkError, isRetryableStatus, parseRetryAfter, retryAfterCapMs, retryDelayMs } from './retry';
import type { HttpDeps, HttpResult, RequestJsonOptions, RetryPolicy } from './types';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** Provider request-id headers worth citing in IPE; whichever are present are recorded. */
const REQUEST_ID_HEADERS = [
  'x-request-id',
  'x-amzn-requestid',
  'x-amz-request-id',
  'x-databricks-request-id',
  'x-databricks-org-id',
  'x-ms-request-id',
  'x-goog-request-id',
  'x-correlation-id',
  'request-id',
];

export const defaultDeps: HttpDeps = {
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const t = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true });
    }),
  now: () => Date.now(),
  random: Math.random,
};

// One keep-alive agent per connect timeout, so repeated calls reuse connections.
const agents = new Map<number, Agent>();
function agentFor(timeoutMs: number): Agent {
  let a = agents.get(timeoutMs);
  if (!a) agents.set(timeoutMs, (a = new Agent({ connect: { timeout: timeoutMs } })));
  return a;
}

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | null {
  const v = headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

function requestIdOf(headers: Dispatcher.ResponseData['headers']): string | null {
  const found = REQUEST_ID_HEADERS.flatMap((h) => (header(headers, h) ? [`${h}: ${header(headers, h)}`] : []));
  return found.length ? found.join('; ') : null;
}

/**
 * One JSON request through undici: per-request timeouts, a size cap while streaming, zod validation before the
 * caller sees anything, and retries (idempotent reads only) on 429/5xx/refused/reset honouring Retry-After.
 */
export async function requestJson<S extends z.ZodType>(opts: RequestJsonOptions<S>): Promise<HttpResult<z.output<S>>> {
  const raw = await requestText(opts);
  const what = describeRequest(opts.method, opts.url);
  const parsed = parseJson(raw.data, raw.contentType);
  if (!parsed.ok) throw new HttpError('BAD_RESPONSE', `${opts.source}: ${what} returned ${parsed.reason}`, raw.status);
  const valid = opts.schema.safeParse(parsed.value);
  if (!valid.success) {
    throw new HttpError(
      'BAD_RESPONSE',
      `${opts.source}: unexpected response shape from ${what}: ${formatZodError(valid.error).slice(0, 300)}`,
      raw.status,
    );
  }
  const { contentType: _ct, ...meta } = raw;
  return { ...meta, data: valid.data };
}

/** The same request, returning the body as text (e.g. MLflow's plain-text /version). */
export async function requestText(opts: Omit<RequestJsonOptions<z.ZodType>, 'schema'>): Promise<HttpResult<string> & { contentType: string }> {
  const deps: HttpDeps = { ...defaultDeps, ...opts.deps };
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };
  const attempts = opts.idempotent ? Math.max(1, policy.attempts) : 1;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const what = describeRequest(opts.method, opts.url);
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  if (body !== undefined) headers['content-type'] = 'application/json';

  const deadlineMs = opts.deadlineMs ?? defaultDeadlineMs(timeoutMs);
  const fail = (err: unknown, deadline: AttemptDeadline, phase: 'connect' | 'body') =>
    deadline.expired()
      ? new HttpError(
          'UNREACHABLE',
          `${opts.source}: ${what} not complete within ${deadlineMs} ms (overall deadline: a stalled or trickling server)`,
          null,
          {
            cause: err,
          },
        )
      : networkError(opts.source, what, err, timeoutMs, phase);

  for (let attempt = 0; ; attempt++) {
    const last = attempt >= attempts - 1;
    const deadline = attemptDeadline(deadlineMs, opts.overallSignal);
    let res: Dispatcher.ResponseData;
    try {
      res = await request(opts.url, {
        method: opts.method,
        headers,
        body,
        dispatcher: deps.dispatcher ?? agentFor(timeoutMs),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: deadline.signal,
      });
    } catch (err) {
      deadline.dispose();
      if (!last && !deadline.signal.aborted && isRetryableNetworkError(err)) {
        await deps.sleep(retryDelayMs(policy, attempt, null, deps.random)!, opts.overallSignal);
        continue;
      }
      throw fail(err, deadline, 'connect');
    }

    const ok = res.statusCode >= 200 && res.statusCode < 300;
    if (!ok) {
      const retryAfter = parseRetryAfter(header(res.headers, 'retry-after'), deps.now());
      const wait = retryDelayMs(policy, attempt, retryAfter, deps.random);
      if (!last && isRetryableStatus(res.statusCode) && wait !== null) {
        deadline.dispose();
        await res.body.dump().catch(() => undefined);
        await deps.sleep(wait, opts.overallSignal);
        continue;
      }
      const hint = await readCapped(res.body, 16 * 1024, opts.source, what)
        .then((b) => errorHint(b.text, sentSecrets(headers)))
        .catch(() => '');
      deadline.dispose();
      if (isRetryableStatus(res.statusCode) && wait === null && retryAfter !== null) {
        throw retryAfterTooLong(opts.source, what, res.statusCode, describeWait(retryAfter), describeWait(retryAfterCapMs(policy)), hint);
      }
      throw statusError(opts.source, what, res.statusCode, res.statusCode === 401 ? '' : hint);
    }

    // A declared length over the cap is refused before a byte is read.
    const declared = Number(header(res.headers, 'content-length') ?? NaN);
    if (declared > maxBytes) {
      deadline.dispose();
      res.body.destroy();
      throw new HttpError(
        'BAD_RESPONSE',
        `${opts.source}: response from ${what} declares ${declared} bytes, over the ${maxBytes}-byte size cap; not read`,
        null,
      );
    }
    let raw;
    try {
      raw = await readCapped(res.body, maxBytes, opts.source, what);
    } catch (err) {
      throw fail(err, deadline, 'body');
    } finally {
      deadline.dispose();
    }
    return {
      data: raw.text,
      contentType: header(res.headers, 'content-type') ?? '',
      status: res.statusCode,
      requestId: requestIdOf(res.headers),
      date: header(res.headers, 'date'),
      bytes: raw.bytes,
      rawSha256: raw.sha256,
      url: opts.url,
      attempts: attempt + 1,
    };
  }
}
