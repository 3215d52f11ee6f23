import { toErrorBody } from '../util/errors';
import { clip, scrubError, scrubSecrets } from '../util/scrub';
import type { CoreContext } from '../context';
import type { EvidenceStore } from '../store/evidence-store';
import { getItem, listItemMeta, listSources, type SourceView } from '../store/store-reads';
import { finishRun, markInterruptedRuns, recordItems, saveCursor, startRun } from '../store/store-writes';
import { toolVersion } from '../util/runtime';
import type { CollectorContext, KindOutcome } from './types';
import { resolveSecret } from './credentials';
import { planCollection } from './plan';
import { scrubItemIpes } from './scrub-items';
import { redactedItems } from '../redact';

/** A run's reason joins every failed kind's (already short) error; the whole stays readable in a PDF table. */
const RUN_REASON_CHARS = 1200;

export interface SourceRunSummary {
  source: string;
  type: string;
  runId: number;
  status: 'complete' | 'partial' | 'failed';
  reason: string | null;
  /** The error code when the run failed as a whole (UNREACHABLE, AUTH_FAILED, …): a connection error, not a failed control. */
  code: string | null;
  outcomes: KindOutcome[];
}

/** Counts what a run recorded, for the run's log entry (records tell "no data" apart from a full snapshot). */
export interface RunTally {
  items: number;
  records: number;
}

export interface ContextExtras {
  /** Secrets typed in the app for a connection test, used instead of the stored ones (never stored here). */
  secrets?: Record<string, string>;
  tally?: RunTally;
}

export function collectorContext(
  ctx: CoreContext,
  store: EvidenceStore,
  source: SourceView,
  runId: number | null,
  extras: ContextExtras = {},
): CollectorContext<unknown> {
  const cursors: Record<string, unknown> = {};
  // Every secret handed to the collector: a server may echo any of them back inside an error body.
  const handedOut = new Set<string>();
  const scrub = (text: string) => scrubError(text, [...handedOut]);
  return {
    source: { id: source.id, name: source.name, type: source.type, config: source.config },
    secret(field) {
      const value = resolveSecret({
        source: source.name,
        config: source.config,
        field,
        env: ctx.env,
        credentials: ctx.credentials,
        override: extras.secrets?.[field],
      });
      if (value) handedOut.add(value);
      return value;
    },
    scrub,
    signal: ctx.signal,
    progress: (e) => ctx.progress({ ...e, ...(e.message ? { message: scrub(e.message) } : {}), phase: 'collect', source: source.name }),
    actor: ctx.actor,
    toolVersion: toolVersion(),
    now: () => store.now(),
    latest(kind) {
      const meta = listItemMeta(store, { sourceId: source.id, kind })
        .filter((m) => m.completeness !== 'failed')
        .at(-1);
      if (!meta) return null;
      return { seq: meta.seq, collectedAt: meta.collected_at, content: JSON.parse(getItem(store, meta.seq).content.toString('utf8')) as unknown };
    },
    saveCursor(kind, cursor) {
      if (runId === null) return;
      cursors[kind] = cursor;
      saveCursor(store, runId, cursors);
    },
    record(items) {
      const note = (text: string) => clip(scrubSecrets(text, [...handedOut]), 1000);
      // Every collector's items pass here: secrets are replaced (core/redact) before the store canonicalises and hashes them.
      const recorded = recordItems(store, { runId, sourceId: source.id }, scrubItemIpes(redactedItems(items), { error: scrub, note }));
      if (extras.tally) {
        extras.tally.items += recorded.length;
        extras.tally.records += items.reduce((n, i) => n + i.ipe.recordsRetrieved, 0);
      }
      return recorded;
    },
    env: ctx.env,
  };
}

/** Runs every (or one) source. One source failing never stops the others; each outcome is logged. */
export async function runCollection(
  ctx: CoreContext,
  opts: { source?: string; kinds?: string[]; /** Runs once the request is known valid, before the first run starts. */ beforeRuns?: () => void },
): Promise<SourceRunSummary[]> {
  const store = ctx.store();
  store.assertWritable();
  // Usage errors (unknown source, unknown kind) are found before anything is written.
  const kindsOf = (type: string) => (ctx.catalog.sourceTypes().includes(type) ? ctx.catalog.collector(type).kinds : []);
  const plan = planCollection(listSources(store), kindsOf, opts);
  opts.beforeRuns?.();
  markInterruptedRuns(store);
  const summaries: SourceRunSummary[] = [];
  for (const { source, kinds } of plan) summaries.push(await runOne(ctx, store, source, kinds));
  return summaries;
}

async function runOne(ctx: CoreContext, store: EvidenceStore, source: SourceView, kinds?: string[]): Promise<SourceRunSummary> {
  const runId = startRun(store, source.id, { source: source.name, type: source.type });
  let outcomes: KindOutcome[] = [];
  let status: SourceRunSummary['status'];
  let reason: string | null = null;
  let code: string | null = null;
  const tally: RunTally = { items: 0, records: 0 };
  let scrub = (text: string) => scrubError(text);
  try {
    const collector = ctx.catalog.collector(source.type);
    const config = collector.configSchema.parse(source.config);
    const cctx = collectorContext(ctx, store, { ...source, config: config as Record<string, unknown> }, runId, { tally });
    scrub = cctx.scrub;
    // Outcome errors reach the run's log entry, the PDF and the terminal: scrubbed here, once, for every collector.
    outcomes = (await collector.collect(cctx, { kinds })).map((o) => (o.error ? { ...o, error: scrub(o.error) } : o));
    const bad = outcomes.filter((o) => o.completeness !== 'complete');
    status =
      outcomes.length > 0 && bad.length === outcomes.length && bad.every((o) => o.completeness === 'failed')
        ? 'failed'
        : bad.length
          ? 'partial'
          : 'complete';
    reason = bad.length ? bad.map((o) => `${o.kind}${o.scope?.region ? `@${o.scope.region}` : ''}: ${o.error ?? o.completeness}`).join('; ') : null;
  } catch (err) {
    status = 'failed';
    const body = toErrorBody(err);
    code = body.code;
    reason = scrub(body.message);
  }
  if (reason) reason = clip(reason, RUN_REASON_CHARS);
  const kindSummary = outcomes.map((o) => ({
    kind: o.kind,
    ...(o.scope?.region ? { region: o.scope.region } : {}),
    completeness: o.completeness,
    items: o.items,
    ...(o.error ? { error: o.error } : {}),
  }));
  finishRun(store, runId, status, reason, { items: outcomes.reduce((n, o) => n + o.items, 0), records: tally.records, code, kinds: kindSummary });
  ctx.progress({ phase: 'collect', source: source.name, done: true, message: status });
  return { source: source.name, type: source.type, runId, status, reason, code, outcomes };
}
