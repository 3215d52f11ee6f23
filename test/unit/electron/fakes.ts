import type { IpcEventLike, IpcMainLike } from '../../../electron/main/ipc';
import type { WebContentsLike, SessionLike } from '../../../electron/main/guards';

type Listener = (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>;

/** ipcMain without Electron: handlers by channel, invoked as a renderer would (with a chosen sender frame). */
export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  readonly sent: { channel: string; payload: unknown }[] = [];
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, frame: IpcEventLike['senderFrame'], ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h({ senderFrame: frame, sender: { send: (c, p) => void this.sent.push({ channel: c, payload: p }) } }, ...args);
  }
}

export const appFrame = { url: 'app://evidence-locker/index.html', parent: null };

type Handler = (...args: never[]) => unknown;

/** A WebContents that records what was attached and lets tests fire events. */
export class FakeWebContents implements WebContentsLike {
  readonly listeners = new Map<string, Handler[]>();
  openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  devToolsClosed = 0;
  on(event: string, fn: Handler): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  setWindowOpenHandler(fn: (d: { url: string }) => { action: 'deny' }): void {
    this.openHandler = fn;
  }
  closeDevTools(): void {
    this.devToolsClosed += 1;
  }
  /** Fires a preventable event; returns whether it was prevented. */
  fire(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    const e = { preventDefault: () => void (prevented = true) };
    for (const fn of this.listeners.get(event) ?? []) (fn as (...a: unknown[]) => void)(e, ...args);
    return prevented;
  }
}

export class FakeSession implements SessionLike {
  request: Parameters<SessionLike['setPermissionRequestHandler']>[0] | null = null;
  check: Parameters<SessionLike['setPermissionCheckHandler']>[0] | null = null;
  beforeRequest: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null = null;
  setPermissionRequestHandler(fn: NonNullable<FakeSession['request']>): void {
    this.request = fn;
  }
  setPermissionCheckHandler(fn: NonNullable<FakeSession['check']>): void {
    this.check = fn;
  }
  webRequest = { onBeforeRequest: (fn: NonNullable<FakeSession['beforeRequest']>) => void (this.beforeRequest = fn) };
}
