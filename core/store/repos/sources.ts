import type { Db } from '../database';
import { stmt } from '../statements';

export interface SourceRow {
  id: number;
  type: string;
  name: string;
  config: string;
  created_at: string;
  removed_at: string | null;
}

export function insertSource(db: Db, type: string, name: string, config: string, at: string): number {
  const r = stmt(db, 'INSERT INTO source (type, name, config, created_at) VALUES (?, ?, ?, ?)').run(type, name, config, at);
  return Number(r.lastInsertRowid);
}

export function updateSourceConfig(db: Db, id: number, config: string): void {
  stmt(db, 'UPDATE source SET config = ? WHERE id = ?').run(config, id);
}

export function markSourceRemoved(db: Db, id: number, at: string): void {
  stmt(db, 'UPDATE source SET removed_at = ? WHERE id = ?').run(at, id);
}

export function activeSourceByName(db: Db, name: string): SourceRow | undefined {
  return stmt(db, 'SELECT * FROM source WHERE name = ? AND removed_at IS NULL').get(name) as SourceRow | undefined;
}

export function sourceById(db: Db, id: number): SourceRow | undefined {
  return stmt(db, 'SELECT * FROM source WHERE id = ?').get(id) as SourceRow | undefined;
}

export function listSources(db: Db, includeRemoved = false): SourceRow[] {
  const sql = includeRemoved ? 'SELECT * FROM source ORDER BY id' : 'SELECT * FROM source WHERE removed_at IS NULL ORDER BY id';
  return stmt(db, sql).all() as SourceRow[];
}
