import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { claimStaging, removeLeftoverPartials } from '../../core/export/staging-owner';
import { tempDir } from '../helpers/temp-store';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function folder(): string {
  const t = tempDir('el-owner-');
  cleanups.push(t.cleanup);
  return t.dir;
}

/** The partial files an export leaves while writing `<name>.zip`, owned as `owner` says (or by this process). */
function partials(dir: string, id: string, owner?: object | 'none'): string[] {
  const zip = `Acme_CC8.1_2026-01-01_2026-01-31_${id}.zip`;
  const staging = join(dir, `${zip}.partial.d`);
  if (owner === undefined) claimStaging(staging);
  else if (owner !== 'none') {
    mkdirSync(staging);
    writeFileSync(join(staging, 'owner.json'), JSON.stringify(owner));
  }
  writeFileSync(join(dir, `${zip}.partial`), 'half a zip');
  writeFileSync(join(dir, `${zip}.partial.cd`), 'central directory');
  return readdirSync(dir)
    .filter((n) => n.startsWith(zip))
    .sort();
}

const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('cleanup of partial files in an out folder', () => {
  it("keeps a live export's files (this process's, another export in the app) and those of an export on another host", () => {
    const dir = folder();
    partials(dir, 'aaaaaaaa');
    partials(dir, 'bbbbbbbb', { pid: deadPid(), host: `${hostname()}-elsewhere`, started: null });
    expect(removeLeftoverPartials(dir)).toEqual([]);
  });

  it('removes the files of an export whose process is gone, of a reused pid, and legacy ones without an owner', () => {
    const dir = folder();
    const dead = partials(dir, 'cccccccc', { pid: deadPid(), host: hostname(), started: null });
    const legacy = partials(dir, 'dddddddd', 'none');
    const reused = process.platform === 'linux' ? partials(dir, 'eeeeeeee', { pid: process.pid, host: hostname(), started: '1' }) : [];
    writeFileSync(join(dir, 'notes.partial'), 'not ours');
    expect(removeLeftoverPartials(dir).sort()).toEqual([...dead, ...legacy, ...reused].sort());
    expect(readdirSync(dir)).toEqual(['notes.partial']);
  });

  it('a staging folder appears with its owner already inside, so no cleanup can take it for a leftover', () => {
    const dir = folder();
    const staging = join(dir, 'Acme_CC8.1_2026-01-01_2026-01-31_ffffffff.zip.partial.d');
    claimStaging(staging);
    expect(readdirSync(dir)).toEqual([basename(staging)]);
    expect(JSON.parse(readFileSync(join(staging, 'owner.json'), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    // An owner-less one is an older exporter's (or a killed one's) and goes.
    const ownerless = partials(dir, '99999999', 'none');
    mkdirSync(join(dir, ownerless[0]!.replace(/\.partial$/, '.partial.d')));
    expect(removeLeftoverPartials(dir)).toHaveLength(3);
  });

  it("removes a staging folder an export was killed setting up (before its rename), keeps a live process's", () => {
    const dir = folder();
    const name = (id: string, pid: number) => `Acme_CC8.1_2026-01-01_2026-01-31_${id}.zip.partial.d.setup-${pid}`;
    const killed = name('abababab', deadPid());
    mkdirSync(join(dir, killed));
    mkdirSync(join(dir, name('cdcdcdcd', process.pid)));
    expect(removeLeftoverPartials(dir)).toEqual([killed]);
    expect(readdirSync(dir)).toEqual([name('cdcdcdcd', process.pid)]);
  });

  it('a killed export whose ZIP was renamed but never logged: the bundle goes with its staging folder; a logged one stays', () => {
    const dir = folder();
    const bundle = (id: string) => {
      const zip = `Acme_CC8.1_2026-01-01_2026-01-31_${id}.zip`;
      mkdirSync(join(dir, `${zip}.partial.d`));
      writeFileSync(join(dir, `${zip}.partial.d`, 'owner.json'), JSON.stringify({ pid: deadPid(), host: hostname(), started: null }));
      writeFileSync(join(dir, zip), 'a finished zip');
      writeFileSync(join(dir, zip.replace(/\.zip$/, '.pdf')), 'its report');
      return zip;
    };
    const unlogged = bundle('12121212');
    const logged = bundle('34343434');
    const removed = removeLeftoverPartials(dir, (path) => path === join(dir, logged));
    expect(removed.sort()).toEqual([unlogged, unlogged.replace(/\.zip$/, '.pdf'), `${unlogged}.partial.d`, `${logged}.partial.d`].sort());
    expect(readdirSync(dir).sort()).toEqual([logged, logged.replace(/\.zip$/, '.pdf')].sort());
  });
});
