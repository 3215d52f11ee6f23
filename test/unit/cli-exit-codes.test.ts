import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, chownSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '../../cli/commands';
import { tempDir } from '../helpers/temp-store';
import { runCli } from '../helpers/cli';
import { canDropToNobody, isRoot, NOBODY, runCliAsNobody } from '../helpers/as-nobody';

/**
 * Every verb, every way a user can get its input or environment wrong: exit 2 with a plain message naming the
 * problem, never INTERNAL and never a stack; with --json the same error as `{"ok":false,"error"}` on stdout.
 */
let root: string;
let cleanup: () => void;
let home: string; // an initialised store with one (never contacted) mlflow source "prod"
let file: string; // a regular file where a folder is expected
let emptyDir: string;

beforeAll(async () => {
  ({ dir: root, cleanup } = tempDir('el-exit-'));
  home = join(root, 'home');
  file = join(root, 'a-file.txt');
  emptyDir = join(root, 'empty');
  writeFileSync(file, 'not a folder');
  mkdirSync(emptyDir);
  mkdirSync(join(root, 'ro'));
  symlinkSync(join(root, 'loop-b.json'), join(root, 'loop-a.json'));
  symlinkSync(join(root, 'loop-a.json'), join(root, 'loop-b.json'));
  writeFileSync(join(root, 'ro', 'x.json'), '{}', { mode: 0o000 });
  chmodSync(join(root, 'ro'), 0o555);
  expect((await runCli(['--home', home, 'init'])).code).toBe(0);
  expect((await runCli(['--home', home, 'source', 'add', 'mlflow', '--name', 'prod', '--url', 'http://127.0.0.1:9'])).code).toBe(0);
  // As root, the read-only cases run as nobody: everything here is nobody's except ro/ (root's, 0555) and ro/x.json.
  if (canDropToNobody) chownTree(root, (p) => !p.startsWith(join(root, 'ro')));
});

function chownTree(dir: string, include: (path: string) => boolean): void {
  if (include(dir)) chownSync(dir, NOBODY, NOBODY);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) chownTree(p, include);
    else if (include(p) && !e.isSymbolicLink()) chownSync(p, NOBODY, NOBODY);
  }
}

/** The read-only cases: in process for an ordinary user; as nobody when the suite runs as root. */
async function run(args: string[], readOnly: boolean) {
  return readOnly && isRoot ? runCliAsNobody(args, root) : runCli(args);
}
afterAll(() => (chmodSync(join(root, 'ro'), 0o755), cleanup()));

type Case = [label: string, args: () => string[], code: string, message: RegExp, opts?: { readOnly?: boolean }];
const h = () => ['--home', home];
const period = ['--from', '2026-01-01', '--to', '2026-06-30'];

