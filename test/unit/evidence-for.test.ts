import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore, type ImportView, type ItemPage, type LogEntryView } from '../../core/api';
import { openDatabase } from '../../core/store/database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../core/store/migrations';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { sha256Hex } from '../../core/util/canonical';
import { tempDir } from '../helpers/temp-store';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'mlflow-import', name);

describe('evidence-for dates', () => {
  const tmp = tempDir('el-efor-');
  let now = new Date('2026-03-01T12:00:00.000Z');
  const core = createCore({ home: join(tmp.dir, 'home'), secrets: new MemorySecretStore(), clock: () => now });
  afterAll(() => (core.close(), tmp.cleanup()));
  const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
    const r = await core.callUntyped(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };

  it('keeps the date an imported file is evidence for beside its collection time, logged only when set', async () => {
    await call('store.init');
    const older = await call<ImportView>('import.run', {
      type: 'mlflow',
      file: fixture('model-versions-search.json'),
      source: 'reg',
      evidenceFor: '2026-01-05',
    });
    expect(older.evidenceFor).toBe('2026-01-05T00:00:00.000Z');
    const fresh = await call<ImportView>('import.run', { type: 'mlflow', file: fixture('model-versions-search.json'), source: 'reg' });
    expect(fresh.evidenceFor).toBe(now.toISOString());

    const log = await call<LogEntryView[]>('log.list', { type: 'item_recorded', limit: 10 });
    const item = (e: LogEntryView) => e.body.item as Record<string, unknown>;
    expect(item(log[0]!).evidenceFor).toBe('2026-01-05T00:00:00.000Z');
    expect(Object.keys(item(log[1]!))).not.toContain('evidenceFor'); // a snapshot's entry keeps the old shape, byte for byte

    // Dates filter by what the evidence is for; a period marks what lies outside it.
    await call('period.add', { name: 'Q1', type: 'type2', from: '2026-02-01', to: '2026-04-30' });
    const jan = await call<ItemPage>('items.list', { from: '2026-01-01', to: '2026-01-31' });
    expect(jan.rows.map((r) => r.seq)).toEqual([older.seq]);
    const marked = await call<ItemPage>('items.list', { period: 'Q1' });
    expect(marked.rows.map((r) => [r.seq, r.periodMark, r.collectedAt])).toEqual([
      [older.seq, 'outside_period', now.toISOString()],
      [fresh.seq, 'in_period', now.toISOString()],
    ]);
    expect((await call<ItemPage>('items.list', { period: 'Q1', onlyPeriod: true })).rows.map((r) => r.seq)).toEqual([fresh.seq]);
    expect(await call('store.verify')).toMatchObject({ ok: true });
  });

  it('refuses a date in the future, before 2000 or not a date, and writes nothing', async () => {
    const before = (await call<{ logSize: number }>('store.status')).logSize;
    for (const evidenceFor of ['2026-03-02', '1999-12-31', '2026-02-30', 'last week', '2026-03-01T13:00:00Z']) {
      const r = await core.callUntyped('import.run', { type: 'mlflow', file: fixture('model-versions-search.json'), source: 'reg', evidenceFor });
      expect(r, evidenceFor).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect((await call<{ logSize: number }>('store.status')).logSize).toBe(before);
    now = new Date('2026-03-02T00:00:00.000Z');
    expect(
      (
        await call<ImportView>('import.run', {
          type: 'mlflow',
          file: fixture('model-versions-search.json'),
          source: 'reg',
          evidenceFor: '2026-03-02',
        })
      ).evidenceFor,
    ).toBe('2026-03-02T00:00:00.000Z');
  });
});

describe('a version-1 store', () => {
  it('opens and migrates: its items keep their bytes and read as evidence for their collection time', () => {
    const d = tempDir('el-v1-');
    const path = join(d.dir, 'evidence.db');
    const raw = new Database(path);
    raw.exec(MIGRATIONS[0]!.sql);
    raw.exec('CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL) STRICT');
    raw.prepare('INSERT INTO schema_migration VALUES (1, ?, ?)').run('init', sha256Hex(MIGRATIONS[0]!.sql));
    raw.pragma('user_version = 1');
    raw.prepare("INSERT INTO log_entry VALUES (0, 'item_recorded', ?, ?)").run(Buffer.from('{}'), Buffer.alloc(32));
    raw
      .prepare(
        `INSERT INTO evidence_item (run_id, source_id, kind, scope, collected_at, content, content_sha256, ipe, ipe_sha256, completeness, provenance, log_idx)
         VALUES (NULL, NULL, 'mlflow.registry', '{}', '2025-06-01T00:00:00.000Z', ?, 'c', ?, 'i', 'complete', 'api_snapshot', 0)`,
      )
      .run(Buffer.from('{"a":1}'), Buffer.from('{}'));
    raw.close();

    const db = openDatabase(path, { create: false });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const row = db.prepare('SELECT content, evidence_for, coalesce(evidence_for, collected_at) AS t FROM evidence_item').get() as Record<
      string,
      unknown
    >;
    expect(row).toEqual({ content: Buffer.from('{"a":1}'), evidence_for: null, t: '2025-06-01T00:00:00.000Z' });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['audit_period', 'criterion_not_applicable', 'collection_schedule', 'missed_run']));
    expect(() => db.prepare('UPDATE evidence_item SET evidence_for = ?').run('2025-01-01T00:00:00.000Z')).toThrow(/append-only/);
    db.close();
    d.cleanup();
  });
});
