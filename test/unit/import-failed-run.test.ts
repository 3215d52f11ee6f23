import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempCore, tempDir } from '../helpers/temp-store';

interface Status {
  logSize: number;
  runs: Record<string, number>;
  sources: { name: string }[];
  lastRuns: { status: string; reason: string | null }[];
}

const deep = (n: number) => `${'['.repeat(n)}"arn:aws:s3:::b/*"${']'.repeat(n)}`;
const user = (fields: string) =>
  `{"UserDetailList":[{"UserName":"a","Arn":"arn:aws:iam::123456789012:user/a"${fields}}],"GroupDetailList":[],"RoleDetailList":[],"Policies":[]}`;

let t: Awaited<ReturnType<typeof tempCore>>;
let files: ReturnType<typeof tempDir>;
beforeEach(async () => ((t = await tempCore()), (files = tempDir('el-failed-run-'))));
afterEach(() => (t.cleanup(), files.cleanup()));

function write(name: string, text: string): string {
  writeFileSync(join(files.dir, name), text);
  return join(files.dir, name);
}

/** Runs the import and checks it was refused without a trace: log size, runs and sources as before. */
async function refusedUnlogged(type: string, file: string): Promise<string> {
  const before = await t.call<Status>('store.status');
  const r = await t.core.call('import.run', { type, file });
  expect(r.ok).toBe(false);
  const after = await t.call<Status>('store.status');
  expect(after.logSize).toBe(before.logSize);
  expect(after.runs).toEqual(before.runs);
  expect(after.sources).toEqual(before.sources);
  return (r as { error: { code: string } }).error.code;
}

describe('a failed import leaves no run "running" and nothing in the log', () => {
  it('a GAAD policy Resource nested 3,000 deep: exit 2 and the log and runs are unchanged', async () => {
    const doc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":${deep(3000)}}]}`;
    const file = write('gaad.json', user(`,"UserPolicyList":[{"PolicyName":"p","PolicyDocument":${doc}}]`));
    const before = await t.call<Status>('store.status');
    t.core.close(); // the CLI opens the same home with its own core
    const r = await runCli(['--home', t.home, 'import', 'aws-gaad', file]);
    expect(r.code).toBe(2);
    const after = await t.call<Status>('store.status');
    expect(after.logSize).toBe(before.logSize);
    expect(after.runs).toEqual(before.runs);
    expect(after.runs.running ?? 0).toBe(0);
  });

  it('content that parses but cannot be canonicalised (a lone surrogate) is refused before any write', async () => {
    expect(await refusedUnlogged('aws-gaad', write('gaad.json', user(',"Tags":[{"Key":"k","Value":"\\ud800"}]')))).toBe('BAD_INPUT');
    const mlflow = '{"user":{"id":2,"username":"al\\udc00ice","is_admin":false,"experiment_permissions":[],"registered_model_permissions":[]}}';
    expect(await refusedUnlogged('mlflow', write('users.json', mlflow))).toBe('BAD_INPUT');
  });

  it('a failure after the run started finishes the run as failed, with a short reason', async () => {
    const ok = write('gaad.json', user(''));
    await t.call('import.run', { type: 'aws-gaad', file: ok }); // creates the source: the next import only starts a run
    t.core.close();
    // A real write failure on the item insert (what a full disk or an I/O error would do), after run_started.
    const db = new Database(join(t.home, 'evidence.db'));
    db.exec("CREATE TRIGGER inject_failure BEFORE INSERT ON evidence_item BEGIN SELECT RAISE(ABORT, 'injected write failure'); END");
    db.close();
    const r = await t.core.call('import.run', { type: 'aws-gaad', file: ok });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining('injected write failure') } });
    const status = await t.call<Status>('store.status');
    expect(status.runs.running ?? 0).toBe(0);
    expect(status.runs.failed).toBe(1);
    expect(status.lastRuns[0]).toMatchObject({ status: 'failed', reason: expect.stringContaining('injected write failure') });
    expect(status.lastRuns[0]!.reason!.length).toBeLessThanOrEqual(300);
    expect(await t.call('store.verify')).toMatchObject({ ok: true });
  });
});
