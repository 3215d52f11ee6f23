import type { Db } from '../database';
import { stmt } from '../statements';

export type ManualStatus = 'active' | 'withdrawn' | 'superseded';

export interface ManualRow {
  id: number;
  item_seq: number;
  sha256: string;
  file_name: string;
  bytes: number;
  title: string;
  criteria: string;
  evidence_for: string;
  owner: string;
  expires_on: string | null;
  uploaded_at: string;
  status: ManualStatus;
  ended_at: string | null;
  ended_reason: string | null;
  superseded_by: number | null;
  end_item_seq: number | null;
}

export type NewManualRow = Omit<ManualRow, 'status' | 'ended_at' | 'ended_reason' | 'superseded_by' | 'end_item_seq'>;

export function nextManualId(db: Db): number {
  return (stmt(db, 'SELECT coalesce(max(id) + 1, 1) AS n FROM manual_evidence').get() as { n: number }).n;
}

export function insertManual(db: Db, r: NewManualRow): void {
  stmt(
    db,
    `INSERT INTO manual_evidence (id, item_seq, sha256, file_name, bytes, title, criteria, evidence_for, owner, expires_on, uploaded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.id, r.item_seq, r.sha256, r.file_name, r.bytes, r.title, r.criteria, r.evidence_for, r.owner, r.expires_on, r.uploaded_at);
}

export function endManual(
  db: Db,
  id: number,
  end: { status: Exclude<ManualStatus, 'active'>; at: string; reason: string; supersededBy: number | null; itemSeq: number },
): void {
  stmt(db, 'UPDATE manual_evidence SET status = ?, ended_at = ?, ended_reason = ?, superseded_by = ?, end_item_seq = ? WHERE id = ?').run(
    end.status,
    end.at,
    end.reason,
    end.supersededBy,
    end.itemSeq,
    id,
  );
}

export function manualById(db: Db, id: number): ManualRow | undefined {
  return stmt(db, 'SELECT * FROM manual_evidence WHERE id = ?').get(id) as ManualRow | undefined;
}

export function listManual(db: Db): ManualRow[] {
  return stmt(db, 'SELECT * FROM manual_evidence ORDER BY id').all() as ManualRow[];
}
