import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { EvidenceStore } from '../../core/store/evidence-store';
import { recordItems, startRun, finishRun, addSource } from '../../core/store/store-writes';
import { verifyStore, verifyStoreRowByRow } from '../../core/store/verify-store';
import { confirmLogAndItems } from '../../core/store/verify-store-fast';
import { rotateKey } from '../../core/store/key-rotation';
import { dbOf } from '../../core/store/handle';
import { canonicalBytes, sha256Hex } from '../../core/util/canonical';
import { leafHash } from '../../core/log/merkle';
import { tempStore } from '../helpers/temp-store';
import { tamper } from '../helpers/tamper';
import { sampleItem } from '../helpers/items';

// verify-store first tries to confirm a store in one pass (verify-store-fast.ts) and checks row by row only when
// that fails. Both must give the same verdict and the same problems, on clean and on tampered stores.

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** Runs, sources, a key rotation and 600+ items (more than one read page), checkpointed along the way. */
function busyStore() {
  const t = tempStore();
  cleanups.push(t.cleanup);
  const sourceId = addSource(t.store, 'mlflow', 'prod', { url: 'http://x' });
  for (let r = 0; r < 3; r++) {
    const runId = startRun(t.store, sourceId);
    for (let p = 0; p < 3; p++) {
      const items = Array.from({ length: 70 }, (_, i) => ({ ...sampleItem(r * 1000 + p * 100 + i), scope: { server: `http://é/${p}` } }));
      recordItems(t.store, { runId, sourceId }, items);
    }
    finishRun(t.store, runId, 'complete', null);
    if (r === 1) rotateKey(t.store);
  }
  recordItems(t.store, { runId: null, sourceId: null }, [sampleItem(9999, 'manual.note')]);
  t.store.checkpoint();
  t.store.close();
  const reopen = () => {
    const s = EvidenceStore.open({ home: t.home, secrets: t.secrets, actor: { osUser: 't', host: 'h' } });
    cleanups.unshift(() => s.close());
    return s;
  };
  return { ...t, reopen };
}

const logBody = (db: Database.Database, idx: number) =>
  JSON.parse((db.prepare('SELECT body FROM log_entry WHERE idx = ?').get(idx) as { body: Buffer }).body.toString());
const rewriteEntry = (db: Database.Database, idx: number, body: unknown) => {
  const bytes = canonicalBytes(body);
  db.prepare('UPDATE log_entry SET body = ?, leaf = ? WHERE idx = ?').run(bytes, leafHash(bytes), idx);
};
const itemLogIdx = (db: Database.Database, seq: number) =>
  (db.prepare('SELECT log_idx FROM evidence_item WHERE seq = ?').get(seq) as { log_idx: number }).log_idx;

const tampers: [string, (db: Database.Database) => void][] = [
  [
    'content replaced with its stored hash',
    (db) => {
      const fake = canonicalBytes({ forged: true });
      db.prepare('UPDATE evidence_item SET content = ?, content_sha256 = ? WHERE seq = 100').run(fake, sha256Hex(fake));
    },
  ],
  ['scope column edited (not compared with the log)', (db) => db.prepare(`UPDATE evidence_item SET scope = '{"server":"x"}' WHERE seq = 7`).run()],
  ['kind edited', (db) => db.prepare(`UPDATE evidence_item SET kind = 'other' WHERE seq = 300`).run()],
  ['item deleted', (db) => db.prepare('DELETE FROM evidence_item WHERE seq = 420').run()],
  ['log entry deleted', (db) => db.prepare('DELETE FROM log_entry WHERE idx = 50').run()],
  [
    'item points at another entry',
    (db) => {
      const a = itemLogIdx(db, 10);
      const b = itemLogIdx(db, 11);
      db.prepare('UPDATE evidence_item SET log_idx = -1 WHERE seq = 10').run();
      db.prepare('UPDATE evidence_item SET log_idx = ? WHERE seq = 11').run(a);
      db.prepare('UPDATE evidence_item SET log_idx = ? WHERE seq = 10').run(b);
    },
  ],
  [
    'entry rewritten with its leaf: another collection time',
    (db) => {
      const idx = itemLogIdx(db, 200);
      const body = logBody(db, idx);
      body.item.collectedAt = '2020-01-01T00:00:00.000Z';
      rewriteEntry(db, idx, body);
    },
  ],
  [
    'entry rewritten with its leaf: an extra field (not the writer template, still consistent)',
    (db) => {
      const idx = itemLogIdx(db, 201);
      const body = logBody(db, idx);
      body.item.note = 'added';
      rewriteEntry(db, idx, body);
    },
  ],
  [
    'entry head made invalid JSON with its leaf',
    (db) => {
      const idx = itemLogIdx(db, 202);
      const text = canonicalBytes(logBody(db, idx)).toString().replace('{"actor":', '{,"actor":');
      db.prepare('UPDATE log_entry SET body = ?, leaf = ? WHERE idx = ?').run(Buffer.from(text), leafHash(Buffer.from(text)), idx);
    },
  ],
  [
    'scope made invalid JSON in both the row and the entry',
    (db) => {
      const idx = itemLogIdx(db, 203);
      const scope = (db.prepare('SELECT scope FROM evidence_item WHERE seq = 203').get() as { scope: string }).scope;
      const text = canonicalBytes(logBody(db, idx)).toString().replace(scope, '{bad');
      db.prepare('UPDATE log_entry SET body = ?, leaf = ? WHERE idx = ?').run(Buffer.from(text), leafHash(Buffer.from(text)), idx);
      db.prepare(`UPDATE evidence_item SET scope = '{bad' WHERE seq = 203`).run();
    },
  ],
];

describe('verify-store: the confirming pass and the row-by-row check agree', () => {
  it('confirms a clean store in one pass, with the row-by-row result', () => {
    const s = busyStore();
    const store = s.reopen();
    const wanted = new Set<number>();
    expect(confirmLogAndItems(dbOf(store), wanted, () => null)).not.toBeNull();
    const fast = verifyStore(store);
    expect(fast.ok).toBe(true);
    expect(fast.items).toBe(631);
    expect(fast).toEqual(verifyStoreRowByRow(store));
  });

  for (const [name, fn] of tampers) {
    it(`gives the same answer when ${name}`, () => {
      const s = busyStore();
      tamper(s.store.paths.database, (db) => {
        db.pragma('foreign_keys = OFF'); // an attacker's connection does not enforce them
        fn(db);
      });
      const store = s.reopen();
      // A body that is no JSON object at all makes the row-by-row check throw; the same must happen either way.
      const outcome = (f: typeof verifyStore) => {
        try {
          return f(store);
        } catch (err) {
          return `threw ${(err as Error).message}`;
        }
      };
      expect(outcome(verifyStore)).toEqual(outcome(verifyStoreRowByRow));
    });
  }
});
