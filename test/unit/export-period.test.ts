import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { contract } from '../../core/api/contract';
import { periodOf } from '../../core/criteria';
import { FileSecretStore } from '../../core/sign/secret-store';
import { EvidenceStore } from '../../core/store/evidence-store';
import { storePaths } from '../../core/store/paths';
import { listItemMeta, listRuns } from '../../core/store/store-reads';
import { runCli } from '../helpers/cli';
import { tempDir, tempStore } from '../helpers/temp-store';
import { seedMlflow } from '../integration/bundle-helpers';

// Issue 16 items 2 and 3: the period of an export is two calendar days; anything else is a usage error (exit 2).
const tmp = tempDir('el-period-');
const home = join(tmp.dir, 'home');
const out = join(tmp.dir, 'out');
beforeAll(() => {
  const s = EvidenceStore.open({ home, secrets: new FileSecretStore(storePaths(home).keysDir), actor: { osUser: 't', host: 'h' }, create: true });
  s.initialize();
  seedMlflow(s, '2026-03-01', 3);
  s.close();
});
afterAll(() => tmp.cleanup());

const exportCli = (from: string, to: string) => runCli(['--home', home, 'export', '--criterion', 'CC8.1', '--from', from, '--to', to, '--out', out]);
const bundles = () => (existsSync(out) ? readdirSync(out).filter((n) => n.endsWith('.zip')) : []);

describe('export period bounds', () => {
  it('refuses a far-future --to (it used to export a signed bundle of 0 items), exit 2', async () => {
    const r = await exportCli('2026-01-01', '9999-12-31');
    expect(r.code, r.stdout).toBe(2);
    expect(r.stderr).toMatch(/BAD_INPUT.*to: 9999-12-31 is outside 2000-01-01 \.\. 2100-12-31/);
    expect(bundles()).toEqual([]);
  });

  it('refuses days before 2000, exit 2', async () => {
    const r = await exportCli('1999-12-31', '2026-12-31');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/from: 1999-12-31 is outside/);
  });

  it('refuses a day that does not exist (2026-02-30 used to become 03-02 while the file said 02-30), exit 2', async () => {
    for (const [from, to, bad] of [
      ['2026-02-30', '2026-03-31', 'from: 2026-02-30'],
      ['2026-01-01', '2026-04-31', 'to: 2026-04-31'],
      ['2026-13-01', '2026-12-31', 'from: 2026-13-01'],
    ]) {
      const r = await exportCli(from!, to!);
      expect(r.code, `${from}..${to}`).toBe(2);
      expect(r.stderr).toContain(`${bad} is not a calendar day`);
    }
    expect(bundles()).toEqual([]);
  });

  it('refuses a period that ends before it starts, exit 2', async () => {
    const r = await exportCli('2026-03-02', '2026-03-01');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ends \(2026-03-01\) before it starts \(2026-03-02\)/);
  });

  it('takes the whole range up to 2100-12-31 and finds the evidence (instants, not text, are compared)', async () => {
    const r = await exportCli('2000-01-01', '2100-12-31');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/CC8\.1 2000-01-01\.\.2100-12-31: [1-9]\d* items/);
  });

  it('the contract schema (what the app validates with) and core periods refuse the same days', () => {
    const input = contract['export.bundle'].input;
    const base = { criterion: 'CC8.1', out: out };
    expect(input.safeParse({ ...base, from: '2026-02-28', to: '2026-03-01' }).success).toBe(true);
    expect(input.safeParse({ ...base, from: '2026-02-29', to: '2026-03-01' }).success).toBe(false);
    expect(input.safeParse({ ...base, from: '2028-02-29', to: '2028-03-01' }).success).toBe(true); // leap year
    expect(input.safeParse({ ...base, from: '2026-01-01', to: '9999-12-31' }).success).toBe(false);
    expect(input.safeParse({ ...base, from: '2026-03-02', to: '2026-03-01' }).success).toBe(false);
    // The app's evidence filter takes the same days (2026-02-30 used to filter from 03-02; 02-32 was INTERNAL).
    const items = contract['items.list'].input;
    expect(items.safeParse({ from: '2026-02-28', to: '2026-03-01' }).success).toBe(true);
    for (const bad of ['2026-02-30', '2026-02-32', '9999-12-31']) expect(items.safeParse({ from: bad }).success, bad).toBe(false);
    expect(() => periodOf('2026-02-30', '2026-03-31')).toThrow(/not a calendar day/);
    expect(() => periodOf('2026-01-01', '9999-12-31')).toThrow(/outside 2000-01-01 \.\. 2100-12-31/);
    expect(periodOf('2026-01-01', '2100-12-31').end.toISOString()).toBe('2100-12-31T23:59:59.999Z');
  });
});

describe('store time queries take instants', () => {
  it('a bound past year 9999 or before year 0 still compares as a time, not as "+010000-…" text', () => {
    const t = tempStore();
    try {
      seedMlflow(t.store, '2026-03-01', 2);
      const all = listItemMeta(t.store).length;
      const farFuture = new Date(8.64e15); // +275760-09-13
      const farPast = new Date(-8.64e15);
      expect(listItemMeta(t.store, { from: new Date('2026-01-01'), to: farFuture })).toHaveLength(all);
      expect(listItemMeta(t.store, { from: farPast, to: new Date('2026-03-01T23:59:59.999Z') })).toHaveLength(2);
      expect(listItemMeta(t.store, { from: new Date('2026-03-02T06:00:00.000Z'), to: new Date('2026-03-02T06:00:00.000Z') })).toHaveLength(1);
      expect(listRuns(t.store, { from: farPast, to: farFuture })).toHaveLength(listRuns(t.store).length);
    } finally {
      t.cleanup();
    }
  });
});
