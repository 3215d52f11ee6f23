/**
 * An overall deadline per attempt. undici's headersTimeout/bodyTimeout only catch silence: a server that trickles
 * a byte every second never trips them and would hold a collection for hours. This signal ends the attempt once
 * connect + headers + body together take longer than `deadlineMs`, and still honours the caller's own signal.
 */
export interface AttemptDeadline {
  signal: AbortSignal;
  /** True when our deadline (not the caller's cancel) ended the attempt. */
  expired(): boolean;
  dispose(): void;
}

export function attemptDeadline(deadlineMs: number, outer?: AbortSignal): AttemptDeadline {
  const own = new AbortController();
  const timer = setTimeout(() => own.abort(new DeadlineExceeded(deadlineMs)), deadlineMs);
  timer.unref?.();
  const signal = outer ? AbortSignal.any([own.signal, outer]) : own.signal;
  return {
    signal,
    expired: () => own.signal.aborted && !outer?.aborted,
    dispose: () => clearTimeout(timer),
  };
}

export class DeadlineExceeded extends Error {
  constructor(readonly deadlineMs: number) {
    super(`not complete within ${deadlineMs} ms`);
    this.name = 'DeadlineExceeded';
  }
}

/** The overall deadline when the caller sets none: generous against a slow link, finite against a trickle. */
export function defaultDeadlineMs(timeoutMs: number): number {
  return timeoutMs * 4;
}
