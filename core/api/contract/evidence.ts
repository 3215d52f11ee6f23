import { z } from 'zod';
import { daySchema } from './dates';
import { spec } from './define';

const none = z.object({}).strict();

/** The filters shared by the app's evidence table and `evidence-locker items`. */
export const itemFilter = z
  .object({
    source: z.string().min(1).optional(),
    kind: z.string().min(1).optional(),
    criterion: z.string().min(1).optional(),
    /** Evidence for this day or later (UTC; the evidence-for date, which is the collection time unless set by hand). */
    from: daySchema.optional(),
    /** Evidence for this day or earlier (UTC). */
    to: daySchema.optional(),
    completeness: z.enum(['complete', 'partial', 'failed']).optional(),
    /** An audit period's name: each row is marked in_period or outside_period (by its evidence-for date). */
    period: z.string().min(1).optional(),
    /** With `period`: only the items whose evidence-for date is inside it. */
    onlyPeriod: z.boolean().optional(),
  })
  .strict();
export type ItemFilter = z.infer<typeof itemFilter>;

/** One row of the evidence table: metadata only, no content. */
export interface ItemRowView {
  seq: number;
  kind: string;
  source: string | null;
  sourceType: string | null;
  scope: Record<string, string>;
  collectedAt: string;
  /** The time the evidence is for: equal to collectedAt for snapshots; set by hand for imported files older than the import. */
  evidenceFor: string;
  completeness: 'complete' | 'partial' | 'failed';
  provenance: string;
  contentSha256: string;
  logIdx: number;
  criteria: string[];
  /** Relative to the `period` of the filter (null without one). */
  periodMark: 'in_period' | 'outside_period' | null;
}

export interface ItemPage {
  total: number;
  offset: number;
  rows: ItemRowView[];
}

export interface ItemFacets {
  total: number;
  sources: { name: string; type: string; items: number }[];
  kinds: { kind: string; items: number; criteria: string[]; last: string }[];
  /** Snapshots per source and kind: a series with two or more can be compared on Changes. */
  series: { source: string; kind: string; items: number; last: string }[];
  criteria: { id: string; title: string; kinds: string[] }[];
  completeness: Record<string, number>;
  first: string | null;
  last: string | null;
}

/** What the log says about one item, and whether the stored bytes still match it. */
export interface ItemIntegrity {
  logIdx: number;
  leafHash: string;
  contentSha256: string;
  ipeSha256: string;
  /** SHA-256 of the stored content and IPE bytes, recomputed now, equal to the recorded hashes. */
  hashesMatch: boolean;
  /** The log entry at `logIdx` records this item with these hashes. */
  logEntryMatches: boolean;
  /** The latest signed checkpoint, and whether it already covers this item's log entry. */
  checkpoint: { size: number; root: string; at: string; keyFingerprint: string; covers: boolean } | null;
}

/** A readable table of an item's content (users and roles, model versions, retention rules, changes). */
export interface ContentTableView {
  title: string;
  columns: string[];
  rows: string[][];
  /** Rows left out of the table (all of them are in the canonical JSON). */
  omitted: number;
  note: string | null;
}

export interface ItemDetail extends ItemRowView {
  runId: number | null;
  content: unknown;
  /** The canonical JSON (RFC 8785) exactly as stored and hashed. */
  canonicalContent: string;
  ipe: Record<string, unknown>;
  canonicalIpe: string;
  /** What the auditor should look at in this kind of evidence. */
  focus: string | null;
  criteriaTitles: { id: string; title: string }[];
  tables: ContentTableView[];
  integrity: ItemIntegrity;
}

/** How a collection run ended, in the words a compliance officer uses. */
export type RunOutcome = 'running' | 'complete' | 'no_data' | 'partial' | 'connection_error' | 'failed' | 'interrupted';

export interface RunView {
  id: number;
  source: string | null;
  sourceType: string | null;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'complete' | 'partial' | 'failed' | 'interrupted';
  outcome: RunOutcome;
  reason: string | null;
  /** The error code of a run that failed as a whole (e.g. UNREACHABLE, AUTH_FAILED). */
  code: string | null;
  items: number | null;
  records: number | null;
  kinds: { kind: string; completeness: string; items: number; error?: string }[];
}

export interface ExportListView {
  id: string;
  criterion: string;
  period: { from: string; to: string };
  createdAt: string;
  sumsSha256: string;
  path: string;
  /** False when the files were moved or deleted from the export folder since. */
  present: boolean;
  logIdx: number;
  /** The bundle this one chains to (the previous bundle for the same criterion), if any. */
  previousBundle: string | null;
}

export const evidenceContract = {
  'items.list': spec<ItemPage>()(
    'Evidence items (metadata, no content) in sequence order, filtered, one page at a time.',
    itemFilter.extend({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(5000).default(200) }).strict(),
  ),
  'items.facets': spec<ItemFacets>()('What the evidence can be filtered by: sources, kinds, criteria, completeness and the date range.', none),
  'items.show': spec<ItemDetail>()(
    'One item: its content, canonical JSON, IPE and its place in the signed log.',
    z.object({ seq: z.number().int().positive() }).strict(),
  ),
  'runs.list': spec<{ total: number; rows: RunView[] }>()(
    'Collection runs, newest first, with how each ended (complete, no data, partial, connection error, failed).',
    z
      .object({
        source: z.string().min(1).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
  ),
  'export.list': spec<ExportListView[]>()(
    'Bundles exported from this store, newest first, each with the bundle it chains to.',
    z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(),
  ),
};
