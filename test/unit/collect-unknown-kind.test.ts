import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../core/api';
import { refusedPort } from '../fixtures/mlflow/local-server';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-store';

/** Issue 16 item 5: a typo in --kind is a usage error (exit 2) and leaves no failed run in the auditor's report. */
let home: string;
let cleanup: () => void;
const cli = (...args: string[]) => runCli(['--home', home, ...args]);
const logSize = async () => (JSON.parse((await cli('status', '--json')).stdout) as { value: { logSize: number } }).value.logSize;

beforeAll(async () => {
  ({ dir: home, cleanup } = tempDir('el-kind-'));
  expect((await cli('init')).code).toBe(0);
  const url = `http://127.0.0.1:${await refusedPort()}`; // never reached: nothing valid is collected below
  expect((await cli('source', 'add', 'mlflow', '--name', 'prod', '--url', url)).code).toBe(0);
  expect((await cli('source', 'add', 'aws', '--name', 'acct', '--regions', 'us-east-1')).code).toBe(0);
});
afterAll(() => cleanup());

describe('collect --kind with a kind no source has', () => {
  it.each([
    [['--kind', 'foo']],
    [['--source', 'prod', '--kind', 'mlflow.registry,foo']],
    [['--source', 'prod', '--kind', 'aws.iam']], // a real kind, but not of this source
  ])('%j: exit 2, BAD_INPUT naming the known kinds, nothing recorded', async (args) => {
    const before = await logSize();
    const human = await cli('collect', ...args);
    expect(human.code).toBe(2);
    expect(human.stderr).toMatch(/BAD_INPUT.*Unknown kind\(s\).*Kinds: .*mlflow\.registry/);
    const json = await cli('collect', ...args, '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await logSize()).toBe(before);
    expect((await cli('log', '--type', 'run_started', '--json')).stdout).not.toContain('run_started');
  });

  it('the core refuses it the same way for every host (the app calls collect.run directly)', async () => {
    const core = createCore({ home });
    try {
      const r = await core.call('collect.run', { kinds: ['mlflow.registy'] });
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('mlflow.registy') } });
    } finally {
      core.close();
    }
  });

  it('a kind only some sources have runs those sources only (no empty "complete" run for the others)', async () => {
    const r = await cli('collect', '--kind', 'mlflow.registry', '--json');
    const runs = (JSON.parse(r.stdout) as { value: { source: string }[] }).value;
    expect(runs.map((x) => x.source)).toEqual(['prod']);
    const started = (JSON.parse((await cli('log', '--type', 'run_started', '--json')).stdout) as { value: unknown[] }).value;
    expect(started).toHaveLength(1);
  });
});
