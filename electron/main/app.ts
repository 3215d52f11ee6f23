import { join } from 'node:path';
import { createAppHost, createCore, defaultHome, FileRefs, type AppHost, type Core, type CredentialStore, type HostInfo } from '../../core/api';
import { keychainCredentials, type SafeStorageLike } from './credentials';
import { guardSession, guardWebContents, safeExternalUrl, type SessionLike, type WebContentsLike } from './guards';
import { registerIpc, type IpcMainLike } from './ipc';
import { folderPref, type PrefsLike } from './prefs';
import { APP_SCHEME, APP_URL, createAppProtocolHandler, PRIVILEGED_SCHEMES } from './protocol';
import { sanitizeBounds, windowOptions, type Bounds } from './window';

export interface WindowLike {
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', fn: () => void): unknown;
  on(event: 'close', fn: () => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  getBounds(): Bounds;
  webContents: WebContentsLike;
}

/** Everything the desktop host needs of Electron, as small interfaces: index.ts passes the real modules, tests fakes. */
export interface DesktopDeps {
  app: {
    requestSingleInstanceLock(): boolean;
    quit(): void;
    whenReady(): Promise<unknown>;
    on(event: 'second-instance' | 'window-all-closed' | 'before-quit', fn: () => void): unknown;
    on(event: 'web-contents-created', fn: (e: unknown, contents: WebContentsLike) => void): unknown;
    isPackaged: boolean;
    getPath(name: 'documents'): string;
    getVersion(): string;
  };
  protocol: {
    registerSchemesAsPrivileged(schemes: typeof PRIVILEGED_SCHEMES): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  };
  ipcMain: IpcMainLike;
  session: SessionLike;
  safeStorage: SafeStorageLike;
  createWindow(options: ReturnType<typeof windowOptions>): WindowLike;
  dialog: {
    showOpenDialog(
      window: WindowLike,
      options: { title: string; defaultPath: string; properties: string[] },
    ): Promise<{ canceled: boolean; filePaths: string[] }>;
  };
  shell: { openExternal(url: string): Promise<void>; showItemInFolder(path: string): void };
  prefs: PrefsLike;
  prefersDark(): boolean;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** out/renderer and out/preload/index.cjs. */
  rendererDir: string;
  preloadPath: string;
  /** fonts/ and bundle-tools/ (packaged: process.resourcesPath/resources); unset runs from the source tree. */
  resourcesDir?: string;
}

export interface Desktop {
  core: Core;
  host: AppHost;
  credentials: CredentialStore;
  window: WindowLike | null;
}

/**
 * The desktop host: one hardened window on app://, the contract over one IPC channel, source credentials in the OS
 * keychain, native folder dialogs. Returns null when another instance already runs (it gets focused instead).
 */
export async function startDesktop(deps: DesktopDeps): Promise<Desktop | null> {
  if (!deps.app.requestSingleInstanceLock()) {
    deps.app.quit();
    return null;
  }
  // Before ready: app:// must be a standard, secure scheme for the CSP and the origin checks to mean anything.
  deps.protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES);
  const devTools = !deps.app.isPackaged && deps.env.EVIDENCE_DEVTOOLS === '1';
  const openExternal = (url: string) => {
    const safe = safeExternalUrl(url);
    if (safe) void deps.shell.openExternal(safe);
  };
  deps.app.on('web-contents-created', (_e, contents) => guardWebContents(contents, { devTools, openExternal }));
  await deps.app.whenReady();

  guardSession(deps.session);
  deps.protocol.handle(APP_SCHEME, createAppProtocolHandler(deps.rendererDir));

  const home = defaultHome(deps.env, deps.platform);
  const credentials = keychainCredentials(deps.safeStorage, join(home, 'keys', 'credentials-keychain'), deps.platform);
  const keyed = createCore({ home, env: deps.env, credentials, resourcesDir: deps.resourcesDir });
  const init = await keyed.call('store.init', {});
  // The window still opens: every screen then shows this same error where its data would be.
  if (!init.ok) console.error(`The evidence store in ${home} cannot be opened: ${init.error.message}`);

  let window: WindowLike | null = null;
  const documents = deps.app.getPath('documents');
  const info = (): HostInfo => ({
    mode: 'desktop',
    version: deps.app.getVersion(),
    platform: deps.platform,
    dataFolder: keyed.home,
    exportFolder: folderPref(deps.prefs.get('exportFolder'), join(documents, 'Evidence Locker exports')),
    backupFolder: folderPref(deps.prefs.get('backupFolder'), join(documents, 'Evidence Locker backups')),
    credentials: { available: credentials.available, kind: credentials.kind, description: credentials.description },
    signingKey: `a key file (mode 0600) in ${join(keyed.home, 'keys')}, shared with the command line`,
  });
  const files = new FileRefs();
  const host = createAppHost(
    keyed,
    {
      info,
      async chooseFolder(purpose) {
        if (!window) return null;
        const current = purpose === 'export' ? info().exportFolder : info().backupFolder;
        const r = await deps.dialog.showOpenDialog(window, {
          title: purpose === 'export' ? 'Folder for exported bundles' : 'Folder for backups',
          defaultPath: current,
          properties: ['openDirectory', 'createDirectory'],
        });
        const chosen = r.canceled ? null : (r.filePaths[0] ?? null);
        if (chosen) deps.prefs.set(purpose === 'export' ? 'exportFolder' : 'backupFolder', chosen);
        return chosen;
      },
      showItem: (path) => deps.shell.showItemInFolder(path),
      openExternal,
    },
    files,
  );
  registerIpc(deps.ipcMain, host);

  window = deps.createWindow(
    windowOptions({ preload: deps.preloadPath, bounds: sanitizeBounds(deps.prefs.get('bounds')), devTools, dark: deps.prefersDark() }),
  );
  const win = window;
  win.once('ready-to-show', () => win.show());
  win.on('close', () => deps.prefs.set('bounds', win.getBounds()));
  deps.app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  deps.app.on('window-all-closed', () => deps.app.quit());
  deps.app.on('before-quit', () => {
    keyed.close();
    files.close();
  });
  await win.loadURL(APP_URL);
  return { core: keyed, host, credentials, window: win };
}
