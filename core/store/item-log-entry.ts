import { jcs } from '../util/canonical';
import { leafHashOfPrefixed } from '../log/merkle';
import type { LogRow } from './repos/log';

/** What an `item_recorded` log entry says about its item (docs/store-format.md). */
export interface LoggedItem {
  seq: number;
  runId: number | null;
  sourceId: number | null;
  kind: string;
  /** The item's scope, already canonical JSON (the same text stored in evidence_item.scope). */
  scopeJcs: string;
  collectedAt: string;
  contentSha256: string;
  ipeSha256: string;
  completeness: string;
  provenance: string;
}

const idOrNull = (n: number | null): string => (n === null ? 'null' : jcs(n));

/**
 * The `item_recorded` entry as RFC 8785 text, written out in canonical key order instead of building an object for
 * the generic serialiser to sort: per item that was most of the store's own append cost. Every value still goes
 * through `jcs`, and test/unit/item-log-entry.test.ts holds it byte-identical to
 * `canonicalBytes({ item, type, seq, at, actor })` (what appendLog writes for every other entry type).
 * Keys: actor < at < item < seq < type; item: collectedAt < completeness < contentSha256 < ipeSha256 < kind <
 * provenance < runId < scope < seq < sourceId (UTF-16 order).
 */
export function itemRecordedText(it: LoggedItem, idx: number, at: string, actorJcs: string): string {
  return `{"actor":${actorJcs},"at":${jcs(at)},${itemRecordedTail(it, idx)}`;
}

/**
 * Everything after the actor and time: what the entry says about the item. verify-store rebuilds it from the item
 * row to confirm an entry without parsing it.
 */
export function itemRecordedTail(it: LoggedItem, idx: number): string {
  return (
    `"item":{"collectedAt":${jcs(it.collectedAt)},"completeness":${jcs(it.completeness)},` +
    `"contentSha256":${jcs(it.contentSha256)},"ipeSha256":${jcs(it.ipeSha256)},"kind":${jcs(it.kind)},"provenance":${jcs(it.provenance)},` +
    `"runId":${idOrNull(it.runId)},"scope":${it.scopeJcs},"seq":${jcs(it.seq)},"sourceId":${idOrNull(it.sourceId)}},` +
    `"seq":${jcs(idx)},"type":"item_recorded"}`
  );
}

/**
 * The log row of an `item_recorded` entry: the text is encoded once behind the RFC 6962 leaf prefix byte, so the
 * leaf hash needs no second copy and the body is a view of the same bytes.
 */
export function itemRecordedRow(it: LoggedItem, idx: number, at: string, actorJcs: string): LogRow {
  const prefixed = Buffer.from(`\u0000${itemRecordedText(it, idx, at, actorJcs)}`, 'utf8');
  return { idx, type: 'item_recorded', body: prefixed.subarray(1), leaf: leafHashOfPrefixed(prefixed) };
}
