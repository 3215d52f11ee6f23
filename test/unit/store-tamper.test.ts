import { copyFileSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EvidenceStore } from '../../core/store/evidence-store';
import { recordItems } from '../../core/store/store-writes';
import { verifyStore } from '../../core/store/verify-store';
import { rotateKey } from '../../core/store/key-rotation';
import { generateSigningKey } from '../../core/sign/keys';
import { signCheckpoint, parseCheckpointNote } from '../../core/sign/checkpoint';
import { canonicalBytes, sha256Hex } from '../../core/util/canonical';
import { leafHash } from '../../core/log/merkle';
import { tempDir, tempStore } from '../helpers/temp-store';
import { tamper } from '../helpers/tamper';
import { sampleItem } from '../helpers/items';
import { dbOf } from '../../core/store/handle';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A store with 3 batches of items and a checkpoint after each; closed, so the test can tamper with the file. */
function filledStore() {
  const t = tempStore();
  cleanups.push(t.cleanup);
  for (let b = 0; b < 3; b++) {
    recordItems(t.store, { runId: null, sourceId: null }, [sampleItem(b * 2 + 1), sampleItem(b * 2 + 2)]);
    t.store.checkpoint();
  }
  expect(verifyStore(t.store).ok).toBe(true);
  t.store.close();
  const reopen = () => {
    const s = EvidenceStore.open({ home: t.home, secrets: t.secrets, actor: { osUser: 't', host: 'h' } });
    cleanups.unshift(() => s.close());
    return s;
  };
  return { ...t, reopen };
}

function firstProblem(store: EvidenceStore) {
  const v = verifyStore(store);
  expect(v.ok).toBe(false);
  return v.problems[0]!;
}

describe('verify-store catches every tamper class and names the entry', () => {
  it('an edited item row (content replaced and its stored hash updated)', () => {
    const s = filledStore();
    tamper(s.store.paths.database, (db) => {
      const fake = canonicalBytes({ page: 3, forged: true });
      db.prepare('UPDATE evidence_item SET content = ?, content_sha256 = ? WHERE seq = 3').run(fake, sha256Hex(fake));
    });
    expect(firstProblem(s.reopen())).toMatchObject({ where: 'item #3', reason: expect.stringMatching(/content does not match/) });
  });

  it('a byte flipped in stored content', () => {
    const s = filledStore();
    tamper(s.store.paths.database, (db) => {
      const row = db.prepare('SELECT content FROM evidence_item WHERE seq = 5').get() as { content: Buffer };
      row.content[10] = row.content[10]! ^ 0x01;
      db.prepare('UPDATE evidence_item SET content = ? WHERE seq = 5').run(row.content);
    });
    expect(firstProblem(s.reopen())).toMatchObject({ where: 'item #5' });
  });

  it('an edited log entry body (leaf left alone)', () => {
    const s = filledStore();
    tamper(s.store.paths.database, (db) => {
      const row = db.prepare('SELECT body FROM log_entry WHERE idx = 4').get() as { body: Buffer };
      const body = JSON.parse(row.body.toString());
      body.item.kind = 'forged.kind';
      db.prepare('UPDATE log_entry SET body = ? WHERE idx = 4').run(canonicalBytes(body));
    });
    expect(firstProblem(s.reopen())).toMatchObject({ where: 'log entry #4', reason: expect.stringMatching(/leaf hash/) });
  });

  it('an edited log entry with its leaf recomputed: the signed roots no longer match', () => {
    const s = filledStore();
    tamper(s.store.paths.database, (db) => {
      const row = db.prepare('SELECT body FROM log_entry WHERE idx = 2').get() as { body: Buffer };
      const body = JSON.parse(row.body.toString());
      body.at = '2020-01-01T00:00:00.000Z';
      const bytes = canonicalBytes(body);
      db.prepare('UPDATE log_entry SET body = ?, leaf = ? WHERE idx = 2').run(bytes, leafHash(bytes));
    });
    const v = verifyStore(s.reopen());
    expect(v.ok).toBe(false);
    expect(v.problems.map((p) => p.where)).toEqual(expect.arrayContaining(['checkpoint at size 4', 'checkpoint file']));
  });

  it('a deleted item row', () => {
    const s = filledStore();
    tamper(s.store.paths.database, (db) => db.prepare('DELETE FROM evidence_item WHERE seq = 2').run());
    expect(firstProblem(s.reopen())).toMatchObject({ where: 'item #2', reason: expect.stringMatching(/missing/) });
  });

  it('a deleted log entry', () => {
    const s = filledStore();
    tamper(s.store.paths.database, (db) => {
      db.pragma('foreign_keys = OFF');
      db.prepare('DELETE FROM log_entry WHERE idx = 3').run();
    });
    expect(firstProblem(s.reopen())).toMatchObject({ where: 'log entry #3', reason: expect.stringMatching(/missing/) });
  });

  it('reordered log entries', () => {
    const s = filledStore();
    tamper(s.store.paths.database, (db) => {
      const a = db.prepare('SELECT type, body, leaf FROM log_entry WHERE idx = 5').get() as { type: string; body: Buffer; leaf: Buffer };
      const b = db.prepare('SELECT type, body, leaf FROM log_entry WHERE idx = 6').get() as { type: string; body: Buffer; leaf: Buffer };
      const put = db.prepare('UPDATE log_entry SET type = ?, body = ?, leaf = ? WHERE idx = ?');
      put.run(b.type, b.body, b.leaf, 5);
      put.run(a.type, a.body, a.leaf, 6);
    });
    expect(firstProblem(s.reopen())).toMatchObject({ where: 'log entry #5', reason: expect.stringMatching(/reordered/) });
  });

  it('a swapped key: the public key replaced, or a new key with re-signed checkpoints', () => {
    const s = filledStore();
    const { key } = generateSigningKey();
    tamper(s.store.paths.database, (db) => db.prepare('UPDATE signing_key SET public_key = ?').run(key.publicKeyRaw));
    expect(firstProblem(s.reopen()).reason).toMatch(/key swapped/);

    const s2 = filledStore();
    tamper(s2.store.paths.database, (db) => {
      const origin = (db.prepare("SELECT value FROM meta WHERE key='origin'").get() as { value: string }).value;
      db.pragma('foreign_keys = OFF');
      db.prepare('UPDATE signing_key SET fingerprint = ?, public_key = ?').run(key.fingerprint, key.publicKeyRaw);
      for (const cp of db.prepare('SELECT size, root FROM checkpoint').all() as { size: number; root: Buffer }[]) {
        const note = signCheckpoint({ origin, size: cp.size, root: cp.root }, key);
        db.prepare('UPDATE checkpoint SET note = ?, key_fingerprint = ? WHERE size = ?').run(note, key.fingerprint, cp.size);
      }
    });
    const v = verifyStore(s2.reopen());
    expect(v.ok).toBe(false);
    expect(v.problems.some((p) => /never introduced|key swapped/.test(p.reason))).toBe(true);
  });

  it('a key rotation keeps the store verifiable; a forged rotation entry is caught', () => {
    const t = tempStore();
    cleanups.push(t.cleanup);
    recordItems(t.store, { runId: null, sourceId: null }, [sampleItem(1)]);
    rotateKey(t.store);
    recordItems(t.store, { runId: null, sourceId: null }, [sampleItem(2)]);
    t.store.checkpoint();
    expect(verifyStore(t.store).problems).toEqual([]);
  });
});

