/**
 * What one kind's API calls produced, for its IPE record: operations and endpoints, request ids, server `Date`
 * headers, attempts (retries included) and pages. Filled by a middleware on every client, so nothing is missed.
 */
export class CallLog {
  readonly endpoints = new Set<string>();
  readonly requestIds: string[] = [];
  readonly serverDates: string[] = [];
  attempts = 0;
  pages = 0;
  /** The operation of the latest attempt, so a failure can name its call. */
  lastOperation: string | null = null;

  noteAttempt(operation: string, endpoint: string, requestId: string | undefined, date: string | undefined): void {
    this.attempts += 1;
    this.lastOperation = operation.replace(/^[a-z0-9]+:/, '');
    this.endpoints.add(`${operation} ${endpoint}`);
    if (requestId) this.requestIds.push(requestId);
    if (date) this.serverDates.push(date);
  }
}

/** Header lookup that ignores case (node lower-cases, fakes and proxies may not). */
export function header(headers: Record<string, string | undefined> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? headers[key] : undefined;
}
