import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppHost, createCore, FileRefs, MemoryCredentialStore, type AppHost, type Core } from '../../../core/api';
import { MemorySecretStore } from '../../../core/sign/secret-store';
import { guardSession, guardWebContents, safeExternalUrl } from '../../../electron/main/guards';
import { INVOKE_CHANNEL, isTrustedSender, PROGRESS_CHANNEL, registerIpc } from '../../../electron/main/ipc';
import { tempDir } from '../../helpers/temp-store';
import { appFrame, FakeIpcMain, FakeSession, FakeWebContents } from './fakes';

describe('navigation, new windows, webviews and DevTools', () => {
  it('blocks navigation; an https link goes to the OS browser, anything else nowhere', () => {
    const opened: string[] = [];
    const wc = new FakeWebContents();
    guardWebContents(wc, { devTools: false, openExternal: (u) => void opened.push(u) });
    expect(wc.fire('will-navigate', 'https://www.aicpa-cima.com/soc2')).toBe(true);
    expect(wc.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(wc.fire('will-navigate', 'http://example.com/')).toBe(true);
    expect(wc.fire('will-navigate', 'app://evidence-locker/index.html')).toBe(true); // reloads go through loadURL, not links
    expect(opened).toEqual(['https://www.aicpa-cima.com/soc2']);
  });

  it('denies every new window, opening https ones in the OS browser', () => {
    const opened: string[] = [];
    const wc = new FakeWebContents();
    guardWebContents(wc, { devTools: false, openExternal: (u) => void opened.push(u) });
    expect(wc.openHandler!({ url: 'https://github.com/' })).toEqual({ action: 'deny' });
    expect(wc.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://github.com/']);
  });

  it('refuses webviews and redirects away from app://, and closes DevTools outside development', () => {
    const wc = new FakeWebContents();
    guardWebContents(wc, { devTools: false, openExternal: () => undefined });
    expect(wc.fire('will-attach-webview')).toBe(true);
    expect(wc.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(wc.fire('will-redirect', 'app://evidence-locker/index.html')).toBe(false);
    wc.fire('devtools-opened');
    expect(wc.devToolsClosed).toBe(1);
    const dev = new FakeWebContents();
    guardWebContents(dev, { devTools: true, openExternal: () => undefined });
    expect(dev.listeners.has('devtools-opened')).toBe(false);
  });

  it('opens only https links without credentials', () => {
    expect(safeExternalUrl('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    for (const bad of [
      'http://example.com',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://user:pw@example.com/',
      'not a url',
      'smb://host/share',
    ]) {
      expect(safeExternalUrl(bad), bad).toBeNull();
    }
    expect(safeExternalUrl('https://evil.example/', ['example.com'])).toBeNull();
  });
});

describe('the session', () => {
  it('denies every permission request and check, and loads nothing but app:// and DevTools', () => {
    const s = new FakeSession();
    guardSession(s);
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      s.request!({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(s.check!({}, permission), permission).toBe(false);
    }
    const cancel = (url: string) => {
      let r: boolean | undefined;
      s.beforeRequest!({ url }, (x) => (r = x.cancel));
      return r;
    };
    expect(cancel('https://example.com/x.js')).toBe(true);
    expect(cancel('http://127.0.0.1:8080/')).toBe(true);
    expect(cancel('file:///etc/passwd')).toBe(true);
    expect(cancel('app://evidence-locker/assets/app.js')).toBe(false);
  });
});

describe('the sender check', () => {
  it('accepts only our page in the top frame', () => {
    const ev = (frame: { url: string; parent: unknown } | null) => ({ senderFrame: frame, sender: { send: () => undefined } });
    expect(isTrustedSender(ev(appFrame))).toBe(true);
    expect(isTrustedSender(ev({ url: 'app://evidence-locker/index.html', parent: {} }))).toBe(false); // an iframe
    expect(isTrustedSender(ev({ url: 'https://evil.example/', parent: null }))).toBe(false);
    expect(isTrustedSender(ev({ url: 'app://evidence-locker.evil.example/', parent: null }))).toBe(false);
    expect(isTrustedSender(ev({ url: 'file:///index.html', parent: null }))).toBe(false);
    expect(isTrustedSender(ev(null))).toBe(false);
  });
});

describe('the IPC wiring (fake ipcMain, real core)', () => {
  const tmp = tempDir('el-ipc-');
  let core: Core;
  let host: AppHost;
  let files: FileRefs;
  const ipc = new FakeIpcMain();
  beforeAll(async () => {
    core = createCore({ home: tmp.dir, secrets: new MemorySecretStore(), credentials: new MemoryCredentialStore(), env: {} });
    await core.call('store.init', {});
    files = new FileRefs();
    host = createAppHost(
      core,
      {
        info: () => ({
          mode: 'desktop',
          version: 't',
          platform: 'linux',
          dataFolder: tmp.dir,
          exportFolder: tmp.dir,
          backupFolder: tmp.dir,
          credentials: { available: true, kind: 'keychain', description: 'x' },
          signingKey: 'x',
        }),
      },
      files,
    );
    registerIpc(ipc, host);
  });
  afterAll(() => (core.close(), files.close(), tmp.cleanup()));

  it('registers one channel', () => {
    expect([...ipc.handlers.keys()]).toEqual([INVOKE_CHANNEL]);
  });

  it('answers our page with the envelope', async () => {
    expect(await ipc.invoke(INVOKE_CHANNEL, appFrame, 'store.status', {})).toMatchObject({ ok: true, value: { items: 0 } });
    expect(await ipc.invoke(INVOKE_CHANNEL, appFrame, 'host.info', {})).toMatchObject({ ok: true, value: { mode: 'desktop' } });
  });

  it('refuses other frames before doing anything', async () => {
    for (const frame of [{ url: 'https://evil.example/', parent: null }, { url: 'app://evidence-locker/index.html', parent: {} }, null]) {
      expect(await ipc.invoke(INVOKE_CHANNEL, frame, 'store.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('refuses unknown names and invalid input (the contract schemas)', async () => {
    for (const name of ['store.drop', '__proto__', 42, 'constructor', 'host.exec']) {
      expect(await ipc.invoke(INVOKE_CHANNEL, appFrame, name, {}), String(name)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect(await ipc.invoke(INVOKE_CHANNEL, appFrame, 'items.show', { seq: 'one' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await ipc.invoke(INVOKE_CHANNEL, appFrame, 'host.openExternal', { url: 'http://example.com' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
  });

  it('never takes a path from the renderer: files are refs handed over first', async () => {
    const r = await ipc.invoke(INVOKE_CHANNEL, appFrame, 'bundle.verify', { bundle: '/etc/passwd' });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/paths are not accepted/) } });
    const up = (await ipc.invoke(INVOKE_CHANNEL, appFrame, 'host.upload', { name: '../../x.zip', bytes: new Uint8Array([1, 2, 3]) })) as {
      ok: true;
      value: { ref: string; name: string };
    };
    expect(up).toMatchObject({ ok: true, value: { name: 'x.zip', bytes: 3 } });
    const v = await ipc.invoke(INVOKE_CHANNEL, appFrame, 'bundle.verify', { bundle: up.value.ref });
    expect(v).toMatchObject({ ok: true, value: { ok: false } }); // three bytes are not a bundle, but they were read
  });

  it('sends progress back to the caller on the progress channel', async () => {
    ipc.sent.length = 0;
    await core.call('source.add', { type: 'mlflow', name: 'down', config: { url: 'http://127.0.0.1:9' } });
    await ipc.invoke(INVOKE_CHANNEL, appFrame, 'collect.run', {});
    expect(ipc.sent.length).toBeGreaterThan(0);
    expect(ipc.sent.every((s) => s.channel === PROGRESS_CHANNEL)).toBe(true);
    expect(ipc.sent.at(-1)!.payload).toMatchObject({ procedure: 'collect.run', event: { phase: 'collect', source: 'down', done: true } });
  });
});
