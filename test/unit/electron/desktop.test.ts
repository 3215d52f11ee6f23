import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { startDesktop, type DesktopDeps, type WindowLike } from '../../../electron/main/app';
import { keychainCredentials, type SafeStorageLike } from '../../../electron/main/credentials';
import { INVOKE_CHANNEL } from '../../../electron/main/ipc';
import type { Prefs } from '../../../electron/main/prefs';
import { tempDir } from '../../helpers/temp-store';
import { appFrame, FakeIpcMain, FakeSession, FakeWebContents } from './fakes';

/** Reversible but not plain: enough to tell that nothing is written in the clear. */
function fakeSafeStorage(opts: { available?: boolean; backend?: string } = {}): SafeStorageLike {
  return {
    isEncryptionAvailable: () => opts.available ?? true,
    encryptString: (s) => Buffer.from(`enc:${Buffer.from(s).toString('base64')}`),
    decryptString: (b) => Buffer.from(b.toString().slice(4), 'base64').toString(),
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
  };
}

describe('source credentials on the desktop (safeStorage)', () => {
  const tmp = tempDir('el-keychain-');
  afterAll(() => tmp.cleanup());

  it('encrypts each secret into its own 0600 file, never in the clear', () => {
    const store = keychainCredentials(fakeSafeStorage(), tmp.dir, 'linux');
    expect(store).toMatchObject({ kind: 'keychain', available: true });
    expect(store.description).toMatch(/OS keychain.*gnome_libsecret/);
    store.put('source-prod-passwordEnv', 'canary-Passw0rd');
    expect(store.get('source-prod-passwordEnv')).toBe('canary-Passw0rd');
    for (const f of readdirSync(tmp.dir)) {
      expect(readFileSync(join(tmp.dir, f)).includes(Buffer.from('canary-Passw0rd'))).toBe(false);
      expect(statSync(join(tmp.dir, f)).mode & 0o777).toBe(0o600);
    }
  });

  it('refuses, and says why, when encryption is unavailable', () => {
    const store = keychainCredentials(fakeSafeStorage({ available: false }), tmp.dir, 'darwin');
    expect(store).toMatchObject({ kind: 'none', available: false });
    expect(() => store.put('x', 'y')).toThrow(/cannot be kept.*not available/);
  });

  it("refuses Linux's basic_text backend (a hard-coded password protects nothing)", () => {
    const store = keychainCredentials(fakeSafeStorage({ backend: 'basic_text' }), tmp.dir, 'linux');
    expect(store.available).toBe(false);
    expect(store.description).toMatch(/basic_text/);
    expect(() => store.put('x', 'y')).toThrow(/basic_text/);
  });
});

