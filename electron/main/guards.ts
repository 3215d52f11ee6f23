import { APP_ORIGIN } from './protocol';

/** An external link the OS browser may open: https only, no credentials in it, optionally limited to some hosts. */
export function safeExternalUrl(raw: string, allowHosts?: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return null;
  if (allowHosts && !allowHosts.includes(url.hostname)) return null;
  return url.href;
}

export const isAppUrl = (raw: string) => raw === APP_ORIGIN || raw.startsWith(`${APP_ORIGIN}/`);

interface PreventableEvent {
  preventDefault(): void;
}

/** What the guards need of a WebContents (Electron's satisfies it; tests pass a fake). */
export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect', fn: (e: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', fn: (e: PreventableEvent) => void): unknown;
  on(event: 'devtools-opened', fn: () => void): unknown;
  setWindowOpenHandler(fn: (details: { url: string }) => { action: 'deny' }): void;
  closeDevTools(): void;
}

/**
 * Every web contents: no navigation away from app://, no new windows (https links go to the OS browser instead),
 * no <webview>, and no DevTools outside development. Attached from app.on('web-contents-created').
 */
export function guardWebContents(contents: WebContentsLike, opts: { devTools: boolean; openExternal(url: string): void }): void {
  const toBrowser = (url: string) => {
    const safe = safeExternalUrl(url);
    if (safe) opts.openExternal(safe);
  };
  contents.on('will-navigate', (e, url) => {
    e.preventDefault();
    if (!isAppUrl(url)) toBrowser(url);
  });
  contents.on('will-redirect', (e, url) => {
    if (!isAppUrl(url)) e.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    toBrowser(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  if (!opts.devTools) contents.on('devtools-opened', () => contents.closeDevTools());
}

/** What the guards need of a Session. */
export interface SessionLike {
  setPermissionRequestHandler(fn: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(fn: (contents: unknown, permission: string) => boolean): void;
  webRequest: { onBeforeRequest(fn: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void): void };
}

/** Every permission (camera, notifications, clipboard-read, …) is denied; the page may load nothing but app:// (and DevTools). */
export function guardSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_c, _p, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !(isAppUrl(details.url) || details.url.startsWith('devtools://')) }));
}
