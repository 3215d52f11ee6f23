import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { verifyBundle } from '../../core/verify/verify-bundle';
import { DEFAULT_ZIP_LIMITS, SafeZip, ZipRefused } from '../../core/verify/safe-zip';
import { tempDir } from '../helpers/temp-store';
import { run } from '../integration/bundle-helpers';

// Hostile archives are crafted byte-exact with python's zipfile, which writes whatever name and attributes it is given.
const CRAFT = `
import sys, zipfile
out, case = sys.argv[1], sys.argv[2]
def info(name, mode=0o100644):
    i = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    i.external_attr = mode << 16
    i.compress_type = zipfile.ZIP_DEFLATED
    return i
with zipfile.ZipFile(out, 'w') as z:
    z.writestr(info('README.txt'), 'hello')
    if case == 'absolute': z.writestr(info('/etc/cron.d/evil'), 'x')
    if case == 'dotdot': z.writestr(info('evidence/../../evil.sh'), 'x')
    if case == 'backslash': z.writestr(info('evidence\\\\evil.json'), 'x')
    if case == 'symlink': z.writestr(info('evidence/link.json', 0o120777), '/etc/passwd')
    if case == 'duplicate':
        z.writestr(info('manifest.json'), '{}')
        z.writestr(info('manifest.json'), '{"evil":1}')
    if case == 'casefold':
        z.writestr(info('manifest.json'), '{}')
        z.writestr(info('Manifest.json'), '{}')
    if case == 'many':
        for n in range(30): z.writestr(info('evidence/k/%04d.json' % n), '{}')
    if case == 'oversize': z.writestr(info('evidence/big.json'), 'ab' * (1024 * 1024))
    if case == 'bomb': z.writestr(info('evidence/bomb.json'), b'\\0' * (20 * 1024 * 1024))
    if case == 'device': z.writestr(info('evidence/dev', 0o020644), '')
    if case == 'big':
        i = info('report/big.pdf')
        i.compress_type = zipfile.ZIP_STORED
        z.writestr(i, bytes(range(256)) * (24 * 1024) + b'end')
    if case == 'confused': z.writestr(info('evidence/a.json'), '{"a":1}')
if case == 'lying':
    import os
    with zipfile.ZipFile(out, 'a') as z:
        z.writestr(info('report/r.pdf'), os.urandom(5 * 1024 * 1024))
    data = bytearray(open(out, 'rb').read())
    at = data.rfind(b'PK\\x01\\x02')  # central directory record of report/r.pdf: claim 1 MiB less than it holds
    size = int.from_bytes(data[at + 24:at + 28], 'little')
    data[at + 24:at + 28] = (size - 1024 * 1024).to_bytes(4, 'little')
    open(out, 'wb').write(data)
if case == 'confused':
    data = bytearray(open(out, 'rb').read())
    at = data.find(b'evidence/a.json')  # the first occurrence is the local header
    data[at:at + 15] = b'evidence/b.json'
    open(out, 'wb').write(data)
`;

const { dir, cleanup } = tempDir('el-zip-');
afterAll(cleanup);

function craft(name: string): string {
  const path = join(dir, `${name}.zip`);
  const r = run('python3', ['-c', CRAFT, path, name]);
  if (r.code !== 0) throw new Error(r.out);
  return path;
}

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
