import type { z } from 'zod';
import { AppError } from '../../util/errors';
import { paginate, requestJson, requestText, type HttpDeps, type RequestTrace } from '../../http';
import type { MlflowConfig } from './config';

export type MlflowAuth = { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string } | { kind: 'none' };

export interface MlflowClientOptions {
  config: MlflowConfig;
  auth: MlflowAuth;
  /** Names the source in messages: `mlflow source "prod"`. */
  label: string;
  signal?: AbortSignal;
  deps?: Partial<HttpDeps>;
}

type Params = Record<string, string | number | undefined | null>;

/** A typed client over the MLflow REST API; every call is recorded in the trace it is given (for IPE). */
export class MlflowClient {
  readonly base: string;
  constructor(private readonly opts: MlflowClientOptions) {
    this.base = opts.config.url.replace(/\/+$/, '');
  }

  get pageSize(): number {
    return this.opts.config.pageSize ?? 100;
  }

  private headers(): Record<string, string> {
    const a = this.opts.auth;
    if (a.kind === 'basic') return { authorization: `Basic ${Buffer.from(`${a.username}:${a.password}`).toString('base64')}` };
    if (a.kind === 'bearer') return { authorization: `Bearer ${a.token}` };
    return {};
  }

  private common() {
    return {
      source: this.opts.label,
      headers: this.headers(),
      timeoutMs: this.opts.config.timeoutMs,
      maxBytes: this.opts.config.maxResponseBytes,
      overallSignal: this.opts.signal,
      deps: this.opts.deps,
    };
  }

  /** `path` like `2.0/mlflow/registered-models/search`. */
  async get<S extends z.ZodType>(path: string, params: Params, schema: S, trace: RequestTrace): Promise<z.output<S>> {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) query.set(k, String(v));
    const qs = query.toString();
    const url = `${this.base}/api/${path}${qs ? `?${qs}` : ''}`;
    const r = await requestJson({ ...this.common(), method: 'GET', url, schema, idempotent: true });
    trace.add(`GET /api/${path}`, `GET ${url}`, r);
    return r.data;
  }

  /** Search endpoints are POSTs that only read, so they are retried like GETs. */
  async search<S extends z.ZodType>(path: string, body: Record<string, unknown>, schema: S, trace: RequestTrace): Promise<z.output<S>> {
    const url = `${this.base}/api/${path}`;
    const r = await requestJson({ ...this.common(), method: 'POST', url, body, schema, idempotent: true });
    trace.add(`POST /api/${path}`, `POST ${url} ${JSON.stringify(body)}`, r);
    return r.data;
  }

  async version(trace: RequestTrace): Promise<string> {
    const url = `${this.base}/version`;
    const r = await requestText({ ...this.common(), method: 'GET', url, idempotent: true, maxBytes: 4096 });
    trace.add('GET /version', `GET ${url}`, r);
    const v = r.data.trim();
    if (!/^[\w.+-]{1,40}$/.test(v))
      throw new AppError('BAD_RESPONSE', `${this.opts.label}: /version answered something that is not a version string`);
    return v;
  }

  /** Every page of a token-paged listing; `onPage` feeds live progress, `saveCursor` the run's cursor. */
  async all<T, P>(args: {
    what: string;
    page: (token: string | null) => Promise<P>;
    items: (page: P) => T[] | undefined;
    next: (page: P) => string | undefined;
    onPage?: (info: { pages: number; records: number }) => void;
    saveCursor?: (cursor: { what: string; nextToken: string | null; pages: number; records: number }) => void;
  }): Promise<{ items: T[]; pages: number }> {
    const r = await paginate<T>({
      source: this.opts.label,
      what: args.what,
      onPage: args.onPage,
      saveCursor: args.saveCursor,
      fetchPage: async (token) => {
        const p = await args.page(token);
        return { items: args.items(p) ?? [], nextToken: args.next(p) };
      },
    });
    return { items: r.items, pages: r.pages };
  }
}
