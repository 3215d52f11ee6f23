import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { verifyBundle } from '../../core/verify/verify-bundle';
import { DEFAULT_ZIP_LIMITS, SafeZip, ZipRefused } from '../../core/verify/safe-zip';
import { tempDir } from '../helpers/temp-store';
import { craftHostileZip } from '../helpers/hostile-zips';

const { dir, cleanup } = tempDir('el-zip-');
afterAll(cleanup);

const craft = (name: string) => craftHostileZip(dir, name);

async function refusal(zip: string, limits = DEFAULT_ZIP_LIMITS): Promise<ZipRefused> {
  try {
    (await SafeZip.open(zip, limits)).close();
  } catch (err) {
    if (err instanceof ZipRefused) return err;
    throw err;
  }
  throw new Error('archive was accepted');
}

describe('reading a bundle ZIP refuses hostile archives before reading any data', () => {
  const cases: [string, string, RegExp, Partial<typeof DEFAULT_ZIP_LIMITS>?][] = [
    ['absolute', '/etc/cron.d/evil', /absolute path/],
    ['dotdot', 'evidence/../../evil.sh', /\.\./],
    ['backslash', 'evidence\\evil.json', /backslash/],
    ['symlink', 'evidence/link.json', /symbolic link/],
    ['device', 'evidence/dev', /not a regular file/],
    ['duplicate', 'manifest.json', /duplicate name/],
    ['casefold', 'Manifest.json', /duplicate name/],
    ['many', '(archive)', /31 entries; the limit is 20/, { maxEntries: 20 }],
    ['oversize', 'evidence/big.json', /oversize: 2097152 bytes/, { maxEntryBytes: 1024 * 1024 }],
    ['bomb', 'evidence/bomb.json', /compression ratio \d+:1 exceeds 200:1/],
  ];
  for (const [name, file, reason, limits] of cases) {
    it(`${name}: names ${file}`, async () => {
      const zip = craft(name);
      const err = await refusal(zip, { ...DEFAULT_ZIP_LIMITS, ...limits });
      expect(err.file).toBe(file);
      expect(err.reason).toMatch(reason);
      // The same refusal surfaces from `verify`, as a failed verification naming the file.
      if (!limits) {
        const v = await verifyBundle(zip);
        expect(v.ok).toBe(false);
        expect(v.problems).toEqual([{ file, reason: expect.stringMatching(reason) }]);
      }
    });
  }

  it('an entry whose local header names another file than the central directory', async () => {
    const z = await SafeZip.open(craft('confused'));
    await expect(z.sha256('evidence/a.json')).rejects.toThrow(/local header names a different file/);
    z.close();
  });

  it('a large entry that inflates to more than its declared size is refused, naming it', async () => {
    const z = await SafeZip.open(craft('lying'));
    await expect(z.sha256('report/r.pdf')).rejects.toThrow(/report\/r\.pdf: unreadable: .*too many bytes/);
    z.close();
  });

  it('streams large entries and hashes and reads them exactly', async () => {
    const z = await SafeZip.open(craft('big'));
    const bytes = Buffer.concat([
      ...Array.from({ length: 24 * 1024 }, () => Buffer.from(Array.from({ length: 256 }, (_, i) => i))),
      Buffer.from('end'),
    ]);
    expect(z.files.get('report/big.pdf')!.compressedSize).toBeGreaterThan(4 * 1024 * 1024); // beyond the windowed path
    expect(await z.sha256('report/big.pdf')).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect((await z.read('report/big.pdf', 10 * 1024 * 1024)).equals(bytes)).toBe(true);
    z.close();
  });

  it('total uncompressed size over the limit', async () => {
    const err = await refusal(craft('many'), { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 20 });
    expect(err.reason).toMatch(/total uncompressed size exceeds 20 bytes/);
  });

  it('a file that is not a ZIP at all', async () => {
    const v = await verifyBundle(join(dir, 'bomb.zip.missing'));
    expect(v.ok).toBe(false);
    expect(v.problems[0]!.reason).toMatch(/not a readable ZIP/);
  });

  it('a benign archive opens, and a bundle without the required files fails naming each', async () => {
    const zip = craft('benign');
    const z = await SafeZip.open(zip);
    expect([...z.files.keys()]).toEqual(['README.txt']);
    expect((await z.read('README.txt', 100)).toString()).toBe('hello');
    z.close();
    const v = await verifyBundle(zip);
    expect(v.ok).toBe(false);
    expect(v.problems.map((p) => p.file)).toContain('SHA256SUMS');
    expect(v.problems.every((p) => p.reason === 'missing')).toBe(true);
  });
});
