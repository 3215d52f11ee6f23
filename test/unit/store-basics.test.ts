import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { EvidenceStore } from '../../core/store/evidence-store';
import { recordItems, startRun, finishRun, addSource } from '../../core/store/store-writes';
import { getItem } from '../../core/store/store-reads';
import { verifyStore } from '../../core/store/verify-store';
import { parseCheckpointNote } from '../../core/sign/checkpoint';
import { publicKeyPem } from '../../core/sign/keys';
import { canonicalBytes, sha256Hex } from '../../core/util/canonical';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { tempDir, tempStore } from '../helpers/temp-store';
import { sampleItem } from '../helpers/items';
import { dbOf } from '../../core/store/handle';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('evidence store', () => {
  it('round-trips an item as canonical bytes with its SHA-256, and logs it', () => {
    const t = tempStore();
    cleanups.push(t.cleanup);
    const sourceId = addSource(t.store, 'mlflow', 'prod', { url: 'http://x' });
    const runId = startRun(t.store, sourceId);
    const [rec] = recordItems(t.store, { runId, sourceId }, [{ ...sampleItem(1), content: { b: 2, a: [1, 'é'] } }]);
    finishRun(t.store, runId, 'complete', null);
    const row = getItem(t.store, rec!.seq);
    expect(row.content.toString()).toBe('{"a":[1,"é"],"b":2}');
    expect(row.content_sha256).toBe(sha256Hex(canonicalBytes({ a: [1, 'é'], b: 2 })));
    expect(row.completeness).toBe('complete');
    const v = verifyStore(t.store);
    expect(v.problems).toEqual([]);
    expect(v.items).toBe(1);
  });

  it('sets WAL, synchronous=FULL and foreign keys on every open', () => {
    const t = tempStore();
    cleanups.push(t.cleanup);
    t.store.close();
    const again = EvidenceStore.open({ home: t.home, secrets: t.secrets, actor: { osUser: 'a', host: 'b' } });
    expect(dbOf(again).pragma('journal_mode', { simple: true })).toBe('wal');
    expect(dbOf(again).pragma('synchronous', { simple: true })).toBe(2);
    expect(dbOf(again).pragma('foreign_keys', { simple: true })).toBe(1);
    again.close();
  });

  it('refuses values that cannot be canonicalized without writing anything', () => {
    const t = tempStore();
    cleanups.push(t.cleanup);
    const before = verifyStore(t.store).logSize;
    expect(() => recordItems(t.store, { runId: null, sourceId: null }, [{ ...sampleItem(1), content: { x: Number.NaN } }])).toThrow(/canonicalized/);
    expect(verifyStore(t.store).logSize).toBe(before);
  });

  it('writes a checkpoint file whose signature openssl verifies with the store key', () => {
    const t = tempStore();
    cleanups.push(t.cleanup);
    recordItems(t.store, { runId: null, sourceId: null }, [sampleItem(1), sampleItem(2)]);
    t.store.checkpoint();
    const note = readFileSync(t.store.paths.checkpointFile, 'utf8');
    const parsed = parseCheckpointNote(note);
    expect(parsed.checkpoint.size).toBe(4);
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    writeFileSync(join(dir.dir, 'body'), parsed.body);
    writeFileSync(join(dir.dir, 'sig'), parsed.signatures[0]!.signature);
    writeFileSync(join(dir.dir, 'key.pem'), publicKeyPem(t.store.signingKey().publicKeyRaw));
    const out = execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'key.pem', '-rawin', '-in', 'body', '-sigfile', 'sig'], {
      cwd: dir.dir,
    }).toString();
    expect(out).toMatch(/Signature Verified Successfully/);
    // The fingerprint is SHA-256 over the DER SPKI, the same as openssl computes.
    const der = execFileSync('openssl', ['pkey', '-pubin', '-in', 'key.pem', '-outform', 'DER'], { cwd: dir.dir });
    expect(sha256Hex(der)).toBe(t.store.signingKey().fingerprint);
  });

  it('stores the private key with mode 0600 and refuses a key readable by others', async () => {
    const { FileSecretStore } = await import('../../core/sign/secret-store');
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const secrets = new FileSecretStore(join(dir.dir, 'keys'));
    secrets.put('abc', 'PEM');
    const { statSync, chmodSync } = await import('node:fs');
    expect(statSync(join(dir.dir, 'keys', 'abc.pem')).mode & 0o777).toBe(0o600);
    chmodSync(join(dir.dir, 'keys', 'abc.pem'), 0o644);
    expect(() => secrets.get('abc')).toThrow(/mode 644/);
  });

  it('rejects the append-only tables being edited through SQL (triggers catch bugs)', () => {
    const t = tempStore();
    cleanups.push(t.cleanup);
    recordItems(t.store, { runId: null, sourceId: null }, [sampleItem(1)]);
    expect(() => dbOf(t.store).prepare('UPDATE evidence_item SET kind = ?').run('x')).toThrow(/append-only/);
    expect(() => dbOf(t.store).prepare('DELETE FROM log_entry').run()).toThrow(/append-only/);
  });

  it('opens an existing store read/write from a second connection without losing anything', () => {
    const t = tempStore(new MemorySecretStore());
    cleanups.push(t.cleanup);
    recordItems(t.store, { runId: null, sourceId: null }, [sampleItem(1)]);
    const raw = new Database(t.store.paths.database, { readonly: true });
    expect((raw.prepare('SELECT count(*) n FROM evidence_item').get() as { n: number }).n).toBe(1);
    raw.close();
  });
});

describe('two writers on one store (the app and a cron CLI run)', () => {
  it('interleaved items and checkpoints from two connections all verify; the checkpoint file never moves back', () => {
    const t = tempStore();
    cleanups.push(t.cleanup);
    const other = EvidenceStore.open({ home: t.home, secrets: t.secrets, actor: { osUser: 'cron', host: 'h' } });
    cleanups.unshift(() => other.close());
    for (let i = 0; i < 10; i++) {
      const writer = i % 2 ? other : t.store;
      recordItems(writer, { runId: null, sourceId: null }, [sampleItem(i)]);
      writer.checkpoint();
      (i % 2 ? t.store : other).checkpoint(); // the other one finds nothing new to sign
    }
    // A writer holding an older head must not overwrite the newer file.
    const size = parseCheckpointNote(readFileSync(t.store.paths.checkpointFile, 'utf8')).checkpoint.size;
    expect(size).toBe(verifyStore(t.store).logSize);
    const v = verifyStore(other);
    expect(v.problems).toEqual([]);
    expect(v.items).toBe(10);
  });
});
