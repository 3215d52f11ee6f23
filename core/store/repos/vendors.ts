import type { Db } from '../database';
import { stmt } from '../statements';

export interface VendorRow {
  id: number;
  name: string;
  origin: 'connector' | 'manual';
  record: string;
  created_at: string;
  updated_at: string;
  removed_at: string | null;
  item_seq: number;
}

export function nextVendorId(db: Db): number {
  return (stmt(db, 'SELECT coalesce(max(id) + 1, 1) AS n FROM vendor').get() as { n: number }).n;
}

export function insertVendor(db: Db, row: Omit<VendorRow, 'removed_at'>): void {
  stmt(db, 'INSERT INTO vendor (id, name, origin, record, created_at, updated_at, item_seq) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    row.id,
    row.name,
    row.origin,
    row.record,
    row.created_at,
    row.updated_at,
    row.item_seq,
  );
}

export function updateVendor(db: Db, id: number, name: string, record: string, at: string, itemSeq: number): void {
  stmt(db, 'UPDATE vendor SET name = ?, record = ?, updated_at = ?, item_seq = ? WHERE id = ?').run(name, record, at, itemSeq, id);
}

export function markVendorRemoved(db: Db, id: number, at: string, itemSeq: number): void {
  stmt(db, 'UPDATE vendor SET removed_at = ?, updated_at = ?, item_seq = ? WHERE id = ?').run(at, at, itemSeq, id);
}

export function vendorById(db: Db, id: number): VendorRow | undefined {
  return stmt(db, 'SELECT * FROM vendor WHERE id = ?').get(id) as VendorRow | undefined;
}

export function activeVendorByName(db: Db, name: string): VendorRow | undefined {
  return stmt(db, 'SELECT * FROM vendor WHERE lower(name) = lower(?) AND removed_at IS NULL').get(name) as VendorRow | undefined;
}

export function listVendors(db: Db, includeRemoved: boolean): VendorRow[] {
  const sql = includeRemoved
    ? 'SELECT * FROM vendor ORDER BY lower(name), id'
    : 'SELECT * FROM vendor WHERE removed_at IS NULL ORDER BY lower(name), id';
  return stmt(db, sql).all() as VendorRow[];
}
