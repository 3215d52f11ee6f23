import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DESKTOP_CSP } from '../../../electron/main/csp';
import { APP_URL, createAppProtocolHandler, PRIVILEGED_SCHEMES, resolveAppFile } from '../../../electron/main/protocol';
import { sanitizeBounds, windowOptions } from '../../../electron/main/window';
import { tempDir } from '../../helpers/temp-store';

describe('the window options factory', () => {
  const opts = windowOptions({ preload: '/app/out/preload/index.cjs', devTools: false, dark: false });

  it('isolates and sandboxes the renderer, with no Node, no webview and no DevTools', () => {
    expect(opts.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
  });

  it('is frozen, so nothing can loosen it later', () => {
    expect(Object.isFrozen(opts)).toBe(true);
    expect(Object.isFrozen(opts.webPreferences)).toBe(true);
  });

  it('opens readable at 1280×800 and never smaller than 1024×680; odd saved bounds fall back', () => {
    expect(opts).toMatchObject({ width: 1280, height: 800, minWidth: 1024, minHeight: 680, show: false });
    expect(sanitizeBounds({ width: 5, height: 'x' })).toEqual({ width: 1280, height: 800 });
    expect(sanitizeBounds({ x: 10, y: 20, width: 1400, height: 900 })).toEqual({ x: 10, y: 20, width: 1400, height: 900 });
    expect(sanitizeBounds(null)).toEqual({ width: 1280, height: 800 });
  });
});

describe('the CSP', () => {
  it('allows only our own scripts and styles, no network, no framing', () => {
    const directives = Object.fromEntries(DESKTOP_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'connect-src': "'none'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(DESKTOP_CSP).not.toMatch(/unsafe/);
  });
});

describe('the app:// protocol', () => {
  const tmp = tempDir('el-proto-');
  const root = join(tmp.dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmp.dir, 'secret.txt'), 'outside');
  afterAll(() => tmp.cleanup());
  const handler = createAppProtocolHandler(root);

  it('is registered as a standard, secure scheme', () => {
    expect(PRIVILEGED_SCHEMES).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false } },
    ]);
    expect(APP_URL).toBe('app://evidence-locker/index.html');
  });

  it('serves the build with the CSP header', async () => {
    const res = handler({ url: 'app://evidence-locker/index.html' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(DESKTOP_CSP);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('<title>x</title>');
    expect(handler({ url: 'app://evidence-locker/assets/app.js' }).headers.get('content-type')).toMatch(/javascript/);
  });

  it('serves nothing outside the build, from another host, or of an unknown type', () => {
    for (const url of [
      'app://evidence-locker/%2e%2e/secret.txt',
      'app://evidence-locker/..%2fsecret.txt',
      'app://evidence-locker/assets/../../secret.txt',
      'app://other-host/index.html',
      'https://evidence-locker/index.html',
      'app://evidence-locker/missing.js',
      'app://evidence-locker/index.html%00.js',
    ]) {
      expect(resolveAppFile(root, url), url).toBeNull();
      expect(handler({ url }).status, url).toBe(404);
    }
  });
});
