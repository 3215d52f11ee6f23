import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportResult } from '../../core/export/export-bundle';
import { generateSigningKey, publicKeyPem, signBytes } from '../../core/sign/keys';
import { verifyBundle, type BundleProblem } from '../../core/verify/verify-bundle';
import { tempDir, tempStore } from '../helpers/temp-store';
import { runCli } from '../helpers/cli';
import { exportTo, run, seedMlflow, unzipTo, zipDir } from './bundle-helpers';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const tmp = tempDir('el-tamper-');
let bundle: ExportResult;
let pristine: string;
let evidenceFile: string;

beforeAll(async () => {
  const { store, cleanup } = tempStore();
  seedMlflow(store, '2026-02-01', 6);
  bundle = await exportTo(store, join(tmp.dir, 'out'), { criterion: 'CC8.1', from: '2026-02-01', to: '2026-02-28', org: 'Acme' });
  cleanup();
  pristine = unzipTo(bundle.path, join(tmp.dir, 'pristine'));
  const manifest = JSON.parse(readFileSync(join(pristine, 'manifest.json'), 'utf8')) as { items: { evidence: string }[] };
  evidenceFile = manifest.items[1]!.evidence;
});
afterAll(() => tmp.cleanup());

/** Replaces the SHA256SUMS line for `path` with the hash of its current bytes (what a forger would do). */
function relist(dir: string, path: string): void {
  const sums = readFileSync(join(dir, 'SHA256SUMS'), 'utf8');
  const fresh = sha256(readFileSync(join(dir, path)));
  writeFileSync(join(dir, 'SHA256SUMS'), sums.replace(new RegExp(`^[0-9a-f]{64}  ${path.replace(/\./g, '\\.')}$`, 'm'), `${fresh}  ${path}`));
}

function flipByte(file: string): void {
  const bytes = readFileSync(file);
  bytes[10] = bytes[10]! ^ 0x01;
  writeFileSync(file, bytes);
}

interface Case {
  name: string;
  tamper: (dir: string) => void;
  /** What verify.sh must print (it stops at the first failure). */
  sh: RegExp;
  /** A problem our verify must report. */
  ours: BundleProblem | ((ps: BundleProblem[]) => boolean);
}

const cases: Case[] = [
  {
    name: 'a byte flipped in an evidence file',
    tamper: (d) => flipByte(join(d, evidenceFile)),
    sh: /evidence\/mlflow\.registry\/\d+\.json: FAILED/,
    ours: { file: '', reason: '' },
  },
  {
    name: 'a file added',
    tamper: (d) => writeFileSync(join(d, 'evidence/mlflow.registry/0000009999.json'), '{"forged":true}'),
    sh: /not listed in SHA256SUMS: evidence\/mlflow\.registry\/0000009999\.json/,
    ours: { file: 'evidence/mlflow.registry/0000009999.json', reason: 'not listed in SHA256SUMS' },
  },
  {
    name: 'a file removed',
    tamper: (d) => rmSync(join(d, evidenceFile)),
    sh: /evidence\/mlflow\.registry\/\d+\.json: No such file/,
    ours: { file: '', reason: 'listed in SHA256SUMS but missing' },
  },
  {
    name: 'SHA256SUMS edited to cover a changed evidence file',
    tamper: (d) => (flipByte(join(d, evidenceFile)), relist(d, evidenceFile)),
    sh: /SHA256SUMS\.sig: the signature over SHA256SUMS does not verify/,
    ours: { file: 'SHA256SUMS.sig', reason: 'the signature over SHA256SUMS does not verify with signing-key.pub.pem' },
  },
  {
    name: 'key swapped (new keypair, SHA256SUMS re-signed)',
    tamper: (d) => {
      const { key } = generateSigningKey();
      writeFileSync(join(d, 'signing-key.pub.pem'), publicKeyPem(key.publicKeyRaw));
      relist(d, 'signing-key.pub.pem');
      writeFileSync(join(d, 'SHA256SUMS.sig'), signBytes(key, readFileSync(join(d, 'SHA256SUMS'))));
    },
    sh: /signing-key\.pub\.pem: fingerprint [0-9a-f]{64} is not the expected/,
    ours: (ps) => ps.some((p) => p.file === 'signing-key.pub.pem' && /is not the expected/.test(p.reason)),
  },
  {
    name: 'manifest edited',
    tamper: (d) => writeFileSync(join(d, 'manifest.json'), readFileSync(join(d, 'manifest.json'), 'utf8').replace('"failed":0', '"failed":1')),
    sh: /manifest\.json: FAILED/,
    ours: (ps) => ps.some((p) => p.file === 'manifest.json' && /differs from SHA256SUMS/.test(p.reason)),
  },
];