describe('the sandboxed preload', () => {
  /** The preload as Electron runs it: CommonJS with `require('electron')` and nothing else. */
  function loadPreload() {
    const src = readFileSync(join(import.meta.dirname, '..', '..', '..', 'electron', 'preload', 'index.cts'), 'utf8');
    const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    const exposed: Record<string, unknown> = {};
    const calls: unknown[][] = [];
    const listeners = new Map<string, ((...a: unknown[]) => void)[]>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => (calls.push(args), Promise.resolve({ ok: true, value: 'answer' })),
        on: (ch: string, fn: (...a: unknown[]) => void) => void listeners.set(ch, [...(listeners.get(ch) ?? []), fn]),
        removeListener: (ch: string, fn: (...a: unknown[]) => void) =>
          void listeners.set(
            ch,
            (listeners.get(ch) ?? []).filter((f) => f !== fn),
          ),
      },
    };
    const required: string[] = [];
    new Function('require', 'exports', 'module', js)((m: string) => (required.push(m), electron), {}, { exports: {} });
    return { exposed, calls, listeners, required };
  }

  it('exposes exactly window.bridge = { invoke, on }, frozen, and requires only electron', () => {
    const { exposed, required } = loadPreload();
    expect(Object.keys(exposed)).toEqual(['bridge']);
    expect(Object.keys(exposed.bridge as object)).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(exposed.bridge)).toBe(true);
    expect(required).toEqual(['electron']);
  });

  it('forwards procedure calls on one channel and drops malformed names', async () => {
    const { exposed, calls } = loadPreload();
    const bridge = exposed.bridge as { invoke(n: unknown, i: unknown): Promise<unknown> };
    expect(await bridge.invoke('store.status', {})).toEqual({ ok: true, value: 'answer' });
    expect(calls).toEqual([[INVOKE_CHANNEL, 'store.status', {}]]);
    expect(await bridge.invoke('../../etc', {})).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await bridge.invoke({ toString: () => 'store.status' }, {})).toMatchObject({ ok: false });
    expect(calls).toHaveLength(1);
  });

  it('subscribes to progress only, and unsubscribes', () => {
    const { exposed, listeners } = loadPreload();
    const bridge = exposed.bridge as { on(e: unknown, fn: unknown): () => void };
    expect(() => bridge.on('anything-else', () => undefined)).toThrow(TypeError);
    const seen: unknown[] = [];
    const off = bridge.on('progress', (p: unknown) => seen.push(p));
    listeners.get('bridge:progress')![0]!({ sender: 'ignored' }, { procedure: 'collect.run' });
    expect(seen).toEqual([{ procedure: 'collect.run' }]);
    off();
    expect(listeners.get('bridge:progress')).toEqual([]);
  });
});

