import type { z } from 'zod';
import { AppError } from '../../util/errors';
import { HttpError, paginate, requestJson, type HttpDeps, type RequestTrace } from '../../http';
import { describeRequest } from '../../http/errors';
import type { GcpToken } from './auth';
import type { GcpConfig } from './config';

const trim = (u: string) => u.replace(/\/+$/, '');

/** Root URLs per service: Google's, or the configured overrides (tests, Private Service Connect). */
export function gcpEndpoints(config: GcpConfig, env: NodeJS.ProcessEnv) {
  // The variable Google's storage clients read. Node's takes it as the whole base URL (…/storage/v1), Go's and
  // Python's as a host that may lack a scheme: both are accepted, and reduced to the root.
  const host = env.STORAGE_EMULATOR_HOST;
  const emulator = host ? (/^https?:\/\//.test(host) ? host : `http://${host}`).replace(/\/+$/, '').replace(/\/storage\/v1$/, '') : undefined;
  return {
    resourceManager: trim(config.resourceManagerEndpoint ?? 'https://cloudresourcemanager.googleapis.com'),
    storage: trim(config.storageEndpoint ?? emulator ?? 'https://storage.googleapis.com'),
    vertex: (region: string) => trim((config.vertexEndpoint ?? 'https://{region}-aiplatform.googleapis.com').replace('{region}', region)),
  };
}

export interface GcpClientOptions {
  config: GcpConfig;
  token: GcpToken;
  /** `gcp source "prod"`: every message starts with it. */
  label: string;
  signal?: AbortSignal;
  deps?: Partial<HttpDeps>;
}

/** JSON over the project's one HTTP layer with a bearer token; 401/403 name the credential that was refused. */
export class GcpClient {
  constructor(private readonly opts: GcpClientOptions) {}

  get pageSize(): number {
    return this.opts.config.pageSize ?? 100;
  }

  async json<S extends z.ZodType>(method: 'GET' | 'POST', url: string, schema: S, trace: RequestTrace, body?: unknown): Promise<z.output<S>> {
    const token = await this.opts.token.bearer();
    try {
      const r = await requestJson({
        source: this.opts.label,
        method,
        url,
        body,
        schema,
        headers: { authorization: `Bearer ${token}` },
        // getIamPolicy is a POST that only reads: retried like a GET.
        idempotent: true,
        timeoutMs: this.opts.config.timeoutMs,
        overallSignal: this.opts.signal,
        deps: this.opts.deps,
      });
      const u = new URL(url);
      trace.add(`${method} ${u.pathname}`, `${method} ${url}${body === undefined ? '' : ` ${JSON.stringify(body)}`}`, r);
      return r.data;
    } catch (err) {
      throw this.named(err, describeRequest(method, url));
    }
  }

  /** A 401 or 403 says which credential was refused, so the admin knows which key or role to fix. */
  private named(err: unknown, what: string): unknown {
    if (!(err instanceof HttpError)) return err;
    const who = this.opts.token.credential;
    if (err.status === 401) {
      const fix = 'renew the key, or re-run `gcloud auth application-default login`';
      return new HttpError('AUTH_FAILED', `${this.opts.label}: Google rejected the access token of ${who} (HTTP 401) for ${what}; ${fix}.`, 401);
    }
    if (err.status === 403)
      return new HttpError('FORBIDDEN', err.message.replace('the account lacks permission', `${who} lacks the permission`), 403);
    return err;
  }

  /** Every page of a Google list call (`pageToken` in, `nextPageToken` out); a repeated token stops the loop. */
  async pages<T, P>(args: {
    what: string;
    page: (token: string | null) => Promise<P>;
    items: (page: P) => T[] | undefined;
    next: (page: P) => string | undefined;
    onPage?: (info: { pages: number; records: number }) => void;
    saveCursor?: (cursor: { what: string; nextToken: string | null; pages: number; records: number }) => void;
  }): Promise<T[]> {
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
    return r.items;
  }
}

export const isAuthError = (err: unknown): boolean => err instanceof AppError && (err.code === 'AUTH_FAILED' || err.code === 'ENVIRONMENT');
