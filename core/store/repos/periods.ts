import type { Db } from '../database';
import { stmt } from '../statements';

export interface PeriodRow {
  id: number;
  name: string;
  type: 'type1' | 'type2';
  period_from: string;
  period_to: string;
  criteria: string;
  created_at: string;
  updated_at: string;
  removed_at: string | null;
  log_idx: number;
}

export interface NotApplicableRow {
  period_id: number;
  criterion: string;
  justification: string;
  at: string;
  by_user: string;
  log_idx: number;
}

export function activePeriods(db: Db): PeriodRow[] {
  return stmt(db, 'SELECT * FROM audit_period WHERE removed_at IS NULL ORDER BY period_from DESC, id DESC').all() as PeriodRow[];
}

export function activePeriodByName(db: Db, name: string): PeriodRow | undefined {
  return stmt(db, 'SELECT * FROM audit_period WHERE name = ? AND removed_at IS NULL').get(name) as PeriodRow | undefined;
}

export function insertPeriod(db: Db, row: Omit<PeriodRow, 'id' | 'removed_at'>): number {
  const r = stmt(
    db,
    `INSERT INTO audit_period (name, type, period_from, period_to, criteria, created_at, updated_at, log_idx)
     VALUES (@name, @type, @period_from, @period_to, @criteria, @created_at, @updated_at, @log_idx)`,
  ).run(row);
  return Number(r.lastInsertRowid);
}

export function updatePeriod(db: Db, row: Omit<PeriodRow, 'created_at' | 'removed_at'>): void {
  stmt(
    db,
    `UPDATE audit_period SET name = @name, type = @type, period_from = @period_from, period_to = @period_to, criteria = @criteria,
       updated_at = @updated_at, log_idx = @log_idx WHERE id = @id`,
  ).run(row);
}

export function markPeriodRemoved(db: Db, id: number, at: string, logIdx: number): void {
  stmt(db, 'UPDATE audit_period SET removed_at = ?, log_idx = ? WHERE id = ?').run(at, logIdx, id);
}

export function notApplicableFor(db: Db, periodId: number): NotApplicableRow[] {
  return stmt(db, 'SELECT * FROM criterion_not_applicable WHERE period_id = ? ORDER BY criterion').all(periodId) as NotApplicableRow[];
}

export function setNotApplicable(db: Db, row: NotApplicableRow): void {
  stmt(
    db,
    `INSERT INTO criterion_not_applicable (period_id, criterion, justification, at, by_user, log_idx)
     VALUES (@period_id, @criterion, @justification, @at, @by_user, @log_idx)
     ON CONFLICT (period_id, criterion) DO UPDATE SET justification = excluded.justification, at = excluded.at,
       by_user = excluded.by_user, log_idx = excluded.log_idx`,
  ).run(row);
}

export function clearNotApplicable(db: Db, periodId: number, criterion: string): boolean {
  return stmt(db, 'DELETE FROM criterion_not_applicable WHERE period_id = ? AND criterion = ?').run(periodId, criterion).changes > 0;
}
