import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { paginate, requestJson } from '../../core/http';
import { sendJson, startLocalServer } from '../fixtures/mlflow/local-server';

const pageSchema = z.object({ items: z.array(z.number()), next: z.string().optional(), total: z.number().optional() });

/** Pages served by a local server; `tokens` maps the requested token to the next one. */
async function pagedServer(tokens: Record<string, string | undefined>, total?: number) {
  return startLocalServer((req, res) => {
    const token = new URL(req.url ?? '/', 'http://x').searchParams.get('page_token') ?? '';
    sendJson(res, 200, { items: [1, 2], next: tokens[token], ...(total !== undefined ? { total } : {}) });
  });
}

function run(url: string, cursors: unknown[] = []) {
  return paginate({
    source: 'test source',
    what: 'items/search',
    saveCursor: (c) => cursors.push(c),
    async fetchPage(token) {
      const r = await requestJson({
        source: 'test source',
        method: 'GET',
        url: `${url}/?page_token=${token ?? ''}`,
        schema: pageSchema,
        idempotent: true,
      });
      return { items: r.data.items, nextToken: r.data.next, total: r.data.total ?? null };
    },
  });
}

describe('paginate', () => {
  it('follows tokens to the end, counting pages and records and saving the cursor after each page', async () => {
    const server = await pagedServer({ '': 'a', a: 'b', b: undefined });
    const cursors: unknown[] = [];
    try {
      const r = await run(server.url, cursors);
      expect(r).toMatchObject({ pages: 3, records: 6, apiTotal: null });
      expect(cursors).toEqual([
        { what: 'items/search', nextToken: 'a', pages: 1, records: 2 },
        { what: 'items/search', nextToken: 'b', pages: 2, records: 4 },
        { what: 'items/search', nextToken: null, pages: 3, records: 6 },
      ]);
    } finally {
      await server.close();
    }
  });

  it('stops on a repeated token and names it', async () => {
    const server = await pagedServer({ '': 'tok-1', 'tok-1': 'tok-2', 'tok-2': 'tok-1' });
    try {
      await expect(run(server.url)).rejects.toThrow(/repeated page token "tok-1" after page 3/);
    } finally {
      await server.close();
    }
  });

  it('reconciles the total the API reports against the records returned', async () => {
    const server = await pagedServer({ '': undefined }, 5);
    try {
      await expect(run(server.url)).rejects.toThrow(/reported 5 records but returned 2/);
    } finally {
      await server.close();
    }
  });
});
