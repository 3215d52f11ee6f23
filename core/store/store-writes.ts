import { AppError } from '../util/errors';
import { ipeSchema, type Completeness, type NewItem } from '../evidence/ipe';
import { canonicalBytes, canonicalText, sha256Hex } from '../util/canonical';
import { clip, scrubSecrets } from '../util/scrub';

/** Error text in the signed log is kept short: a server's error page or a dumped request has no place there. */
const STORED_ERROR_CHARS = 1200;
/** The last line of defence before error text becomes permanent: credential headers and token-shaped values. */
const storedError = (text: string): string => clip(scrubSecrets(text), STORED_ERROR_CHARS);
import type { EvidenceStore } from './evidence-store';
import * as items from './repos/items';
import * as runs from './repos/runs';
import * as sources from './repos/sources';
import * as exportsRepo from './repos/exports';
import { dbOf } from './handle';
import { itemRecordedRow } from './item-log-entry';
import { insertLogRow } from './repos/log';

export interface RecordedItem {
  seq: number;
  kind: string;
  contentSha256: string;
  logIdx: number;
}

/** An item validated, canonicalised and hashed: nothing about it can fail any more except the write itself. */
export interface PreparedItem {
  item: NewItem;
  scope: string;
  content: Buffer;
  contentSha256: string;
  ipe: Buffer;
  ipeSha256: string;
  completeness: Completeness;
  provenance: string;
}

/**
 * Records items and their log entries in one synchronous transaction: both land or neither does.
 * Callers canonicalize nothing themselves; a value that cannot be canonicalized is refused before the write.
 */
export function recordItems(
  store: EvidenceStore,
  target: { runId: number | null; sourceId: number | null },
  batch: readonly NewItem[],
): RecordedItem[] {
  store.assertWritable();
  return recordPreparedItems(store, target, prepareItems(batch));
}

/**
 * IPE validation, canonical JSON and hashes of a batch, without touching the store. An import prepares its item
 * before it adds a source or starts a run, so a value that cannot be recorded leaves no trace in the log.
 */
export function prepareItems(batch: readonly NewItem[]): PreparedItem[] {
  // Items of one API page often share one IPE object (the page's request): validate and hash it once.
  const ipeCache = new Map<object, { bytes: Buffer; sha256: string; completeness: Completeness; provenance: string }>();
  const prepareIpe = (raw: NewItem['ipe']) => {
    let hit = ipeCache.get(raw);
    if (!hit) {
      const parsed = ipeSchema.parse(raw);
      // Whoever recorded the item (collector, importer, diff), its error text may quote a server.
      const ipe = parsed.error === null ? parsed : { ...parsed, error: storedError(parsed.error) };
      const bytes = canonicalBytes(ipe);
      hit = { bytes, sha256: sha256Hex(bytes), completeness: ipe.completeness, provenance: ipe.provenance };
      ipeCache.set(raw, hit);
    }
    return hit;
  };
  return batch.map((item) => {
    const ipe = prepareIpe(item.ipe);
    const content = canonicalBytes(item.content);
    return {
      item,
      scope: canonicalText(item.scope),
      content,
      contentSha256: sha256Hex(content),
      ipe: ipe.bytes,
      ipeSha256: ipe.sha256,
      completeness: ipe.completeness,
      provenance: ipe.provenance,
    };
  });
}

export function recordPreparedItems(
  store: EvidenceStore,
  target: { runId: number | null; sourceId: number | null },
  prepared: readonly PreparedItem[],
): RecordedItem[] {
  store.assertWritable();
  const db = dbOf(store);
  const actorJcs = canonicalText(store.opts.actor);
  return store.tx(() => {
    let seq = items.nextItemSeq(db);
    let idx = store.nextLogIdx();
    const at = store.now(); // one batch, one moment: the page was fetched once
    const recorded: RecordedItem[] = new Array(prepared.length);
    for (let i = 0; i < prepared.length; i++) {
      const p = prepared[i]!;
      const collectedAt = p.item.collectedAt ?? at;
      const evidenceFor = evidenceForOf(p.item, collectedAt);
      const logged = {
        seq,
        runId: target.runId,
        sourceId: target.sourceId,
        kind: p.item.kind,
        scopeJcs: p.scope,
        collectedAt,
        contentSha256: p.contentSha256,
        ipeSha256: p.ipeSha256,
        completeness: p.completeness,
        provenance: p.provenance,
      };
      // evidenceFor is logged only when set by hand (imports of older files), through the generic canonical writer;
      // every other entry keeps the fast fixed-order text, byte for byte what it was before the field existed.
      const entry =
        evidenceFor === null
          ? itemRecordedRow(logged, idx++, at, actorJcs)
          : store.appendLog('item_recorded', { item: { ...withoutScopeJcs(logged), scope: p.item.scope, evidenceFor } }, idx++, at);
      if (evidenceFor === null) insertLogRow(db, entry);
      const inserted = items.insertItem(db, {
        run_id: target.runId,
        source_id: target.sourceId,
        kind: p.item.kind,
        scope: p.scope,
        collected_at: collectedAt,
        content: p.content,
        content_sha256: p.contentSha256,
        ipe: p.ipe,
        ipe_sha256: p.ipeSha256,
        completeness: p.completeness,
        provenance: p.provenance,
        log_idx: entry.idx,
        evidence_for: evidenceFor,
      });
      if (inserted !== seq) throw new AppError('INTERNAL', `item sequence moved under us (${inserted} vs ${seq})`);
      seq += 1;
      recorded[i] = { seq: inserted, kind: p.item.kind, contentSha256: p.contentSha256, logIdx: entry.idx };
    }
    return recorded;
  });
}

