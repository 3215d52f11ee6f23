import type { Db } from './database';

/**
 * The raw SQLite handle of an open store, for code inside core/store only (lint keeps this module there). Every
 * other layer reads through store-reads.ts and writes through store-writes.ts, which take the store itself.
 */
const handles = new WeakMap<object, Db>();

export function attachHandle(store: object, db: Db): void {
  handles.set(store, db);
}

export function dbOf(store: object): Db {
  const db = handles.get(store);
  if (!db) throw new Error('This evidence store is closed or was not opened by EvidenceStore.open.');
  return db;
}
