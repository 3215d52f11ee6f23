import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-store';

const DEMO = join(import.meta.dirname, '..', '..', 'resources', 'demo');
const tmp = tempDir('el-cli-reviews-');
const cli = (...args: string[]) => runCli(['--home', tmp.dir, ...args]);

beforeAll(async () => {
  expect((await cli('init')).code).toBe(0);
  expect((await cli('import', 'mlflow', join(DEMO, 'mlflow-users-1.json'), '--source', 'prod')).code).toBe(0);
});
afterAll(() => tmp.cleanup());

/** The `review` verbs: the Access reviews screen headless, with a true --help, --json envelopes and exit codes. */
describe('`review` CLI verbs', () => {
  it('has help for every verb that says what it does', async () => {
    const help = await cli('review', 'start', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--snapshot ITEM.*--from DAY --to DAY/s);
    expect(help.stdout).toMatch(/dormant \(no activity in 90 days\)/);
    for (const verb of ['snapshots', 'list', 'show', 'decide', 'close', 'export-csv', 'import-csv'])
      expect((await cli('review', verb, '--help')).stdout, verb).toContain(`evidence-locker review ${verb}`);
  });

  it('starts, decides, exports and imports CSV, closes; --json returns the envelope', async () => {
    const snaps = JSON.parse((await cli('review', 'snapshots', '--json')).stdout);
    expect(snaps.value[0]).toMatchObject({ kind: 'mlflow.access', source: 'prod', principals: 4 });
    const started = await cli('review', 'start', '--snapshot', String(snaps.value[0].seq));
    expect(started.code).toBe(0);
    expect(started.stdout).toMatch(/Started review #1 with 4 lines/);
    expect(started.stdout).toMatch(/prod: admin\s+new\s+privileged/);
    expect((await cli('review', 'decide', '1', '--line', '3', '--decision', 'revoke')).code).toBe(2); // no comment
    const decided = await cli('review', 'decide', '1', '--line', '3', '--decision', 'revoke', '--comment', 'left', '--reviewer', 'dana', '--json');
    expect(JSON.parse(decided.stdout)).toMatchObject({ ok: true, value: { line: 3, decision: { decision: 'revoke', reviewer: 'dana' } } });
    const out = join(tmp.dir, 'r.csv');
    expect((await cli('review', 'export-csv', '1', '--out', out)).stdout).toMatch(/Wrote 4 lines/);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    // Keep the admin (line 2 of the file); break alice's row (line 3): another principal. Bob's row repeats his decision.
    lines[1] = lines[1]!.replace(/,,,,,$/, ',keep,,,,dana');
    lines[2] = lines[2]!.replace('alice@example.com', 'eve@example.com').replace(/,,,,,$/, ',keep,,,,dana');
    writeFileSync(out, `${lines.join('\n')}\n`);
    const imported = await cli('review', 'import-csv', '1', '--file', out);
    expect(imported.code).toBe(1);
    expect(imported.stdout).toMatch(/1 decision\(s\) recorded, 1 unchanged, 1 row\(s\) refused/);
    expect(imported.stdout).toMatch(/line 3: line 2 is prod alice@example\.com in the review, not prod eve@example\.com/);
    const closing = await cli('review', 'close', '1');
    expect(closing.code).toBe(2);
    expect(closing.stderr).toMatch(/2 line\(s\) without a decision/);
    const show = await cli('review', 'show', '1', '--undecided');
    expect(show.stdout).toMatch(/alice@example\.com/);
    expect(show.stdout.split('Follow-up')[0]).not.toMatch(/bob@example\.com/);
    expect(show.stdout).toMatch(/Follow-up of revoke and change-role decisions:[\s\S]*bob@example\.com\s+revoke\s+OPEN 0 d/);
    const list = JSON.parse((await cli('review', 'list', '--json')).stdout);
    expect(list.value).toEqual([expect.objectContaining({ id: 1, status: 'open', decided: 2, toDecide: 4 })]);
    expect((await cli('review', 'show', 'x')).code).toBe(2);
    expect((await cli('review', 'show', '9')).code).toBe(2); // NOT_FOUND names what the user gave
  });
});
