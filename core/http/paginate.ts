import { AppError } from '../util/errors';

export interface PageResult<T> {
  items: T[];
  nextToken: string | null | undefined;
  /** A total the API reports (null when it gives none), for reconciling counts. */
  total?: number | null;
}

export interface PaginateOptions<T> {
  source: string;
  /** Names what is being listed in messages, e.g. "model-versions/search". */
  what: string;
  fetchPage(token: string | null, pageIndex: number): Promise<PageResult<T>>;
  /** Called after each page with the token for the next one, so an interrupted run can be diagnosed. */
  saveCursor?(cursor: { what: string; nextToken: string | null; pages: number; records: number }): void;
  onPage?(info: { pages: number; records: number }): void;
  maxPages?: number;
}

export interface Paginated<T> {
  items: T[];
  pages: number;
  records: number;
  apiTotal: number | null;
}

function shortToken(token: string): string {
  return token.length > 40 ? `${token.slice(0, 37)}...` : token;
}

/** Follows page tokens to the end; a token seen before means the server would loop forever, so we stop and say so. */
export async function paginate<T>(opts: PaginateOptions<T>): Promise<Paginated<T>> {
  const seen = new Set<string>();
  const items: T[] = [];
  let token: string | null = null;
  let pages = 0;
  let apiTotal: number | null = null;
  const maxPages = opts.maxPages ?? 100_000;
  for (;;) {
    const page = await opts.fetchPage(token, pages);
    pages += 1;
    items.push(...page.items);
    if (page.total !== undefined && page.total !== null) apiTotal = page.total;
    const next = page.nextToken ? page.nextToken : null;
    opts.saveCursor?.({ what: opts.what, nextToken: next, pages, records: items.length });
    opts.onPage?.({ pages, records: items.length });
    if (next === null) break;
    if (seen.has(next) || next === token) {
      throw new AppError(
        'BAD_RESPONSE',
        `${opts.source}: ${opts.what} repeated page token "${shortToken(next)}" after page ${pages}; stopped to avoid an endless loop`,
      );
    }
    if (pages >= maxPages) throw new AppError('BAD_RESPONSE', `${opts.source}: ${opts.what} still had more pages after ${maxPages}; stopped`);
    seen.add(next);
    token = next;
  }
  if (apiTotal !== null && apiTotal !== items.length) {
    throw new AppError('BAD_RESPONSE', `${opts.source}: ${opts.what} reported ${apiTotal} records but returned ${items.length}`);
  }
  return { items, pages, records: items.length, apiTotal };
}
