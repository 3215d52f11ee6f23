import { join } from 'node:path';
import { run } from '../integration/bundle-helpers';

// Hostile archives are crafted byte-exact with python's zipfile, which writes whatever name and attributes it is given.
export const CRAFT = `
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

/** Writes the hostile archive `name` (a case of CRAFT) into `dir` and returns its path. */
export function craftHostileZip(dir: string, name: string): string {
  const path = join(dir, `${name}.zip`);
  const r = run('python3', ['-c', CRAFT, path, name]);
  if (r.code !== 0) throw new Error(r.out);
  return path;
}
