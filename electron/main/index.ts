// The Electron main process: the only module that imports `electron` and `electron-store` (they exist only here).
import { app, BrowserWindow, dialog, ipcMain, nativeTheme, protocol, safeStorage, session, shell } from 'electron';
import Store from 'electron-store';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesktop, type DesktopDeps, type WindowLike } from './app';
import type { Prefs } from './prefs';

// The AWS SDK's notice about future Node versions is for us, not for the person collecting evidence.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const out = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));
const prefs = new Store<Prefs>({ name: 'preferences', clearInvalidConfig: true });

const deps: DesktopDeps = {
  app,
  protocol: {
    registerSchemesAsPrivileged: (schemes) =>
      protocol.registerSchemesAsPrivileged(schemes.map((s) => ({ scheme: s.scheme, privileges: { ...s.privileges } }))),
    handle: (scheme, handler) => protocol.handle(scheme, handler),
  },
  ipcMain: ipcMain as unknown as DesktopDeps['ipcMain'],
  get session() {
    return session.defaultSession as unknown as DesktopDeps['session'];
  },
  safeStorage,
  createWindow: (options) => new BrowserWindow(options) as unknown as WindowLike,
  dialog: {
    showOpenDialog: (window, options) => dialog.showOpenDialog(window as unknown as BrowserWindow, options as Electron.OpenDialogOptions),
  },
  shell,
  prefs: { get: (key) => prefs.get(key), set: (key, value) => prefs.set(key, value) },
  prefersDark: () => nativeTheme.shouldUseDarkColors,
  env: process.env,
  platform: process.platform,
  rendererDir: out('../renderer/'),
  preloadPath: out('../preload/index.cjs'),
  // Packaged: electron-builder's extraResources; from the repo (npm start) the core finds resources/ itself.
  resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : undefined,
};

startDesktop(deps).catch((err: unknown) => {
  dialog.showErrorBox('Evidence Locker could not start', err instanceof Error ? err.message : String(err));
  app.quit();
});
