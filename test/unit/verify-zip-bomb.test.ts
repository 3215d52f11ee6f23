import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import * as layout from '../../core/export/bundle-paths';
import { generateSigningKey, publicKeyPem } from '../../core/sign/keys';
import { DEFAULT_ZIP_LIMITS, SafeZip, ZipRefused, type ZipLimits } from '../../core/verify/safe-zip';
import { verifyBundle } from '../../core/verify/verify-bundle';
import { runCli } from '../helpers/cli';
import { deflated, writeRawZip, zeroEntries as zeros } from '../helpers/raw-zip';
import { tempDir } from '../helpers/temp-store';

// Issue 16 item 9: the inflated size is bounded by the archive as a whole, and verify stops at the first fatal problem.
const { dir, cleanup } = tempDir('el-bomb-');
afterAll(cleanup);
afterEach(() => vi.restoreAllMocks());

async function refusal(path: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipRefused> {
  try {
    (await SafeZip.open(path, limits)).close();
  } catch (err) {
    if (err instanceof ZipRefused) return err;
    throw err;
  }
  throw new Error('archive was accepted');
}

describe('zip bombs made of entries below the per-entry ratio threshold', () => {
  it('8,000 entries of 1 MiB - 1 (a 9 MB file declaring 7.8 GiB) are refused from the central directory, before any data is read', async () => {
    const path = join(dir, 'bomb.zip');
    writeRawZip(path, zeros(8000, 1024 * 1024 - 1));
    expect(statSync(path).size).toBeLessThan(10 * 1024 * 1024);
    const inflate = vi.spyOn(SafeZip.prototype, 'sha256');
    const err = await refusal(path);
    expect(err.file).toBe('(archive)');
    expect(err.reason).toMatch(/^declares 8388600000 bytes uncompressed in a \d+-byte archive: ratio \d+:1 exceeds 200:1 \(zip bomb\?\)$/);
    expect(inflate).not.toHaveBeenCalled();

    const cli = await runCli(['verify', path, '--home', join(dir, 'no-store')]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(/^INVALID: .*bomb\.zip\n {2}FAIL bomb\.zip: declares 8388600000 bytes uncompressed .* \(zip bomb\?\)$/m);
  });

  it('the whole-archive ratio applies with lowered limits too, and small archives are never refused for it', async () => {
    const path = join(dir, 'small-bomb.zip');
    writeRawZip(path, zeros(16, 60 * 1024)); // 960 KiB from about 3 KB
    expect((await refusal(path, { ...DEFAULT_ZIP_LIMITS, ratioMinBytes: 64 * 1024 })).reason).toMatch(/ratio \d+:1 exceeds 200:1/);
    (await SafeZip.open(path)).close(); // under 1 MiB in all: harmless whatever the ratio
  });

  it('the running total of inflated bytes is enforced while reading, whatever the central directory said', async () => {
    const path = join(dir, 'reread.zip');
    writeRawZip(path, [deflated('a.json', Buffer.alloc(600 * 1024, 'a'))]);
    const zip = await SafeZip.open(path, { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 1024 * 1024 });
    try {
      await zip.sha256('a.json');
      await expect(zip.sha256('a.json')).rejects.toThrow(/a\.json: inflating it would exceed the 1048576 bytes this archive may inflate to/);
    } finally {
      zip.close();
    }
  });

  it('an entry that declares less than it holds stops inflating at the declared size', async () => {
    const path = join(dir, 'liar.zip');
    const bomb = Buffer.alloc(64 * 1024 * 1024);
    writeRawZip(path, [{ ...deflated('evidence/liar.json', bomb), size: 1000 }]);
    const zip = await SafeZip.open(path);
    try {
      await expect(zip.sha256('evidence/liar.json')).rejects.toThrow(/evidence\/liar\.json: does not decompress to its declared size/);
    } finally {
      zip.close();
    }
  });
});

describe('verify stops at the first fatal problem', () => {
  it('a signature that does not verify ends verification: nothing else is hashed or reported', async () => {
    const { key } = generateSigningKey();
    const files = new Map<string, Buffer>([
      [layout.README, Buffer.from('readme')],
      [layout.PUBLIC_KEY, Buffer.from(publicKeyPem(key.publicKeyRaw))],
      [layout.MANIFEST, Buffer.from('{}')],
      [layout.CHECKPOINT, Buffer.from('not a checkpoint')],
      [layout.PROOFS, Buffer.from('{}')],
      [layout.VERIFY_SH, Buffer.from('#!/bin/bash')],
      [layout.VERIFY_LOG, Buffer.from('//')],
      ['evidence/k/0000000001.json', Buffer.alloc(512 * 1024)],
    ]);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const sums = layout.formatSums([...files].map(([path, bytes]) => ({ path, sha256: path.startsWith('evidence/') ? '0'.repeat(64) : sha(bytes) })));
    files.set(layout.SUMS, sums).set(layout.SUMS_SIG, Buffer.alloc(64));
    const path = join(dir, 'unsigned.zip');
    writeRawZip(
      path,
      [...files].sort(([a], [b]) => layout.byteCompare(a, b)).map(([name, bytes]) => deflated(name, bytes)),
    );

    const hashed = vi.spyOn(SafeZip.prototype, 'sha256');
    const v = await verifyBundle(path);
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([{ file: layout.SUMS_SIG, reason: 'the signature over SHA256SUMS does not verify with signing-key.pub.pem' }]);
    expect(hashed).not.toHaveBeenCalled();
  });
});
