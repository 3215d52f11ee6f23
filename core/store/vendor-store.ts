import { AppError } from '../util/errors';
import type { NewItem } from '../evidence/ipe';
import { canonicalText } from '../util/canonical';
import type { EvidenceStore } from './evidence-store';
import { dbOf } from './handle';
import * as vendors from './repos/vendors';
import { prepareItems, recordPreparedItems } from './store-writes';

export type { VendorRow } from './repos/vendors';

/**
 * The vendor register's reads and writes. Each change records one `vendor.entry` evidence item (its log entry is
 * the signed record) and moves the vendor row to it, in one transaction: both land or neither does.
 */
export const listVendorRows = (store: EvidenceStore, includeRemoved = false) => vendors.listVendors(dbOf(store), includeRemoved);
export const vendorRowById = (store: EvidenceStore, id: number) => vendors.vendorById(dbOf(store), id);
export const activeVendorRowByName = (store: EvidenceStore, name: string) => vendors.activeVendorByName(dbOf(store), name);

function recordOne(store: EvidenceStore, item: NewItem): number {
  const [recorded] = recordPreparedItems(store, { runId: null, sourceId: null }, prepareItems([item]));
  return recorded!.seq;
}

export function addVendorRow(
  store: EvidenceStore,
  v: { name: string; origin: vendors.VendorRow['origin']; record: Record<string, unknown> },
  itemFor: (id: number) => NewItem,
): { id: number; itemSeq: number } {
  store.assertWritable();
  const out = store.tx(() => {
    const db = dbOf(store);
    if (vendors.activeVendorByName(db, v.name)) throw new AppError('CONFLICT', `The register already has a vendor named "${v.name}".`);
    const id = vendors.nextVendorId(db);
    const itemSeq = recordOne(store, itemFor(id));
    const at = store.now();
    vendors.insertVendor(db, {
      id,
      name: v.name,
      origin: v.origin,
      record: canonicalText(v.record),
      created_at: at,
      updated_at: at,
      item_seq: itemSeq,
    });
    return { id, itemSeq };
  });
  store.checkpoint();
  return out;
}

export function changeVendorRow(store: EvidenceStore, id: number, v: { name: string; record: Record<string, unknown> }, item: NewItem): number {
  store.assertWritable();
  const seq = store.tx(() => {
    const db = dbOf(store);
    const clash = vendors.activeVendorByName(db, v.name);
    if (clash && clash.id !== id) throw new AppError('CONFLICT', `The register already has a vendor named "${v.name}".`);
    const itemSeq = recordOne(store, item);
    vendors.updateVendor(db, id, v.name, canonicalText(v.record), store.now(), itemSeq);
    return itemSeq;
  });
  store.checkpoint();
  return seq;
}

export function removeVendorRow(store: EvidenceStore, id: number, item: NewItem): number {
  store.assertWritable();
  const seq = store.tx(() => {
    const itemSeq = recordOne(store, item);
    vendors.markVendorRemoved(dbOf(store), id, store.now(), itemSeq);
    return itemSeq;
  });
  store.checkpoint();
  return seq;
}
