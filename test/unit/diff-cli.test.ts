import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-store';

const FIX = join(import.meta.dirname, '../fixtures/mlflow-import');
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A store holding two imported registry snapshots of one source (items #1 and #2). */
async function twoSnapshots(): Promise<string> {
  const d = tempDir();
  cleanups.push(d.cleanup);
  await runCli(['--home', d.dir, 'init']);
  for (const f of ['model-versions-search.json', 'model-versions-search-later.json']) {
    expect((await runCli(['--home', d.dir, 'import', 'mlflow', join(FIX, f), '--source', 'offline'])).code).toBe(0);
  }
  return d.dir;
}

describe('CLI: diff', () => {
  it('prints a table under a header naming both snapshots, and records the diff', async () => {
    const h = await twoSnapshots();
    const r = await runCli(['--home', h, 'diff', '--source', 'offline', '--kind', 'mlflow.registry']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^mlflow\.registry of source "offline": #1 \(\d{4}-.*Z, sha256 [0-9a-f]{12}…\) → #2 \(.*, sha256 [0-9a-f]{12}…\)$/);
    expect(lines).toContainEqual(expect.stringMatching(/^TYPE\s+SUBJECT\s+FIELD\s+BEFORE → AFTER$/));
    expect(lines).toContainEqual(expect.stringMatching(/^alias_moved\s+model fraud\s+alias champion\s+2 → 3$/));
    expect(lines).toContainEqual(expect.stringMatching(/^stage_changed\s+model fraud v3\s+stage\s+Staging → Production$/));
    expect(r.stdout).toContain('Recorded as evidence item #3 (mlflow.registry.diff).');
    const log = await runCli(['--home', h, 'log', '--type', 'item_recorded', '--limit', '1']);
    expect(log.stdout).toMatch(/mlflow\.registry\.diff/);
    expect((await runCli(['--home', h, 'verify-store'])).code).toBe(0);
  });

  it('--from/--to and --json give the full result', async () => {
    const h = await twoSnapshots();
    const r = await runCli(['--home', h, 'diff', '--source', 'offline', '--kind', 'mlflow.registry', '--from', '2', '--to', '1', '--json']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout) as { ok: boolean; value: { from: { seq: number }; to: { seq: number }; counts: Record<string, number> } };
    expect(body).toMatchObject({ ok: true, value: { from: { seq: 2 }, to: { seq: 1 }, counts: { alias_moved: 1, stage_changed: 1 } } });
  });

  it('says "No changes." for identical snapshots', async () => {
    const h = await twoSnapshots();
    await runCli(['--home', h, 'import', 'mlflow', join(FIX, 'model-versions-search-later.json'), '--source', 'offline']);
    const r = await runCli(['--home', h, 'diff', '--source', 'offline', '--kind', 'mlflow.registry']);
    expect(r.stdout).toMatch(/#2 .* → #3 .*\nNo changes\./);
  });

  it('exits 2 for a kind without a differ (listing those with one) and for bad flags', async () => {
    const h = await twoSnapshots();
    const unknown = await runCli(['--home', h, 'diff', '--source', 'offline', '--kind', 'mlflow.lineage']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /No diff is defined for kind "mlflow.lineage". Kinds with diffs: .*mlflow\.registry.*mlflow\.access|mlflow\.access.*mlflow\.registry/,
    );
    const badSeq = await runCli(['--home', h, 'diff', '--source', 'offline', '--kind', 'mlflow.registry', '--from', 'first']);
    expect(badSeq.code).toBe(2);
    expect(badSeq.stderr).toMatch(/--from and --to are item numbers/);
    expect((await runCli(['--home', h, 'diff', '--kind', 'mlflow.registry'])).code).toBe(2);
    const missing = await runCli(['--home', h, 'diff', '--source', 'offline', '--kind', 'mlflow.access']);
    expect(missing.code).toBe(2); // nothing to compare is a usage problem (NOT_FOUND → 2), not a failed check
    expect(missing.stderr).toMatch(/NOT_FOUND.*Need two mlflow\.access snapshots of source "offline".*found 0/);
  });
});
