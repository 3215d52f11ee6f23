import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-store';

const REPO = resolve(import.meta.dirname, '../..');
const posix = process.platform !== 'win32';

let home: ReturnType<typeof tempDir>;
let files: ReturnType<typeof tempDir>;
beforeEach(async () => {
  home = tempDir('el-special-home-');
  files = tempDir('el-special-');
  await runCli(['--home', home.dir, 'init']);
});
afterEach(() => (home.cleanup(), files.cleanup()));

/**
 * The CLI in a child process with a deadline: before the fix, /dev/zero was read until memory ran out and a FIFO
 * blocked forever, which would hang an in-process test. A killed child has no exit code (null).
 */
function cliChild(args: string[]): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/evidence-locker.mjs', '--home', home.dir, ...args], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=512' },
  });
  return { code: r.status, stderr: r.stderr };
}

async function logSize(): Promise<number> {
  return (JSON.parse((await runCli(['--home', home.dir, 'status', '--json'])).stdout) as { value: { logSize: number } }).value.logSize;
}

function fifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

describe.skipIf(!posix)('imports read regular files only: devices and FIFOs are refused (exit 2), never read', () => {
  it('aws-s3: lifecycle.json a symlink to /dev/zero', async () => {
    mkdirSync(join(files.dir, 's3', 'b1'), { recursive: true });
    symlinkSync('/dev/zero', join(files.dir, 's3', 'b1', 'lifecycle.json'));
    const before = await logSize();
    const r = cliChild(['import', 'aws-s3', join(files.dir, 's3')]);
    expect(r.stderr).toMatch(/b1\/lifecycle\.json is not a regular file \(a character device\)/);
    expect(r.code).toBe(2);
    expect(await logSize()).toBe(before);
  });

  it('aws-s3: policy.err a FIFO nobody writes to', () => {
    mkdirSync(join(files.dir, 's3', 'b1'), { recursive: true });
    writeFileSync(join(files.dir, 's3', 'b1', 'versioning.json'), '');
    fifo(join(files.dir, 's3', 'b1', 'policy.err'));
    const r = cliChild(['import', 'aws-s3', join(files.dir, 's3')]);
    expect(r.stderr).toMatch(/b1\/policy\.err is not a regular file \(a FIFO \(named pipe\)\)/);
    expect(r.code).toBe(2);
  });

  it('aws-gaad, aws-credential-report and mlflow: the same for a device and a FIFO', async () => {
    symlinkSync('/dev/zero', join(files.dir, 'zero.json'));
    fifo(join(files.dir, 'pipe.json'));
    for (const type of ['aws-gaad', 'aws-credential-report', 'mlflow']) {
      for (const [file, what] of [
        ['zero.json', 'a character device'],
        ['pipe.json', 'a FIFO'],
      ] as const) {
        const r = await runCli(['--home', home.dir, 'import', type, join(files.dir, file)]);
        expect(r.stderr).toContain(`is not a regular file (${what}`);
        expect(r.code).toBe(2);
      }
    }
    expect((await runCli(['--home', home.dir, 'status', '--json'])).stdout).toMatch(/"items": 0/);
  });

  it('a symlink to a regular file is still read (admins link exports)', async () => {
    writeFileSync(
      join(files.dir, 'real.json'),
      JSON.stringify({ user: { id: 1, username: 'alice', is_admin: false, experiment_permissions: [], registered_model_permissions: [] } }),
    );
    symlinkSync(join(files.dir, 'real.json'), join(files.dir, 'link.json'));
    const r = await runCli(['--home', home.dir, 'import', 'mlflow', join(files.dir, 'link.json')]);
    expect(r.code).toBe(0);
  });
});
