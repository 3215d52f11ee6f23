import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './database';
import { listManual } from './repos/manual';

/**
 * Files kept beside the database (manual evidence): `<home>/files/sha256/<2 hex>/<64 hex>`, content-addressed.
 * Written by core/manual; copied by backups, which must hold everything the store's log refers to.
 */
export const contentRelPath = (sha256: string): string => `files/sha256/${sha256.slice(0, 2)}/${sha256}`;
export const contentPath = (home: string, sha256: string): string => join(home, contentRelPath(sha256));

const sha256Of = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Every kept file the log names that is missing or no longer has its logged SHA-256 (for verify-store). */
export function checkContentFiles(db: Db, home: string): { where: string; reason: string }[] {
  const out: { where: string; reason: string }[] = [];
  for (const row of listManual(db)) {
    const path = contentPath(home, row.sha256);
    const where = `manual evidence #${row.id} (${row.file_name})`;
    if (!existsSync(path)) out.push({ where, reason: `its file is missing from ${contentRelPath(row.sha256)}` });
    else if (sha256Of(path) !== row.sha256)
      out.push({ where, reason: `its file ${contentRelPath(row.sha256)} no longer matches the SHA-256 in the log` });
  }
  return out;
}

/**
 * Copies every kept file the log names into another store folder (a backup), private like the store, each
 * re-hashed after copying. Returns the ones that could not be copied intact (missing, or changed on disk).
 */
export function copyContentFiles(db: Db, fromHome: string, toHome: string): { copied: number; problems: string[] } {
  const problems: string[] = [];
  let copied = 0;
  const done = new Set<string>();
  for (const row of listManual(db)) {
    if (done.has(row.sha256)) continue;
    done.add(row.sha256);
    const from = contentPath(fromHome, row.sha256);
    if (!existsSync(from) || sha256Of(from) !== row.sha256) {
      problems.push(`manual evidence #${row.id} (${row.file_name}) is ${existsSync(from) ? 'changed on disk' : 'missing'} at ${from}`);
      continue;
    }
    const to = contentPath(toHome, row.sha256);
    mkdirSync(join(toHome, 'files', 'sha256', row.sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
    copyFileSync(from, to);
    chmodSync(to, 0o600);
    if (sha256Of(to) !== row.sha256) problems.push(`manual evidence #${row.id} (${row.file_name}) changed while it was copied`);
    else copied += 1;
  }
  return { copied, problems };
}
