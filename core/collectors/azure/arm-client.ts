import type { TokenCredential } from '@azure/identity';
import { z } from 'zod';
import { AppError } from '../../util/errors';
import { scrubError } from '../../util/scrub';
import { HttpError, paginate, requestJson, type HttpDeps, type RequestTrace } from '../../http';
import type { AzureConfig } from './config';

export interface ArmClientOptions {
  config: AzureConfig;
  credential: TokenCredential;
  /** Names the source in messages: `azure source "prod"`. Never a secret. */
  label: string;
  signal?: AbortSignal;
  deps?: Partial<HttpDeps>;
}

type Query = Record<string, string | number | undefined>;

/** Live progress per page, and the next page's link saved after each page (an interrupted run can be diagnosed). */
export interface ListHooks {
  onPage?(p: { pages: number; records: number }): void;
  saveCursor?(c: { what: string; nextToken: string | null; pages: number; records: number }): void;
}
const PAGE_LIMIT = 10_000;

/**
 * ARM (and Graph) over the project's one HTTP layer: bearer tokens from the injected TokenCredential, timeouts,
 * size caps, retries on 429/5xx honouring Retry-After, and `nextLink` paging that stops on a repeated link.
 * Every call lands in the trace for the item's IPE. The token lives only in request headers, never in a message.
 */
export class ArmClient {
  private readonly tokens = new Map<string, { token: string; expires: number }>();
  readonly origin: string;
  constructor(private readonly opts: ArmClientOptions) {
    this.origin = new URL(opts.config.endpoint).origin;
  }

  get label(): string {
    return this.opts.label;
  }

  /** A token for `<origin>/.default` (ARM's documented scope is exactly that for the public cloud). */
  async token(origin = this.origin): Promise<string> {
    const cached = this.tokens.get(origin);
    if (cached && cached.expires - 120_000 > Date.now()) return cached.token;
    let got;
    try {
      got = await this.opts.credential.getToken(`${origin}/.default`, { abortSignal: this.opts.signal, tenantId: this.opts.config.tenantId });
    } catch (err) {
      // DefaultAzureCredential explains every credential it tried; the first lines say enough.
      const why = scrubError(String((err as Error)?.message ?? err).replace(/\s+/g, ' '), [], 400);
      throw new AppError(
        'AUTH_FAILED',
        `${this.label}: no Azure token for ${origin} (${(err as Error)?.name ?? 'Error'}: ${why}). Sign in with \`az login\`, or set AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET, or run where a managed identity is available.`,
      );
    }
    if (!got?.token) throw new AppError('AUTH_FAILED', `${this.label}: the Azure credential returned no token for ${origin}.`);
    this.tokens.set(origin, { token: got.token, expires: got.expiresOnTimestamp });
    return got.token;
  }

  url(path: string, apiVersion: string, query: Query = {}): string {
    const u = new URL(`${this.opts.config.endpoint.replace(/\/+$/, '')}${path}`);
    u.searchParams.set('api-version', apiVersion);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.toString();
  }

  /** One GET of an absolute URL on the ARM (or Graph) origin; 401 is reworded for Azure (the layer's text names a password). */
  async get<S extends z.ZodType>(url: string, schema: S, trace: RequestTrace): Promise<z.output<S>> {
    return this.send('GET', url, undefined, schema, trace);
  }

  /** Graph's getByIds is a POST that only reads, so it is retried like a GET. */
  async post<S extends z.ZodType>(url: string, body: unknown, schema: S, trace: RequestTrace): Promise<z.output<S>> {
    return this.send('POST', url, body, schema, trace);
  }

  private async send<S extends z.ZodType>(method: 'GET' | 'POST', url: string, body: unknown, schema: S, trace: RequestTrace): Promise<z.output<S>> {
    const origin = new URL(url).origin;
    const headers = { authorization: `Bearer ${await this.token(origin)}` };
    try {
      const r = await requestJson({
        source: this.label,
        method,
        url,
        body,
        headers,
        schema,
        idempotent: true,
        timeoutMs: this.opts.config.timeoutMs,
        overallSignal: this.opts.signal,
        deps: this.opts.deps,
      });
      const u = new URL(url);
      trace.add(`${method} ${u.pathname}`, `${method} ${url}${body === undefined ? '' : ` ${JSON.stringify(body)}`}`, r);
      return r.data;
    } catch (err) {
      if (err instanceof HttpError && err.status === 401) {
        const what = `${method} ${origin}${new URL(url).pathname}`;
        throw new HttpError(
          'AUTH_FAILED',
          `${this.label}: Azure rejected the credential (HTTP 401) for ${what}: the token is expired, revoked or for another tenant. Sign in again (\`az login\`) or check the service principal or managed identity.`,
          401,
        );
      }
      throw err;
    }
  }

  /**
   * Every page of an ARM list: `{value: [...], nextLink}`. A nextLink seen before stops the run (a server loop);
   * a nextLink on another host is refused, because following it would hand our bearer token to that host.
   */
  async list<S extends z.ZodType>(what: string, firstUrl: string, item: S, trace: RequestTrace, hooks: ListHooks = {}): Promise<z.output<S>[]> {
    type T = z.output<S>;
    // ARM list results (RoleAssignmentListResult, StorageAccountListResult, …): `value` plus an optional nextLink.
    const schema = z.object({ value: z.array(item), nextLink: z.string().nullish() });
    const r = await paginate<T>({
      source: this.label,
      what,
      maxPages: PAGE_LIMIT,
      onPage: hooks.onPage,
      saveCursor: hooks.saveCursor,
      fetchPage: async (next) => {
        const url = next ?? firstUrl;
        if (new URL(url).origin !== new URL(firstUrl).origin) {
          throw new AppError(
            'BAD_RESPONSE',
            `${this.label}: ${what} answered a nextLink on another host (${new URL(url).origin}); not followed, so the token stays with ${new URL(firstUrl).origin}`,
          );
        }
        const p = await this.get(url, schema, trace);
        return { items: p.value, nextToken: p.nextLink ?? null };
      },
    });
    return r.items;
  }
}
