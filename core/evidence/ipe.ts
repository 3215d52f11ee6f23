import { z } from 'zod';

/** Where an item came from, strongest first (criteria.md §3). `derived` = computed from other items (diffs). */
export const PROVENANCE = ['api_snapshot', 'admin_export', 'manual_upload', 'derived'] as const;
export type Provenance = (typeof PROVENANCE)[number];

export const COMPLETENESS = ['complete', 'partial', 'failed'] as const;
export type Completeness = (typeof COMPLETENESS)[number];

export type { Actor } from './actor';

export const scopeSchema = z
  .object({
    account: z.string().optional(),
    project: z.string().optional(),
    workspace: z.string().optional(),
    region: z.string().optional(),
    partition: z.string().optional(),
    server: z.string().optional(),
  })
  .strict();
export type Scope = z.infer<typeof scopeSchema>;

/**
 * Information-produced-by-entity metadata (AT-C 205, AU-C 500): how an item was produced, so an auditor
 * can judge completeness and accuracy and re-run the query. Never holds a secret.
 */
export const ipeSchema = z
  .object({
    source: z.object({ type: z.string(), name: z.string() }),
    endpoints: z.array(z.string()),
    apiVersion: z.string().nullable(),
    serverVersion: z.string().nullable().optional(),
    parameters: z.record(z.string(), z.unknown()),
    pages: z.number().int().nonnegative(),
    recordsRetrieved: z.number().int().nonnegative(),
    apiTotal: z.number().int().nonnegative().nullable(),
    requestIds: z.array(z.string()),
    serverDates: z.array(z.string()),
    actor: z.object({ osUser: z.string(), host: z.string() }),
    toolVersion: z.string(),
    command: z.string(),
    completeness: z.enum(COMPLETENESS),
    error: z.string().nullable(),
    provenance: z.enum(PROVENANCE),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    /** Free-form caveats an auditor must read, e.g. "population derived from run tags; list may be incomplete". */
    notes: z.array(z.string()).optional(),
    importedFile: z.object({ name: z.string(), sha256: z.string(), bytes: z.number().int() }).optional(),
    derivedFrom: z.array(z.object({ seq: z.number().int(), contentSha256: z.string() })).optional(),
    rawResponseSha256: z.array(z.string()).optional(),
    /** Secrets replaced before hashing (core/redact): rule id and RFC 9535 path, never the value or its hash. Only when non-empty. */
    redactions: z
      .array(z.object({ rule: z.string(), path: z.string() }).strict())
      .min(1)
      .optional(),
  })
  .strict();
export type Ipe = z.infer<typeof ipeSchema>;

export interface NewItem {
  kind: string;
  scope: Scope;
  content: unknown;
  ipe: Ipe;
  collectedAt?: string;
  /**
   * The instant (ISO 8601, Z) the content is evidence for, when older than its recording (an imported or manual
   * file); absent = the collection time. Logged in the item's entry only when given.
   */
  evidenceFor?: string;
}

type Always = 'source' | 'provenance' | 'command' | 'actor' | 'toolVersion';
/** What a producer must say (who, how, the re-run command); everything else has an honest default. */
export type IpeFields = Pick<Ipe, Always> & Partial<Omit<Ipe, Always>>;

/**
 * The one IPE builder every producer uses (collectors, importers, diffs), so sources cannot drift in which
 * fields they fill. Optional fields appear only when given: the canonical bytes of existing items do not change.
 */
export function makeIpe(f: IpeFields): Ipe {
  const ipe: Ipe = {
    endpoints: [],
    apiVersion: null,
    parameters: {},
    pages: 0,
    recordsRetrieved: 0,
    apiTotal: null,
    requestIds: [],
    serverDates: [],
    completeness: 'complete',
    error: null,
    ...f,
  };
  for (const key of Object.keys(ipe) as (keyof Ipe)[]) if (ipe[key] === undefined) delete ipe[key];
  return ipe;
}
