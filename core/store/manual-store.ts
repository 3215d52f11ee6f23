import type { NewItem } from '../evidence/ipe';
import type { EvidenceStore } from './evidence-store';
import { dbOf } from './handle';
import * as manual from './repos/manual';
import { prepareItems, recordPreparedItems } from './store-writes';

export type { ManualRow, ManualStatus } from './repos/manual';

/**
 * Manual evidence reads and writes. An upload records one `manual.document` item (its log entry holds the file's
 * hash) and the row that indexes it; a withdrawal or supersession records a `manual.withdrawn` item and marks the
 * row. Nothing is deleted: the file stays in the content store and the first item stays in the log.
 */
export const listManualRows = (store: EvidenceStore) => manual.listManual(dbOf(store));
export const manualRowById = (store: EvidenceStore, id: number) => manual.manualById(dbOf(store), id);

function recordOne(store: EvidenceStore, item: NewItem): number {
  const [recorded] = recordPreparedItems(store, { runId: null, sourceId: null }, prepareItems([item]));
  return recorded!.seq;
}

export interface ManualWrite {
  row: Omit<manual.NewManualRow, 'id' | 'item_seq'>;
  /** The upload's item; it names the id the row gets. */
  itemFor: (id: number) => NewItem;
  /** Supersede this earlier upload in the same transaction. */
  supersedes?: { id: number; reason: string; itemFor: (newId: number) => NewItem };
}

export function addManualRow(store: EvidenceStore, w: ManualWrite): { id: number; itemSeq: number } {
  store.assertWritable();
  const out = store.tx(() => {
    const db = dbOf(store);
    const id = manual.nextManualId(db);
    const itemSeq = recordOne(store, w.itemFor(id));
    manual.insertManual(db, { ...w.row, id, item_seq: itemSeq });
    if (w.supersedes) {
      const endSeq = recordOne(store, w.supersedes.itemFor(id));
      manual.endManual(db, w.supersedes.id, {
        status: 'superseded',
        at: store.now(),
        reason: w.supersedes.reason,
        supersededBy: id,
        itemSeq: endSeq,
      });
    }
    return { id, itemSeq };
  });
  store.checkpoint();
  return out;
}

export function withdrawManualRow(store: EvidenceStore, id: number, reason: string, item: NewItem): number {
  store.assertWritable();
  const seq = store.tx(() => {
    const itemSeq = recordOne(store, item);
    manual.endManual(dbOf(store), id, { status: 'withdrawn', at: store.now(), reason, supersededBy: null, itemSeq });
    return itemSeq;
  });
  store.checkpoint();
  return seq;
}
