import { z } from 'zod';
import { AppError, formatZodError } from '../../util/errors';
import { scrubError } from '../../util/scrub';
import { HttpError, paginate, requestJson, requestText, type HttpDeps, type RequestTrace } from '../../http';
import { baseUrl, type WandbConfig } from './config';
import type { Operation } from './queries-access';
import { pageInfo } from './schemas';

export interface WandbClientOptions {
  config: WandbConfig;
  /** The API key (Basic `api:<key>`); null for a source with no key (every call then answers 401). */
  apiKey: string | null;
  /** Names the source in messages: `wandb source "prod"`. */
  label: string;
  signal?: AbortSignal;
  deps?: Partial<HttpDeps>;
}

/** A GraphQL answer: `data` is checked per operation; `errors[]` (even with HTTP 200) fails the call. */
const envelope = z.object({
  data: z.unknown().optional(),
  errors: z.array(z.looseObject({ message: z.unknown().optional() })).optional(),
});

export type Variables = Record<string, unknown>;
type PageInfo = z.output<typeof pageInfo>;

/** The exact body posted for an operation: what IPE records and the re-run command replays. */
export function graphqlBody(op: Operation, variables: Variables): { query: string; variables: Variables; operationName: string } {
  return { query: op.query, variables, operationName: op.name };
}

/** W&B GraphQL over the one HTTP layer (timeouts, size cap, 429/5xx retries with Retry-After, scrubbed errors). */
export class WandbClient {
  readonly base: string;
  constructor(private readonly opts: WandbClientOptions) {
    this.base = baseUrl(opts.config);
  }

  get pageSize(): number {
    return this.opts.config.pageSize ?? 100;
  }

  get label(): string {
    return this.opts.label;
  }

  private common() {
    const key = this.opts.apiKey;
    return {
      source: this.opts.label,
      headers: (key === null ? {} : { authorization: `Basic ${Buffer.from(`api:${key}`).toString('base64')}` }) as Record<string, string>,
      timeoutMs: this.opts.config.timeoutMs,
      maxBytes: this.opts.config.maxResponseBytes,
      overallSignal: this.opts.signal,
      deps: this.opts.deps,
    };
  }

  /** Error text from a server: scrubbed of the key (in every encoding) before it can become a message. */
  private scrub(text: string): string {
    return scrubError(text, this.opts.apiKey ? [this.opts.apiKey] : [], 200);
  }

  /** One operation; reads only, so retried like a GET. Nothing of a failed answer is returned. */
  async graphql<S extends z.ZodType>(op: Operation, variables: Variables, schema: S, trace: RequestTrace): Promise<z.output<S>> {
    const url = `${this.base}/graphql`;
    const body = graphqlBody(op, variables);
    const r = await requestJson({ ...this.common(), method: 'POST', url, body, schema: envelope, idempotent: true });
    const what = `GraphQL ${op.name}`;
    if (r.data.errors?.length) {
      const messages = r.data.errors.map((e) => (typeof e.message === 'string' ? e.message : JSON.stringify(e))).join('; ');
      const denied = /permission|not authori[sz]ed|forbidden|access denied/i.test(messages);
      throw new HttpError(denied ? 'FORBIDDEN' : 'BAD_RESPONSE', `${this.label}: ${what} answered errors: ${this.scrub(messages)}`, r.status);
    }
    const parsed = schema.safeParse(r.data.data);
    if (!parsed.success)
      throw new HttpError('BAD_RESPONSE', `${this.label}: unexpected data from ${what}: ${formatZodError(parsed.error).slice(0, 300)}`, r.status);
    trace.add(`POST /graphql ${op.name}`, `POST ${url} ${JSON.stringify({ operationName: op.name, variables })}`, r);
    return parsed.data;
  }

  /**
   * Every page of a Relay connection (`first`/`after`, `pageInfo`). A cursor seen before stops the listing with
   * the cursor named (a server or proxy looping would otherwise never end); hasNextPage without a cursor too.
   */
  async relay<T, P>(args: {
    op: Operation;
    what: string;
    variables: Variables;
    schema: z.ZodType<P>;
    connection: (data: P) => { pageInfo: PageInfo; edges: { node: T }[] } | null;
    trace: RequestTrace;
    onPage?: (info: { pages: number; records: number }) => void;
    saveCursor?: (cursor: { what: string; nextToken: string | null; pages: number; records: number }) => void;
  }): Promise<{ items: T[]; pages: number }> {
    const r = await paginate<T>({
      source: this.label,
      what: `${args.what} (${args.op.name})`,
      onPage: args.onPage,
      saveCursor: args.saveCursor,
      fetchPage: async (cursor) => {
        const data = await this.graphql(args.op, { ...args.variables, cursor, perPage: this.pageSize }, args.schema, args.trace);
        const conn = args.connection(data);
        if (!conn)
          throw new AppError(
            'NOT_FOUND',
            `${this.label}: ${args.what} does not exist or is not visible to this API key (${args.op.name} answered null)`,
          );
        const { hasNextPage, endCursor } = conn.pageInfo;
        if (hasNextPage && !endCursor)
          throw new AppError('BAD_RESPONSE', `${this.label}: ${args.op.name} said hasNextPage with no endCursor; stopped`);
        return { items: conn.edges.map((e) => e.node), nextToken: hasNextPage ? endCursor : null };
      },
    });
    return { items: r.items, pages: r.pages };
  }

  /** A REST read beside GraphQL (SCIM, audit logs): JSON through the same layer. */
  async getJson<S extends z.ZodType>(path: string, params: Record<string, string | number>, schema: S, trace: RequestTrace): Promise<z.output<S>> {
    const url = this.urlFor(path, params);
    const r = await requestJson({ ...this.common(), method: 'GET', url, schema, idempotent: true });
    trace.add(`GET ${path}`, `GET ${url}`, r);
    return r.data;
  }

  /** Text (audit logs are newline-delimited JSON, not one JSON value). */
  async getText(path: string, params: Record<string, string | number>, trace: RequestTrace): Promise<{ text: string; contentType: string }> {
    const url = this.urlFor(path, params);
    const r = await requestText({ ...this.common(), method: 'GET', url, idempotent: true });
    trace.add(`GET ${path}`, `GET ${url}`, r);
    return { text: r.data, contentType: r.contentType };
  }

  private urlFor(path: string, params: Record<string, string | number>): string {
    const qs = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString();
    return `${this.base}${path}${qs ? `?${qs}` : ''}`;
  }
}
