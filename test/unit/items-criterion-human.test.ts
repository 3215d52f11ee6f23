import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type ItemPage } from '../../core/api';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { tempDir } from '../helpers/temp-store';

/** The evidence table's criterion filter finds manual uploads and register entries by what they support. */
describe('items.list criterion filter: manual.document and vendor.entry items', () => {
  const tmp = tempDir('el-items-human-');
  const files = join(tmp.dir, 'files');
  const now = new Date('2026-02-10T09:00:00.000Z');
  const core = createCore({ home: join(tmp.dir, 'home'), secrets: new MemorySecretStore(), clock: () => now, env: {} });
  afterAll(() => (core.close(), tmp.cleanup()));
  const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
    const r = await core.callUntyped(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const list = (input: Record<string, unknown>) => call<ItemPage>('items.list', { offset: 0, limit: 50, ...input });
  const seqs = async (input: Record<string, unknown>) => (await list(input)).rows.map((r) => `${r.kind}#${r.seq}`);
  let policy = 0;
  let dpa = 0;
  let acme = 0;
  let vault: number[] = [];

  beforeAll(async () => {
    mkdirSync(files);
    await call('store.init');
    const add = async (name: string, criteria: string[]) => {
      writeFileSync(join(files, name), `%PDF-1.4 ${name}`);
      return (await call<{ itemSeq: number }>('manual.add', { file: join(files, name), criteria, evidenceFor: '2026-01-15', owner: 'Dana' })).itemSeq;
    };
    policy = await add('access-policy.pdf', ['CC5.3']);
    dpa = await add('dpa-acme.pdf', ['CC9.2', 'C1.1']);
    acme = (await call<{ itemSeq: number }>('vendor.add', { name: 'Acme Models' })).itemSeq;
    const v = await call<{ itemSeq: number }>('vendor.add', { name: 'Vault AI', personalData: true, dpa: 'signed' });
    const changed = await call<{ itemSeq: number }>('vendor.update', { vendor: 'Vault AI', changes: { owner: 'Sam' } });
    vault = [v.itemSeq, changed.itemSeq];
  });

  it('CC5.3 lists the policy attached to it; CC9.2 the DPA and every register entry', async () => {
    expect(policy).toBeGreaterThan(0);
    expect(await seqs({ criterion: 'CC5.3' })).toEqual([`manual.document#${policy}`]);
    expect(await seqs({ criterion: 'CC9.2' })).toEqual([`manual.document#${dpa}`, `vendor.entry#${acme}`, ...vault.map((s) => `vendor.entry#${s}`)]);
    expect((await list({ criterion: 'CC9.2' })).total).toBe(4);
  });

  it('C1.1 lists the DPA and the entries of the vendor sent personal data, not the others', async () => {
    expect(await seqs({ criterion: 'C1.1' })).toEqual([`manual.document#${dpa}`, ...vault.map((s) => `vendor.entry#${s}`)]);
  });

  it('a kind filter narrows them; a kind the criterion does not cover and a criterion nothing supports list nothing', async () => {
    expect(await seqs({ criterion: 'CC9.2', kind: 'vendor.entry' })).toEqual([`vendor.entry#${acme}`, ...vault.map((s) => `vendor.entry#${s}`)]);
    expect(await seqs({ criterion: 'CC9.2', kind: 'manual.document' })).toEqual([`manual.document#${dpa}`]);
    expect(await seqs({ criterion: 'CC5.3', kind: 'vendor.entry' })).toEqual([]);
    expect(await seqs({ criterion: 'CC6.1' })).toEqual([]);
    expect(await seqs({ criterion: 'CC9.2', from: '2026-03-01' })).toEqual([]); // date filters still apply
  });

  it('the criteria column names what each item supports', async () => {
    const rows = (await list({})).rows;
    const criteriaOf = (seq: number) => rows.find((r) => r.seq === seq)!.criteria;
    expect(criteriaOf(policy)).toEqual(['CC5.3']);
    expect(criteriaOf(dpa)).toEqual(['CC9.2', 'C1.1']);
    expect(criteriaOf(acme)).toEqual(['CC9.2']);
    expect(criteriaOf(vault[1]!)).toEqual(['CC9.2', 'C1.1', 'P6.1', 'P6.4', 'P6.5']);
  });
});