describe('rollback detection through the checkpoint file', () => {
  it('an older copy of the database put back in place is detected on open and by verify-store', () => {
    const t = tempStore();
    cleanups.push(t.cleanup);
    recordItems(t.store, { runId: null, sourceId: null }, [sampleItem(1)]);
    t.store.checkpoint();
    const saved = tempDir();
    cleanups.push(saved.cleanup);
    dbOf(t.store).pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(t.store.paths.database, join(saved.dir, 'old.db'));
    recordItems(t.store, { runId: null, sourceId: null }, [sampleItem(2), sampleItem(3)]);
    t.store.checkpoint();
    t.store.close();
    copyFileSync(join(saved.dir, 'old.db'), t.store.paths.database);
    for (const ext of ['-wal', '-shm']) rmSync(t.store.paths.database + ext, { force: true });
    const s = EvidenceStore.open({ home: t.home, secrets: t.secrets, actor: { osUser: 't', host: 'h' } });
    cleanups.unshift(() => s.close());
    expect(s.warning?.code).toBe('ROLLBACK_DETECTED');
    expect(s.warning?.message).toMatch(/older than its last checkpoint/);
    expect(() => recordItems(s, { runId: null, sourceId: null }, [sampleItem(9)])).toThrow(/older than its last checkpoint/);
    const v = verifyStore(s);
    expect(v.problems.find((p) => p.where === 'checkpoint file')?.reason).toMatch(/rollback detected/);
  });

  it('a lost WAL (database file copied without its -wal) is detected', () => {
    const t = tempStore();
    cleanups.push(t.cleanup);
    dbOf(t.store).pragma('wal_checkpoint(TRUNCATE)');
    const lost = tempDir();
    cleanups.push(lost.cleanup);
    mkdirSync(lost.dir, { recursive: true });
    recordItems(t.store, { runId: null, sourceId: null }, [sampleItem(1)]);
    t.store.checkpoint();
    // The new commits live only in the WAL; a copy of the main file alone is the state before them.
    copyFileSync(t.store.paths.database, join(lost.dir, 'evidence.db'));
    copyFileSync(t.store.paths.checkpointFile, join(lost.dir, 'checkpoint.txt'));
    expect(existsSync(t.store.paths.database + '-wal')).toBe(true);
    const s = EvidenceStore.open({ home: lost.dir, secrets: t.secrets, actor: { osUser: 't', host: 'h' } });
    cleanups.unshift(() => s.close());
    expect(s.warning?.code).toBe('ROLLBACK_DETECTED');
    expect(parseCheckpointNote(s.readCheckpointFile()!).checkpoint.size).toBeGreaterThan(verifyStore(s).logSize);
  });
});
