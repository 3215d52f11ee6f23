import Database from 'better-sqlite3';

/** A second connection with the append-only triggers dropped: what an attacker with file access can do. */
export function tamper(dbPath: string, fn: (db: Database.Database) => void): void {
  const db = new Database(dbPath);
  const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  fn(db);
  db.close();
}
