import type { HttpResult } from './types';

/** What an auditor needs to re-run and judge a query (IPE): the requests made and what answered them. */
export class RequestTrace {
  readonly endpoints = new Set<string>();
  readonly requests: string[] = [];
  readonly requestIds: string[] = [];
  readonly serverDates: string[] = [];
  readonly rawSha256: string[] = [];
  pages = 0;

  /** `request` is the exact method + path + query (or body) sent; `endpoint` its path without parameters. */
  add(endpoint: string, request: string, result: Pick<HttpResult<unknown>, 'requestId' | 'date' | 'rawSha256'>): void {
    this.endpoints.add(endpoint);
    this.requests.push(request);
    this.pages += 1;
    if (result.requestId) this.requestIds.push(result.requestId);
    if (result.date && !this.serverDates.includes(result.date)) this.serverDates.push(result.date);
    this.rawSha256.push(result.rawSha256);
  }

  /** A request whose failure is itself evidence (e.g. users/list → 404 decides how users were enumerated). */
  attempted(endpoint: string, request: string, outcome: string): void {
    this.endpoints.add(endpoint);
    this.requests.push(`${request} → ${outcome}`);
  }

  merge(other: RequestTrace): void {
    for (const e of other.endpoints) this.endpoints.add(e);
    this.requests.push(...other.requests);
    this.requestIds.push(...other.requestIds);
    for (const d of other.serverDates) if (!this.serverDates.includes(d)) this.serverDates.push(d);
    this.rawSha256.push(...other.rawSha256);
    this.pages += other.pages;
  }
}

/** The IPE fields a request trace fills, for collectors that record a trace per item (none for an import). */
export function traceIpeFields(t: RequestTrace | null, parameters: Record<string, unknown>) {
  return {
    endpoints: t ? [...t.endpoints].sort() : [],
    parameters: t ? { ...parameters, requests: t.requests } : parameters,
    pages: t?.pages ?? 0,
    requestIds: t?.requestIds ?? [],
    serverDates: t?.serverDates ?? [],
    rawResponseSha256: t?.rawSha256.length ? t.rawSha256 : undefined,
  };
}