const cases: Case[] = [
  ['unknown command', () => [...h(), 'frobnicate'], 'BAD_INPUT', /Unknown command: frobnicate/],
  ['unknown option', () => [...h(), 'status', '--bogus'], 'BAD_INPUT', /Unknown option '--bogus'/],
  ['init --home FILE', () => ['--home', file, 'init'], 'ENVIRONMENT', /a-file\.txt.*(file|folder)/],
  ['init --home FILE/sub', () => ['--home', join(file, 'sub'), 'init'], 'ENVIRONMENT', /a-file\.txt.*not a folder/],
  ['init --home ""', () => ['--home', '', 'init'], 'BAD_INPUT', /--home needs a folder path/],
  ['status --home ""', () => ['--home', '', 'status'], 'BAD_INPUT', /--home needs a folder path/],
  ['init in a read-only folder', () => ['--home', join(root, 'ro', 'home'), 'init'], 'ENVIRONMENT', /ro.*permission denied/, { readOnly: true }],
  ['status of an uninitialised home', () => ['--home', emptyDir, 'status'], 'NOT_INITIALIZED', /Run `evidence-locker init`/],
  ['verify-store of an uninitialised home', () => ['--home', emptyDir, 'verify-store'], 'NOT_INITIALIZED', /init/],
  ['key show of an uninitialised home', () => ['--home', emptyDir, 'key', 'show'], 'NOT_INITIALIZED', /init/],
  ['key rotate of an uninitialised home', () => ['--home', emptyDir, 'key', 'rotate'], 'NOT_INITIALIZED', /init/],
  ['log --limit abc', () => [...h(), 'log', '--limit', 'abc'], 'BAD_INPUT', /limit/],
  ['backup without --to', () => [...h(), 'backup'], 'BAD_INPUT', /to/],
  ['backup --to FILE', () => [...h(), 'backup', '--to', file], 'ENVIRONMENT', /a-file\.txt/],
  ['backup --to FILE/sub', () => [...h(), 'backup', '--to', join(file, 'sub')], 'ENVIRONMENT', /a-file\.txt.*not a folder/],
  ['backup --to a read-only folder', () => [...h(), 'backup', '--to', join(root, 'ro', 'b')], 'ENVIRONMENT', /permission denied/, { readOnly: true }],
  [
    'source add with an unknown type',
    () => [...h(), 'source', 'add', 'oracle-cloud', '--name', 'g'],
    'BAD_INPUT',
    /Unknown source type "oracle-cloud".*mlflow/,
  ],
  ['source add without --name', () => [...h(), 'source', 'add', 'mlflow'], 'BAD_INPUT', /Usage: evidence-locker source add/],
  [
    'source add with a flag of another type',
    () => [...h(), 'source', 'add', 'mlflow', '--name', 'x', '--regions', 'eu-west-1'],
    'BAD_INPUT',
    /--regions does not apply/,
  ],
  [
    'source add with a taken name',
    () => [...h(), 'source', 'add', 'mlflow', '--name', 'prod', '--url', 'http://127.0.0.1:9'],
    'CONFLICT',
    /already exists/,
  ],
  ['source add with a bad URL', () => [...h(), 'source', 'add', 'mlflow', '--name', 'y', '--url', 'ftp://x'], 'BAD_INPUT', /http or https/],
  ['source remove of an unknown source', () => [...h(), 'source', 'remove', 'nope'], 'NOT_FOUND', /No source named "nope"/],
  ['source test of an unknown source', () => [...h(), 'source', 'test', 'nope'], 'NOT_FOUND', /No source named "nope"/],
  ['collect --source nope', () => [...h(), 'collect', '--source', 'nope'], 'NOT_FOUND', /No source named "nope"/],
  ['items with an unknown completeness', () => [...h(), 'items', '--completeness', 'done'], 'BAD_INPUT', /completeness/],
  ['items --limit abc', () => [...h(), 'items', '--limit', 'abc'], 'BAD_INPUT', /--offset and --limit are whole numbers/],
  ['items with an unknown criterion', () => [...h(), 'items', '--criterion', 'CC99'], 'BAD_INPUT', /not a Trust Services Criterion/],
  ['show of an item that does not exist', () => [...h(), 'show', '99999'], 'NOT_FOUND', /No evidence item #99999/],
  ['show abc', () => [...h(), 'show', 'abc'], 'BAD_INPUT', /Usage: evidence-locker show/],
  ['diff of an unknown source', () => [...h(), 'diff', '--source', 'nope', '--kind', 'mlflow.registry'], 'NOT_FOUND', /No source named "nope"/],
  [
    'diff --from 99999',
    () => [...h(), 'diff', '--source', 'prod', '--kind', 'mlflow.registry', '--from', '99999', '--to', '99998'],
    'NOT_FOUND',
    /9999[89] is not one of the usable/,
  ],
  ['diff --from abc', () => [...h(), 'diff', '--source', 'prod', '--kind', 'mlflow.registry', '--from', 'abc'], 'BAD_INPUT', /item numbers/],
  ['diff of a kind with no differ', () => [...h(), 'diff', '--source', 'prod', '--kind', 'mlflow.nope'], 'UNSUPPORTED', /No diff is defined/],
  ['import of a missing file', () => [...h(), 'import', 'mlflow', join(root, 'missing.json')], 'NOT_FOUND', /missing\.json/],
  ['import aws-gaad of a missing file', () => [...h(), 'import', 'aws-gaad', join(root, 'missing.json')], 'NOT_FOUND', /missing\.json/],
  [
    'import of a symlink loop (not "not found")',
    () => [...h(), 'import', 'aws-gaad', join(root, 'loop-a.json')],
    'ENVIRONMENT',
    /loop-a\.json: too many symbolic links/,
  ],
  [
    'import of an unreadable file',
    () => [...h(), 'import', 'mlflow', join(root, 'ro', 'x.json')],
    'ENVIRONMENT',
    /permission denied/,
    { readOnly: true },
  ],
  ['import of a folder where a file is expected', () => [...h(), 'import', 'mlflow', emptyDir], 'BAD_INPUT', /not a regular file/],
  ['import aws-s3 of a file where a folder is expected', () => [...h(), 'import', 'aws-s3', file], 'BAD_INPUT', /not a directory/],
  ['import of an unknown type', () => [...h(), 'import', 'no-such-type', file], 'BAD_INPUT', /Unknown import type/],
  ['export --out FILE', () => [...h(), 'export', '--criterion', 'CC6.1', ...period, '--out', file], 'ENVIRONMENT', /a-file\.txt/],
  [
    'export --out FILE/sub',
    () => [...h(), 'export', '--criterion', 'CC6.1', ...period, '--out', join(file, 'sub')],
    'ENVIRONMENT',
    /a-file\.txt.*not a folder/,
  ],
  [
    'export --out a read-only folder',
    () => [...h(), 'export', '--criterion', 'CC6.1', ...period, '--out', join(root, 'ro')],
    'ENVIRONMENT',
    /permission denied/,
    { readOnly: true },
  ],
  ['export without --from', () => [...h(), 'export', '--criterion', 'CC6.1', '--to', '2026-06-30', '--out', emptyDir], 'BAD_INPUT', /from/],
  ['verify of a missing bundle', () => [...h(), 'verify', join(root, 'missing.zip')], 'NOT_FOUND', /missing\.zip/],
  ['verify of a folder', () => [...h(), 'verify', emptyDir], 'BAD_INPUT', /empty.*folder/],
  ['verify without a bundle', () => [...h(), 'verify'], 'BAD_INPUT', /Usage: evidence-locker verify/],
  ['vendors list of an uninitialised home', () => ['--home', emptyDir, 'vendors', 'list'], 'NOT_INITIALIZED', /init/],
  ['vendors add without --name', () => [...h(), 'vendors', 'add', '--owner', 'x'], 'BAD_INPUT', /--name is required/],
  ['vendors add --personal-data maybe', () => [...h(), 'vendors', 'add', '--name', 'V', '--personal-data', 'maybe'], 'BAD_INPUT', /yes or no/],
  [
    'vendors add with a report day that is not a day',
    () => [...h(), 'vendors', 'add', '--name', 'V', '--soc2-type2', '2026-02-30'],
    'BAD_INPUT',
    /not a calendar day/,
  ],
  ['vendors update of an unknown vendor', () => [...h(), 'vendors', 'update', 'nope', '--owner', 'x'], 'NOT_FOUND', /No vendor named "nope"/],
  ['vendors remove without --reason', () => [...h(), 'vendors', 'remove', 'nope'], 'BAD_INPUT', /Usage: evidence-locker vendors remove/],
  ['vendors seed of a vendor no source suggests', () => [...h(), 'vendors', 'seed', '--name', 'Oracle'], 'NOT_FOUND', /No source suggests/],
  ['vendors due --within soon', () => [...h(), 'vendors', 'due', '--within', 'soon'], 'BAD_INPUT', /whole number/],
  [
    'manual add of a folder',
    () => [...h(), 'manual', 'add', emptyDir, '--criteria', 'CC5.3', '--evidence-for', '2026-01-01', '--owner', 'x'],
    'BAD_INPUT',
    /is a directory/,
  ],
  [
    'manual add of a symlink loop',
    () => [...h(), 'manual', 'add', join(root, 'loop-a.json'), '--criteria', 'CC5.3', '--evidence-for', '2026-01-01', '--owner', 'x'],
    'BAD_INPUT',
    /is a symbolic link/,
  ],
  ['manual add without --criteria', () => [...h(), 'manual', 'add', file, '--evidence-for', '2026-01-01', '--owner', 'x'], 'BAD_INPUT', /criterion/],
  ['manual list with an unknown criterion', () => [...h(), 'manual', 'list', '--criterion', 'CC99'], 'BAD_INPUT', /not a Trust Services Criterion/],
  ['manual show of an upload that does not exist', () => [...h(), 'manual', 'show', '99'], 'NOT_FOUND', /No manual evidence #99/],
  ['manual remove abc', () => [...h(), 'manual', 'remove', 'abc', '--reason', 'x'], 'BAD_INPUT', /Usage: evidence-locker manual remove/],
  ['period add without --from', () => [...h(), 'period', 'add', 'FY'], 'BAD_INPUT', /from/],
  [
    'period add ending before it starts',
    () => [...h(), 'period', 'add', 'FY', '--from', '2026-05-01', '--to', '2026-04-01'],
    'BAD_INPUT',
    /before it starts/,
  ],
  ['period list of an uninitialised home', () => ['--home', emptyDir, 'period', 'list'], 'NOT_INITIALIZED', /init/],
  ['period remove of a period that does not exist', () => [...h(), 'period', 'remove', 'nope'], 'NOT_FOUND', /No audit period named "nope"/],
  ['status --period of a period that does not exist', () => [...h(), 'status', '--period', 'nope'], 'NOT_FOUND', /No audit period named "nope"/],
  [
    'schedule set --cadence hourly',
    () => [...h(), 'schedule', 'set', 'prod', '--cadence', 'hourly'],
    'BAD_INPUT',
    /--cadence is daily, weekly or monthly/,
  ],
  ['schedule set every minute', () => [...h(), 'schedule', 'set', 'prod', '--cron', '* * * * *'], 'BAD_INPUT', /more often than hourly/],
  [
    'schedule set of a source that does not exist',
    () => [...h(), 'schedule', 'set', 'nope', '--cadence', 'daily'],
    'NOT_FOUND',
    /No source named "nope"/,
  ],
  ['schedule list of an uninitialised home', () => ['--home', emptyDir, 'schedule', 'list'], 'NOT_INITIALIZED', /init/],
  ['collect --due --kind', () => [...h(), 'collect', '--due', '--kind', 'mlflow.access'], 'BAD_INPUT', /drop --kind/],
  ['collect --dry-run without --due', () => [...h(), 'collect', '--dry-run'], 'BAD_INPUT', /--dry-run goes with --due/],
  ['review snapshots of an uninitialised home', () => ['--home', emptyDir, 'review', 'snapshots'], 'NOT_INITIALIZED', /Run `evidence-locker init`/],
  ['review snapshots --source nope', () => [...h(), 'review', 'snapshots', '--source', 'nope'], 'NOT_FOUND', /No source named "nope"/],
  [
    'review start with neither --snapshot nor a period',
    () => [...h(), 'review', 'start'],
    'BAD_INPUT',
    /Give either --snapshot ITEM, or --from DAY and --to DAY/,
  ],
  ['review start --snapshot abc', () => [...h(), 'review', 'start', '--snapshot', 'abc'], 'BAD_INPUT', /--snapshot is an item number/],
  ['review start of an item that does not exist', () => [...h(), 'review', 'start', '--snapshot', '99999'], 'NOT_FOUND', /No evidence item #99999/],
  [
    'review start of a period ending before it starts',
    () => [...h(), 'review', 'start', '--from', '2026-05-01', '--to', '2026-04-01'],
    'BAD_INPUT',
    /starts \(2026-05-01\) after it ends/,
  ],
  ['review start of a period with no snapshot', () => [...h(), 'review', 'start', ...period], 'NOT_FOUND', /No access snapshot was collected/],
  ['review start --source nope', () => [...h(), 'review', 'start', ...period, '--source', 'nope'], 'NOT_FOUND', /No source named "nope"/],
  ['review list of an uninitialised home', () => ['--home', emptyDir, 'review', 'list'], 'NOT_INITIALIZED', /init/],
  ['review show abc', () => [...h(), 'review', 'show', 'abc'], 'BAD_INPUT', /Usage: evidence-locker review show/],
  ['review show of a review that does not exist', () => [...h(), 'review', 'show', '99'], 'NOT_FOUND', /No access review #99/],
  [
    'review decide without --line',
    () => [...h(), 'review', 'decide', '1', '--decision', 'keep'],
    'BAD_INPUT',
    /Usage: evidence-locker review decide/,
  ],
  [
    'review decide --decision maybe',
    () => [...h(), 'review', 'decide', '1', '--line', '1', '--decision', 'maybe'],
    'BAD_INPUT',
    /keep.*revoke.*change_role.*defer/,
  ],
  [
    'review decide of a review that does not exist',
    () => [...h(), 'review', 'decide', '99', '--line', '1', '--decision', 'keep'],
    'NOT_FOUND',
    /No access review #99/,
  ],
  ['review close abc', () => [...h(), 'review', 'close', 'abc'], 'BAD_INPUT', /Usage: evidence-locker review close/],
  ['review close of a review that does not exist', () => [...h(), 'review', 'close', '99'], 'NOT_FOUND', /No access review #99/],
  ['review export-csv abc', () => [...h(), 'review', 'export-csv', 'abc'], 'BAD_INPUT', /Usage: evidence-locker review export-csv/],
  ['review export-csv of a review that does not exist', () => [...h(), 'review', 'export-csv', '99'], 'NOT_FOUND', /No access review #99/],
  ['review import-csv without --file', () => [...h(), 'review', 'import-csv', '1'], 'BAD_INPUT', /Usage: evidence-locker review import-csv/],
  [
    'review import-csv of a review that does not exist',
    () => [...h(), 'review', 'import-csv', '99', '--file', file],
    'NOT_FOUND',
    /No access review #99/,
  ],
];

describe('CLI: usage and environment errors exit 2 with a plain message', () => {
  it.for(cases)('%s', async ([, args, code, message, opts], ctx) => {
    const readOnly = opts?.readOnly === true;
    // Root with no way to drop privileges cannot make a folder read-only for itself: say so as a skip, not a pass.
    if (readOnly && isRoot && !canDropToNobody) ctx.skip();
    const human = await run(args(), readOnly);
    expect({ code: human.code, stderr: human.stderr }).toMatchObject({ code: 2, stderr: expect.stringMatching(message) });
    expect(human.stderr + human.stdout).not.toMatch(/INTERNAL|Internal error|\n\s+at /);
    const json = await run([...args(), '--json'], readOnly);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ ok: false, error: { code, message: expect.stringMatching(message) } });
  });

  it('covers every verb', () => {
    const covered = new Set(
      cases.flatMap(([, args]) => commands.filter((c) => args().join(' ').includes(` ${c.name}`) || args()[0] === c.name).map((c) => c.name)),
    );
    expect(commands.map((c) => c.name).filter((n) => !covered.has(n) && n !== 'source list')).toEqual([]);
  });
});

describe('CLI: --home forms', () => {
  it('--home=DIR is the same store as --home DIR (it used to fall back to the default store)', async () => {
    const r = await runCli([`--home=${home}`, 'source', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('prod');
  });
});