describe('startDesktop with fake Electron modules', () => {
  const tmp = tempDir('el-desktop-');
  afterAll(() => tmp.cleanup());

  function fakes(opts: { lock?: boolean; safe?: SafeStorageLike } = {}) {
    const order: string[] = [];
    const appListeners = new Map<string, ((...a: unknown[]) => void)[]>();
    const prefs: Prefs = {};
    const ipc = new FakeIpcMain();
    const session = new FakeSession();
    const windows: { options: unknown; loaded: string[]; win: WindowLike }[] = [];
    let quit = 0;
    let handled: { scheme: string; handler: (r: Request) => Response | Promise<Response> } | null = null;
    const deps: DesktopDeps = {
      app: {
        requestSingleInstanceLock: () => (order.push('lock'), opts.lock ?? true),
        quit: () => void (quit += 1),
        whenReady: async () => void order.push('ready'),
        on: (event: string, fn: (...a: never[]) => void) =>
          void appListeners.set(event, [...(appListeners.get(event) ?? []), fn as (...a: unknown[]) => void]),
        isPackaged: true,
        getPath: () => join(tmp.dir, 'Documents'),
        getVersion: () => '9.9.9',
      },
      protocol: {
        registerSchemesAsPrivileged: () => void order.push('privileged'),
        handle: (scheme, handler) => void ((handled = { scheme, handler }), order.push('handle')),
      },
      ipcMain: ipc,
      session,
      safeStorage: opts.safe ?? fakeSafeStorage(),
      createWindow(options) {
        const loaded: string[] = [];
        const listeners = new Map<string, () => void>();
        const win: WindowLike = {
          loadURL: async (u) => void loaded.push(u),
          once: (e, fn) => void listeners.set(e, fn),
          on: (e, fn) => void listeners.set(e, fn),
          show: () => undefined,
          focus: () => undefined,
          restore: () => undefined,
          isMinimized: () => false,
          getBounds: () => ({ x: 1, y: 2, width: 1300, height: 820 }),
          webContents: new FakeWebContents(),
        };
        windows.push({ options, loaded, win: Object.assign(win, { fire: (e: string) => listeners.get(e)?.() }) });
        return win;
      },
      dialog: { showOpenDialog: async () => ({ canceled: false, filePaths: [join(tmp.dir, 'chosen')] }) },
      shell: { openExternal: async () => undefined, showItemInFolder: () => undefined },
      prefs: { get: (k) => prefs[k], set: (k, v) => void (prefs[k] = v) },
      prefersDark: () => false,
      env: { EVIDENCE_HOME: join(tmp.dir, 'home') },
      platform: 'linux',
      rendererDir: join(tmp.dir, 'renderer'),
      preloadPath: '/x/preload/index.cjs',
    };
    return { deps, order, appListeners, prefs, ipc, session, windows, quitCount: () => quit, handled: () => handled };
  }

  it('a second instance quits at once and opens nothing', async () => {
    const f = fakes({ lock: false });
    expect(await startDesktop(f.deps)).toBeNull();
    expect(f.quitCount()).toBe(1);
    expect(f.windows).toHaveLength(0);
  });

  it('registers app:// as privileged before ready, guards every web contents, then opens one hardened window on app://', async () => {
    const f = fakes();
    const d = await startDesktop(f.deps);
    expect(d).not.toBeNull();
    expect(f.order.slice(0, 4)).toEqual(['lock', 'privileged', 'ready', 'handle']);
    expect(f.handled()!.scheme).toBe('app');
    expect(f.appListeners.has('web-contents-created')).toBe(true);
    expect(f.session.request).not.toBeNull();
    expect(f.windows).toHaveLength(1);
    expect(f.windows[0]!.loaded).toEqual(['app://evidence-locker/index.html']);
    expect(f.windows[0]!.options).toMatchObject({
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false, preload: '/x/preload/index.cjs' },
    });
    // The contract answers over IPC from our page, on a store that init created.
    expect(await f.ipc.invoke(INVOKE_CHANNEL, appFrame, 'host.info', {})).toMatchObject({
      ok: true,
      value: { mode: 'desktop', version: '9.9.9', dataFolder: join(tmp.dir, 'home'), credentials: { available: true, kind: 'keychain' } },
    });
    expect(await f.ipc.invoke(INVOKE_CHANNEL, appFrame, 'store.status', {})).toMatchObject({
      ok: true,
      value: { keyFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    // Native folder dialog → preference; window bounds saved on close.
    expect(await f.ipc.invoke(INVOKE_CHANNEL, appFrame, 'host.chooseFolder', { purpose: 'export' })).toMatchObject({
      ok: true,
      value: { folder: join(tmp.dir, 'chosen') },
    });
    expect(f.prefs.exportFolder).toBe(join(tmp.dir, 'chosen'));
    (f.windows[0]!.win as unknown as { fire(e: string): void }).fire('close');
    expect(f.prefs.bounds).toEqual({ x: 1, y: 2, width: 1300, height: 820 });
    for (const fn of f.appListeners.get('before-quit') ?? []) fn();
  });

  it('with no usable keychain the app still opens, and says credentials cannot be kept', async () => {
    const f = fakes({ safe: fakeSafeStorage({ backend: 'basic_text' }) });
    await startDesktop(f.deps);
    const info = (await f.ipc.invoke(INVOKE_CHANNEL, appFrame, 'host.info', {})) as {
      value: { credentials: { available: boolean; description: string } };
    };
    expect(info.value.credentials).toMatchObject({ available: false, description: expect.stringMatching(/basic_text/) });
    const add = await f.ipc.invoke(INVOKE_CHANNEL, appFrame, 'source.add', {
      type: 'mlflow',
      name: 'x',
      config: { url: 'http://127.0.0.1:9', username: 'a' },
      secrets: { passwordEnv: 'pw' },
    });
    expect(add).toMatchObject({ ok: false, error: { code: 'ENVIRONMENT', message: expect.stringMatching(/Not saved/) } });
    expect(await f.ipc.invoke(INVOKE_CHANNEL, appFrame, 'source.list', {})).toMatchObject({ ok: true, value: [] });
    for (const fn of f.appListeners.get('before-quit') ?? []) fn();
  });
});
