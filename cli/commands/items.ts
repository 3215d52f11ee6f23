import type { Command } from '../command';
import { str } from '../command';
import { formatItem, formatItemPage } from '../format/items';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The app's Evidence screen, headless: the same procedures (items.list, items.show) and the same filters. */
export const itemCommands: Command[] = [
  {
    name: 'items',
    summary: 'List evidence items (same filters as the app: source, kind, criterion, dates, completeness)',
    usage: 'evidence-locker items [--source N] [--kind K] [--criterion ID] [--from D] [--to D] [--completeness C] [--offset N] [--limit N] [--json]',
    details:
      'Metadata only (no content), in sequence order. --from/--to are collection days (YYYY-MM-DD, UTC, inclusive);\n' +
      '--criterion keeps the kinds mapped to it (e.g. CC8.1); --completeness is complete, partial or failed.\n' +
      'Example: evidence-locker items --criterion CC6.2 --from 2026-01-01 --limit 50',
    options: {
      source: { type: 'string' },
      kind: { type: 'string' },
      criterion: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      completeness: { type: 'string' },
      offset: { type: 'string' },
      limit: { type: 'string' },
    },
    async run(ctx, values) {
      const num = (v: unknown, dflt: number) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v === undefined ? dflt : NaN);
      const offset = num(values.offset, 0);
      const limit = num(values.limit, 100);
      if (Number.isNaN(offset) || Number.isNaN(limit)) return ctx.usage(`--offset and --limit are whole numbers.\nUsage: ${this.usage}`);
      for (const f of ['from', 'to'] as const)
        if (values[f] !== undefined && !DAY.test(String(values[f]))) return ctx.usage(`--${f} is a day, YYYY-MM-DD.`);
      const r = await ctx.call('items.list', {
        source: str(values.source),
        kind: str(values.kind),
        criterion: str(values.criterion),
        from: str(values.from),
        to: str(values.to),
        completeness: str(values.completeness) as 'complete' | 'partial' | 'failed' | undefined,
        offset,
        limit,
      });
      ctx.print(r, formatItemPage(r));
      return 0;
    },
  },
  {
    name: 'show',
    summary: 'Show one evidence item: content, IPE and its place in the signed log',
    usage: 'evidence-locker show SEQ [--json]',
    details:
      'The readable content tables, the IPE (requests, pages, counts, request ids, the re-runnable command) and the\nintegrity facts (log index, leaf and content hashes, re-checked now, and the last checkpoint). --json adds the canonical JSON.',
    async run(ctx, _values, positionals) {
      if (positionals.length !== 1 || !/^[1-9][0-9]*$/.test(positionals[0]!)) return ctx.usage(`Usage: ${this.usage}`);
      const r = await ctx.call('items.show', { seq: Number(positionals[0]) });
      ctx.print(r, formatItem(r));
      return r.integrity.hashesMatch && r.integrity.logEntryMatches ? 0 : 1;
    },
  },
];
