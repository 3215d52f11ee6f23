import type { CoreContext } from '../context';
import type { NewItem } from '../evidence/ipe';
import { finishRun, prepareItems, recordPreparedItems, startRun } from '../store/store-writes';
import { scrubError } from '../util/scrub';
import { redactedItems } from '../redact';
import { toErrorBody } from '../util/errors';
import { importSource } from './import-source';
import type { ImportOutcome } from './importer';

export interface ParsedFileImport {
  /** The source type and name the item is recorded under (created import-only when absent). */
  type: string;
  sourceName: string;
  sourceConfig: Record<string, unknown>;
  item: NewItem;
  file: { name: string; sha256: string; bytes: number };
  records: number;
  /** Problems that make the snapshot partial (the file was read, some of it was not usable). */
  errors: string[];
}

/**
 * The one way an admin export becomes evidence: the item is redacted, checked, canonicalised and hashed before anything is
 * written; then the source (if new), a run, the item and the run's end. A write that fails after the run started
 * finishes it as failed, so no run is left "running" (issue 16, item 4).
 */
export function recordFileImport(ctx: CoreContext, p: ParsedFileImport): ImportOutcome {
  const store = ctx.store();
  store.assertWritable();
  // Secrets out before anything is canonicalised or hashed (core/redact); the IPE lists what was replaced.
  const [prepared] = prepareItems(redactedItems([p.item]));
  const completeness = p.item.ipe.completeness;
  const source = importSource(store, p.type, p.sourceName, p.sourceConfig);
  const runId = startRun(store, source.id, { source: p.sourceName, type: p.type, import: p.item.kind, file: p.file });
  let item;
  try {
    [item] = recordPreparedItems(store, { runId, sourceId: source.id }, [prepared!]);
  } catch (err) {
    finishRun(store, runId, 'failed', scrubError(toErrorBody(err).message), { items: 0 });
    throw err;
  }
  finishRun(store, runId, completeness, p.item.ipe.error, { items: 1 });
  return {
    source: p.sourceName,
    kind: p.item.kind,
    seq: item!.seq,
    contentSha256: item!.contentSha256,
    completeness,
    records: p.records,
    file: p.file,
    errors: p.errors,
  };
}
