import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openBrowser } from '../../cli/launch/browser';
import { findElectron, hasDisplay } from '../../cli/launch/electron';
import { tempDir } from '../helpers/temp-store';

/** How `npm start` decides between the desktop window and web mode (the one line that says why). */
describe('npm start: desktop window or web mode', () => {
  const tmp = tempDir('el-start-');
  afterAll(() => tmp.cleanup());

  function electronPackage(name: string, installer: string): string {
    const dir = join(tmp.dir, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'install.js'), installer);
    return dir;
  }

  it('uses the binary when it is there', () => {
    const dir = electronPackage('present', 'process.exit(0)');
    writeFileSync(join(dir, 'path.txt'), 'electron');
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '#!/bin/sh\n');
    chmodSync(join(dir, 'dist', 'electron'), 0o755);
    expect(findElectron({ fetch: false, packageDir: dir })).toEqual({ ok: true, binary: join(dir, 'dist', 'electron') });
  });

  it('says why when the binary is missing and fetching is not tried', () => {
    expect(findElectron({ fetch: false, packageDir: electronPackage('absent', 'process.exit(0)') })).toEqual({
      ok: false,
      why: 'the Electron binary is not on this machine',
    });
  });

  it('runs the package installer, and names the failed download in one line', () => {
    const dir = electronPackage('offline', "console.error('TypeError: fetch failed'); process.exit(1)");
    const r = findElectron({ fetch: true, packageDir: dir });
    expect(r.ok).toBe(false);
    expect((r as { why: string }).why).toMatch(/^the Electron binary could not be downloaded from GitHub \(.*fetch failed.*\)$/);
    expect((r as { why: string }).why).not.toContain('\n');
  });

  it('a fetch that succeeds is used at once', () => {
    const dir = electronPackage(
      'fetches',
      "const fs = require('fs'); fs.writeFileSync(__dirname + '/path.txt', 'electron'); fs.mkdirSync(__dirname + '/dist'); fs.writeFileSync(__dirname + '/dist/electron', '');",
    );
    writeFileSync(join(dir, 'package.json'), '{"type":"commonjs"}');
    expect(findElectron({ fetch: true, packageDir: dir })).toMatchObject({ ok: true });
  });

  it('knows when there is no display, and then opens no browser', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'darwin')).toBe(true);
    expect(openBrowser('http://127.0.0.1:1/', {}, 'linux')).toBe(false);
    expect(openBrowser('http://127.0.0.1:1/', { CI: 'true', DISPLAY: ':0' }, 'linux')).toBe(false);
  });
});
