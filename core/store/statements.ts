import type { Statement } from 'better-sqlite3';
import type { Db } from './database';

// Preparing a statement costs more than running a small one; hot paths reuse them per connection.
const cache = new WeakMap<Db, Map<string, Statement>>();

export function stmt(db: Db, sql: string): Statement {
  let byDb = cache.get(db);
  if (!byDb) cache.set(db, (byDb = new Map()));
  let s = byDb.get(sql);
  if (!s) byDb.set(sql, (s = db.prepare(sql)));
  return s;
}
