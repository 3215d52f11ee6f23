import { Transform, type Readable } from 'node:stream';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export const AWS_DEFAULT_TIMEOUT_MS = 30_000;
export const AWS_DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export interface AwsHttpLimits {
  /** Connect, response headers and socket silence each must come within this (the SDK's own settings). */
  timeoutMs: number;
  /** One attempt, headers and body together; catches a server that trickles and so never goes silent. */
  deadlineMs: number;
  /** A body past this is cut off (the SDK would otherwise buffer and parse it whole). */
  maxBytes: number;
}

export function awsHttpLimits(config: { timeoutMs?: number; maxResponseBytes?: number }): AwsHttpLimits {
  const timeoutMs = config.timeoutMs ?? AWS_DEFAULT_TIMEOUT_MS;
  return { timeoutMs, deadlineMs: timeoutMs * 4, maxBytes: config.maxResponseBytes ?? AWS_DEFAULT_MAX_BYTES };
}

/** Named so describeAwsError and the SDK's retry strategy treat it as a timeout (transient, retried up to maxAttempts). */
function timeoutError(message: string): Error {
  return Object.assign(new Error(message), { name: 'TimeoutError', code: 'ETIMEDOUT' });
}

/**
 * The SDK's Node handler with its timeouts switched on (all default to none, so a server that accepts and never
 * answers held a collection forever) plus what it has no setting for: an overall deadline per attempt and a cap on
 * the body. Retries stay the SDK's own (maxAttempts), never stacked with ours.
 */
export class BoundedHttpHandler extends NodeHttpHandler {
  constructor(private readonly limits: AwsHttpLimits) {
    super({
      connectionTimeout: limits.timeoutMs,
      requestTimeout: limits.timeoutMs,
      throwOnRequestTimeout: true,
      socketTimeout: limits.timeoutMs,
    });
  }

  override async handle(request: Parameters<NodeHttpHandler['handle']>[0], options: Parameters<NodeHttpHandler['handle']>[1] = {}) {
    const { deadlineMs, maxBytes } = this.limits;
    const own = new AbortController();
    let expired = false;
    const timer = setTimeout(() => ((expired = true), own.abort()), deadlineMs);
    timer.unref();
    const signal = options.abortSignal ? AbortSignal.any([own.signal, options.abortSignal as AbortSignal]) : own.signal;
    let out;
    try {
      out = await super.handle(request, { ...options, abortSignal: signal });
    } catch (err) {
      clearTimeout(timer);
      throw expired ? timeoutError(`no response within the ${deadlineMs} ms overall deadline`) : err;
    }
    const body = out.response.body as Readable;
    const declared = Number(out.response.headers['content-length'] ?? NaN);
    if (declared > maxBytes) {
      clearTimeout(timer);
      body.destroy();
      throw Object.assign(new Error(`response declares ${declared} bytes, over the ${maxBytes}-byte size cap; not read`), {
        name: 'ResponseTooLarge',
      });
    }
    let bytes = 0;
    const guard = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > maxBytes) {
          body.destroy();
          return done(Object.assign(new Error(`response over the ${maxBytes}-byte size cap; stopped reading`), { name: 'ResponseTooLarge' }));
        }
        done(null, chunk);
      },
    });
    const stop = (err: Error) => (body.destroy(), guard.destroy(err));
    own.signal.addEventListener('abort', () => stop(timeoutError(`response body not complete within the ${deadlineMs} ms overall deadline`)), {
      once: true,
    });
    body.on('error', (err) => guard.destroy(err));
    guard.on('close', () => clearTimeout(timer));
    body.pipe(guard);
    out.response.body = guard;
    return out;
  }
}