const withoutScopeJcs = ({ scopeJcs: _scope, ...rest }: { scopeJcs: string } & Record<string, unknown>) => rest;

/**
 * The normalised evidence-for instant of an item, or null when it is the collection time. Refused when it is not
 * a time, before 2000, or after the item was recorded (evidence cannot be for a moment that has not happened).
 */
function evidenceForOf(item: NewItem, collectedAt: string): string | null {
  if (item.evidenceFor === undefined) return null;
  const ms = Date.parse(item.evidenceFor);
  if (Number.isNaN(ms)) throw new AppError('BAD_INPUT', `evidence-for ${JSON.stringify(item.evidenceFor)} is not a time.`);
  if (ms < Date.parse('2000-01-01T00:00:00.000Z')) throw new AppError('BAD_INPUT', `evidence-for ${item.evidenceFor} is before 2000.`);
  if (ms > Date.parse(collectedAt))
    throw new AppError('BAD_INPUT', `evidence-for ${item.evidenceFor} is after the item was recorded (${collectedAt}).`);
  const iso = new Date(ms).toISOString();
  return iso === collectedAt ? null : iso;
}

export function startRun(store: EvidenceStore, sourceId: number | null, detail: Record<string, unknown> = {}): number {
  store.assertWritable();
  return store.tx(() => {
    const id = runs.insertRun(dbOf(store), sourceId, store.now());
    store.appendLog('run_started', { run: { id, sourceId, ...detail } });
    return id;
  });
}

export function finishRun(
  store: EvidenceStore,
  runId: number,
  status: Exclude<runs.RunStatus, 'running'>,
  reason: string | null,
  stats: Record<string, unknown> = {},
): void {
  store.tx(() => {
    const stored = reason === null ? null : storedError(reason);
    runs.finishRunRow(dbOf(store), runId, status, stored, store.now());
    store.appendLog('run_finished', { run: { id: runId, status, reason: stored, ...stats } });
  });
  store.checkpoint();
}

export function saveCursor(store: EvidenceStore, runId: number, cursor: Record<string, unknown>): void {
  runs.saveRunCursor(dbOf(store), runId, canonicalText(cursor));
}

/** Runs left `running` by a crash become `interrupted`, and that is itself logged. */
export function markInterruptedRuns(store: EvidenceStore): number[] {
  const stale = runs.runningRuns(dbOf(store));
  for (const run of stale) {
    store.tx(() => {
      runs.finishRunRow(dbOf(store), run.id, 'interrupted', 'the process stopped before the run finished', store.now());
      store.appendLog('run_finished', { run: { id: run.id, status: 'interrupted', reason: 'process stopped mid-run' } });
    });
  }
  return stale.map((r) => r.id);
}

export function addSource(store: EvidenceStore, type: string, name: string, config: Record<string, unknown>): number {
  store.assertWritable();
  if (sources.activeSourceByName(dbOf(store), name)) throw new AppError('CONFLICT', `A source named "${name}" already exists.`);
  const configText = canonicalText(config);
  const id = store.tx(() => {
    const sourceId = sources.insertSource(dbOf(store), type, name, configText, store.now());
    store.appendLog('source_added', { source: { id: sourceId, type, name, config } });
    return sourceId;
  });
  store.checkpoint();
  return id;
}

export function changeSource(store: EvidenceStore, id: number, config: Record<string, unknown>): void {
  store.assertWritable();
  store.tx(() => {
    sources.updateSourceConfig(dbOf(store), id, canonicalText(config));
    store.appendLog('source_changed', { source: { id, config } });
  });
  store.checkpoint();
}

export function removeSource(store: EvidenceStore, name: string): number {
  store.assertWritable();
  const row = sources.activeSourceByName(dbOf(store), name);
  if (!row) throw new AppError('NOT_FOUND', `No source named "${name}".`);
  store.tx(() => {
    sources.markSourceRemoved(dbOf(store), row.id, store.now());
    store.appendLog('source_removed', { source: { id: row.id, name } });
  });
  store.checkpoint();
  return row.id;
}

/** Any other logged event (export_created, verify_failed, diff_recorded …). */
export function logEvent(store: EvidenceStore, type: string, fields: Record<string, unknown>): number {
  return store.tx(() => store.appendLog(type, fields).idx);
}

/** Records an exported bundle (inside the caller's transaction, beside its export_created log entry). */
export function recordExportRow(store: EvidenceStore, row: exportsRepo.ExportRow): void {
  exportsRepo.insertExport(dbOf(store), row);
}
