import { afterAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZipWriter } from '../../core/export/zip-writer';
import { SafeZip } from '../../core/verify/safe-zip';
import { tempDir } from '../helpers/temp-store';
import { run } from '../integration/bundle-helpers';

const tmp = tempDir('el-zipw-');
afterAll(() => tmp.cleanup());
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const json = Buffer.from(JSON.stringify({ models: Array.from({ length: 30 }, (_, i) => ({ name: `m${i}`, stage: 'Production' })) }));
const big = randomBytes(5 * 1024 * 1024);
const bigFile = join(tmp.dir, 'big.bin');
writeFileSync(bigFile, big);
const date = new Date('2026-03-04T05:06:07.890Z');

async function write(path: string, extra = 0): Promise<void> {
  const z = new ZipWriter(path, date);
  await z.add('README.txt', Buffer.from('hello\n'));
  await z.add('empty', Buffer.alloc(0));
  await z.add('evidence/k/1.json', json);
  for (let i = 0; i < extra; i++) await z.add(`evidence/k/${String(i).padStart(6, '0')}.ipe.json`, json);
  await z.add('report/big.pdf', createReadStream(bigFile));
  await z.add('tools/verify.sh', Buffer.from('#!/usr/bin/env bash\necho ok\n'), 0o755);
  await z.finish();
}

const PY = `
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
i = {x.filename: x for x in z.infolist()}
print(len(i), oct(i['tools/verify.sh'].external_attr >> 16), oct(i['README.txt'].external_attr >> 16), i['README.txt'].date_time, i['evidence/k/1.json'].compress_type, i['empty'].compress_type)
`;

describe('ZipWriter', () => {
  it('writes archives that unzip, python zipfile and our reader accept, with fixed dates and modes, byte for byte reproducible', async () => {
    const a = join(tmp.dir, 'a.zip');
    const b = join(tmp.dir, 'b.zip');
    await write(a);
    await write(b);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(readdirSync(tmp.dir).filter((n) => n.endsWith('.cd'))).toEqual([]); // the spooled central directory is gone
    expect(run('unzip', ['-tq', a])).toEqual({ code: 0, out: `No errors detected in compressed data of ${a}.\n` });
    expect(run('python3', ['-c', PY, a])).toEqual({ code: 0, out: '5 0o100755 0o100644 (2026, 3, 4, 5, 6, 6) 8 0\n' });
    const z = await SafeZip.open(a);
    expect(await z.sha256('report/big.pdf')).toBe(sha(big));
    expect(await z.sha256('evidence/k/1.json')).toBe(sha(json));
    expect((await z.read('README.txt', 100)).toString()).toBe('hello\n');
    expect((await z.read('empty', 1)).length).toBe(0);
    z.close();
  });

  it('switches to ZIP64 end records beyond 65,534 entries', async () => {
    const path = join(tmp.dir, 'many.zip');
    await write(path, 66_000);
    expect(run('unzip', ['-tq', path]).code).toBe(0);
    expect(run('python3', ['-c', PY, path]).out).toMatch(/^66005 /);
    const z = await SafeZip.open(path);
    expect(z.files.size).toBe(66_005);
    expect(await z.sha256('evidence/k/065999.ipe.json')).toBe(sha(json));
    z.close();
  });
});
