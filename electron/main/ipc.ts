import { isHostProcedureName, isProcedureName, type AppHost, type Envelope } from '../../core/api';
import { APP_ORIGIN } from './protocol';

/** The only two channels: calls in, progress out. */
export const INVOKE_CHANNEL = 'bridge:invoke';
export const PROGRESS_CHANNEL = 'bridge:progress';

export interface FrameLike {
  url: string;
  parent: unknown | null;
}

export interface IpcEventLike {
  senderFrame: FrameLike | null;
  sender: { send(channel: string, payload: unknown): void; isDestroyed?(): boolean };
}

/** What registerIpc needs of ipcMain (Electron's satisfies it; tests pass a fake). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Only our own page, in the top frame, may call: not an iframe, not a page that got navigated elsewhere. */
export function isTrustedSender(event: IpcEventLike): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN || frame.url.startsWith(`${APP_ORIGIN}/`);
  } catch {
    return false;
  }
}

const refuse = (message: string): Envelope<never> => ({ ok: false, error: { code: 'FORBIDDEN', message } });

/**
 * One handler for every procedure: sender checked, name checked against the contract, input validated by the
 * contract's schema (in the host and the core), the answer always an envelope. Progress goes back to the caller.
 */
export function registerIpc(ipcMain: IpcMainLike, host: AppHost): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, name, input) => {
    if (!isTrustedSender(event)) return refuse('Calls are accepted from the app window only.');
    if (typeof name !== 'string' || !(isProcedureName(name) || isHostProcedureName(name))) {
      return { ok: false, error: { code: 'BAD_INPUT', message: `Unknown procedure "${String(name).slice(0, 80)}".` } };
    }
    return host.call(name, input, {
      onProgress: (e) => {
        if (!event.sender.isDestroyed?.()) event.sender.send(PROGRESS_CHANNEL, { procedure: name, event: e });
      },
    });
  });
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}
