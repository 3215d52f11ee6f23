import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../core/api';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-store';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'mlflow-import', name);
const tmp = tempDir('el-cli-items-');
const cli = (...args: string[]) => runCli(['--home', tmp.dir, ...args]);

beforeAll(async () => {
  expect((await cli('init')).code).toBe(0);
  expect((await cli('import', 'mlflow', fixture('model-versions-search.json'), '--source', 'offline')).code).toBe(0);
  expect((await cli('import', 'mlflow', fixture('users-get-many.json'), '--source', 'offline')).code).toBe(0);
});
afterAll(() => tmp.cleanup());

describe('`items` and `show`: the Evidence screen headless, on the same procedures', () => {
  it('lists items with the app filters, and --json is the items.list envelope', async () => {
    const all = await cli('items');
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/#1 .*mlflow\.registry .*offline/);
    expect(all.stdout).toMatch(/Items 1–2 of 2\./);
    const cc81 = await cli('items', '--criterion', 'CC8.1', '--json');
    const parsed = JSON.parse(cc81.stdout) as { ok: true; value: { total: number; rows: { kind: string; criteria: string[] }[] } };
    expect(parsed.value.total).toBe(1);
    expect(parsed.value.rows[0]).toMatchObject({ kind: 'mlflow.registry', criteria: expect.arrayContaining(['CC8.1']) });
    const core = createCore({ home: tmp.dir });
    try {
      const direct = await core.call('items.list', { criterion: 'CC8.1', offset: 0, limit: 100 });
      expect(parsed).toEqual(direct);
    } finally {
      core.close();
    }
    expect(JSON.parse((await cli('items', '--kind', 'mlflow.access', '--completeness', 'failed', '--json')).stdout).value.total).toBe(0);
  });

  it('refuses bad filters as usage errors (exit 2)', async () => {
    expect((await cli('items', '--from', '2026-13')).code).toBe(2);
    expect((await cli('items', '--criterion', 'XX9.9')).code).toBe(2);
    // A source name that never existed is a typo, as for collect and diff (it used to say "No items match", exit 0).
    const typo = await cli('items', '--source', 'ofline');
    expect([typo.code, typo.stderr]).toEqual([2, expect.stringMatching(/NOT_FOUND.*No source named "ofline"/)]);
    expect((await cli('items', '--limit', 'lots')).code).toBe(2);
  });

  it('shows an item: readable content, IPE, and its log position re-checked', async () => {
    const r = await cli('show', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Item #1: mlflow\.registry from offline/);
    expect(r.stdout).toMatch(/Model registry versions/);
    expect(r.stdout).toMatch(/command: curl /);
    expect(r.stdout).toMatch(/log index \d+, leaf [0-9a-f]{64}/);
    expect(r.stdout).toMatch(/stored bytes match the recorded hashes: yes; log entry matches: yes/);
    const json = JSON.parse((await cli('show', '1', '--json')).stdout) as {
      value: { canonicalContent: string; integrity: { checkpoint: { covers: boolean } } };
    };
    expect(json.value.integrity.checkpoint.covers).toBe(true);
    expect(JSON.parse(json.value.canonicalContent)).toBeTypeOf('object');
    expect((await cli('show', '99')).code).toBe(2);
    expect((await cli('show', 'one')).code).toBe(2);
  });
});
