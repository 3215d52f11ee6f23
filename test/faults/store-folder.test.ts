import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../../core/api';
import { canDropToNobody, NOBODY, runCliAsNobody } from '../helpers/as-nobody';
import { spawnCli } from '../helpers/export-children';
import { tempDir } from '../helpers/temp-store';
import { recordCounts } from './counts';
import { batchFamily } from './fixtures/batch-family';
import { cleanupSmallDisks, smallDisk, tmpfsWhy } from './small-disk';

// Issue 14: the store folder read-only (a read-only filesystem binds root too; a read-only folder binds any other
// user), and the store folder on a path with spaces and non-ASCII characters, checked with openssl and sha256sum.
const families = [batchFamily];
const tmp = tempDir('el-fault-folder-');
afterAll(() => {
  cleanupSmallDisks();
  tmp.cleanup();
});

async function call<T>(core: Core, name: string, input: unknown = {}): Promise<T> {
  const r = await core.callUntyped(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function seeded(home: string): Promise<void> {
  const core = createCore({ home, families });
  await call(core, 'store.init');
  await call(core, 'source.add', { type: 'batch', name: 'team', config: { team: 'ml', batches: 5 } });
  await call(core, 'collect.run', { source: 'team' });
  core.close();
}

const run = (cmd: string, args: string[], cwd?: string) => spawnSync(cmd, args, { cwd, encoding: 'utf8' });

describe('a read-only store folder', () => {
  it.skipIf(tmpfsWhy !== null)(
    `on a read-only filesystem (tmpfs remounted ro${tmpfsWhy ? `; cannot mount here: ${tmpfsWhy}` : ''}): reads work, every write is refused with a reason, nothing changes`,
    async () => {
      const disk = smallDisk(16 * 1024);
      try {
        const home = join(disk.dir, 'store');
        await seeded(home);
        disk.readOnly(true);
        const core = createCore({ home, families });
        const status = await call<{ readOnly: string | null; logSize: number }>(core, 'store.status');
        const verify = await call<{ ok: boolean }>(core, 'store.verify');
        const writes = await Promise.all(
          [
            ['collect.run', { source: 'team' }],
            ['key.rotate', {}],
            ['export.bundle', { criterion: 'CC6.2', from: '2020-01-01', to: '2040-12-31', out: join(tmp.dir, 'ro-out') }],
          ].map(([name, input]) => core.callUntyped(name as string, input)),
        );
        const after = await call<{ logSize: number }>(core, 'store.status');
        core.close();
        disk.readOnly(false);
        const again = createCore({ home, families });
        const [next] = await call<{ status: string }[]>(again, 'collect.run', { source: 'team' });
        again.close();
        console.log(`read-only filesystem: ${writes.map((w) => (w.ok ? 'written!' : `${w.error.code}: ${w.error.message}`)).join(' | ')}`);
        recordCounts('read-only fs', { trials: 3, faults: 3, corrupt: verify.ok ? 0 : 1 });
        expect(status.readOnly).toBeTruthy();
        expect(verify.ok).toBe(true);
        for (const w of writes) expect(w).toMatchObject({ ok: false, error: { code: 'ENVIRONMENT', message: expect.stringMatching(/read-only/) } });
        expect(after.logSize).toBe(status.logSize);
        expect(existsSync(join(tmp.dir, 'ro-out')) ? readdirSync(join(tmp.dir, 'ro-out')) : []).toEqual([]);
        expect(next!.status).toBe('complete');
      } finally {
        disk.cleanup();
      }
    },
    180_000,
  );

  it.skipIf(!canDropToNobody)(
    'owned by root with mode 0555, used as nobody: verify-store passes, collect and key rotate exit 2 saying why',
    async () => {
      const home = join(tmp.dir, 'nobody-store');
      await seeded(home);
      chmodSync(tmp.dir, 0o755);
      execFileSync('chmod', ['-R', 'a+rX,a-w', home]);
      const verify = runCliAsNobody(['--home', home, 'verify-store'], tmp.dir);
      const writes = [runCliAsNobody(['--home', home, 'key', 'rotate'], tmp.dir), runCliAsNobody(['--home', home, 'collect'], tmp.dir)];
      execFileSync('chmod', ['-R', 'u+w', home]);
      console.log(`read-only folder as uid ${NOBODY}: ${writes.map((w) => `exit ${w.code}: ${w.stderr.trim().split('\n')[0]}`).join(' | ')}`);
      recordCounts('read-only folder (nobody)', { trials: 2, faults: 2, corrupt: verify.code === 0 ? 0 : 1 });
      expect(verify.code, verify.stderr).toBe(0);
      for (const w of writes) {
        expect(w.code, w.stderr).toBe(2);
        expect(w.stderr).toMatch(/read-only|permission|cannot write/i);
      }
    },
    180_000,
  );
});

describe('a store folder with spaces and non-ASCII characters', () => {
  it('init, collect, export, verify-store, and the bundle verifies with unzip, openssl and sha256sum', async () => {
    const base = join(tmp.dir, 'Évidence Lœcker', ' 証拠 store');
    const home = join(base, 'home dir');
    const out = join(base, 'bundles — Q1');
    mkdirSync(base, { recursive: true });
    await seeded(home);
    const core = createCore({ home, families });
    const r = await call<{ bundles: { path: string; keyFingerprint: string }[] }>(core, 'export.bundle', {
      criterion: 'CC6.2',
      from: '2020-01-01',
      to: '2040-12-31',
      out,
    });
    core.close();
    const zip = r.bundles[0]!.path;
    const extracted = join(base, 'geprüft');
    const unzip = run('unzip', ['-q', zip, '-d', extracted]);
    const fingerprint = execFileSync('bash', ['-c', 'openssl pkey -pubin -in signing-key.pub.pem -outform DER | sha256sum'], {
      cwd: extracted,
      encoding: 'utf8',
    });
    const sig = run(
      'openssl',
      ['pkeyutl', '-verify', '-pubin', '-inkey', 'signing-key.pub.pem', '-rawin', '-in', 'SHA256SUMS', '-sigfile', 'SHA256SUMS.sig'],
      extracted,
    );
    const sums = run('sha256sum', ['--strict', '--quiet', '-c', 'SHA256SUMS'], extracted);
    const store = await spawnCli(['--home', home, 'verify-store']).ended;
    const bundle = await spawnCli(['verify', zip, '--fingerprint', r.bundles[0]!.keyFingerprint]).ended;
    recordCounts('path with spaces and non-ASCII', { trials: 1, corrupt: store.code === 0 && sums.status === 0 ? 0 : 1 });
    expect(unzip.status, unzip.stderr).toBe(0);
    expect(fingerprint.split(' ')[0]).toBe(
      r.bundles[0]!.keyFingerprint.replace(/^sha256:/, '')
        .replace(/:/g, '')
        .toLowerCase(),
    );
    expect(sig.status, sig.stdout + sig.stderr).toBe(0);
    expect(sums.status, sums.stdout + sums.stderr).toBe(0);
    expect(store.code, store.stderr).toBe(0);
    expect(bundle.code, bundle.stderr + bundle.stdout).toBe(0);
  }, 180_000);
});