describe('a tampered bundle fails both tools/verify.sh and our verify, naming what failed', () => {
  cases.forEach((c, i) => {
    it(c.name, async () => {
      const dir = join(tmp.dir, `case${i}`);
      cpSync(pristine, dir, { recursive: true });
      c.tamper(dir);
      const sh = run('bash', ['tools/verify.sh', bundle.keyFingerprint], dir);
      expect(sh.code, sh.out).toBe(1);
      expect(sh.out).toMatch(c.sh);
      if (c.name.startsWith('a byte') || c.name.startsWith('a file removed')) expect(sh.out).toContain(evidenceFile);

      const zip = join(tmp.dir, `case${i}.zip`);
      zipDir(dir, zip);
      const v = await verifyBundle(zip, { fingerprint: bundle.keyFingerprint });
      expect(v.ok).toBe(false);
      if (typeof c.ours === 'function') expect(c.ours(v.problems), JSON.stringify(v.problems)).toBe(true);
      else {
        const expected = {
          file: c.ours.file || evidenceFile,
          reason: c.ours.reason || expect.stringMatching(/^SHA-256 [0-9a-f]{64} differs from SHA256SUMS/),
        };
        expect(v.problems).toContainEqual(expected);
      }
    });
  });

  it('a swapped key is caught even without the expected fingerprint: manifest and checkpoint no longer match it', async () => {
    const dir = join(tmp.dir, 'swap-nofp');
    cpSync(pristine, dir, { recursive: true });
    cases.find((c) => c.name.startsWith('key swapped'))!.tamper(dir);
    const zip = join(tmp.dir, 'swap-nofp.zip');
    zipDir(dir, zip);
    const v = await verifyBundle(zip);
    expect(v.ok).toBe(false);
    expect(v.problems.map((p) => p.file)).toEqual(expect.arrayContaining(['manifest.json', 'log/checkpoint.txt']));
    const log = run('node', ['tools/verify-log.mjs'], dir);
    expect(log.code).toBe(1);
    expect(log.out).toMatch(/FAIL: log\/checkpoint\.txt: no signature line verifies|FAIL: manifest\.json: keyFingerprint differs/);
  });

  it('verify-log.mjs also fails on a changed evidence file', () => {
    const dir = join(tmp.dir, 'log-flip');
    cpSync(pristine, dir, { recursive: true });
    flipByte(join(dir, evidenceFile));
    const log = run('node', ['tools/verify-log.mjs', bundle.keyFingerprint], dir);
    expect(log.code).toBe(1);
    expect(log.out).toContain(`FAIL: ${evidenceFile}: SHA-256`);
  });

  it('the CLI exits 0 for the pristine bundle and 1 naming the file for a tampered one', async () => {
    const ok = await runCli(['verify', bundle.path, '--fingerprint', bundle.keyFingerprint, '--home', join(tmp.dir, 'no-store')]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^VALID: /);
    const dir = join(tmp.dir, 'cli');
    cpSync(pristine, dir, { recursive: true });
    flipByte(join(dir, evidenceFile));
    const zip = join(tmp.dir, 'cli.zip');
    zipDir(dir, zip);
    const bad = await runCli(['verify', zip, '--fingerprint', bundle.keyFingerprint, '--home', join(tmp.dir, 'no-store')]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`FAIL ${evidenceFile}: SHA-256`);
    const json = await runCli(['verify', zip, '--json', '--home', join(tmp.dir, 'no-store')]);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, value: { ok: false } });
  });
});
