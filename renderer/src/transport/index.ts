import { httpTransport } from './http';
import { ipcTransport } from './ipc';
import type { Bridge, Transport } from './types';

export type { Transport, AppProcedure, AppInput, AppOutput, ProgressMessage } from './types';

declare global {
  interface Window {
    bridge?: Bridge;
  }
}

/** Chosen once at boot: the desktop preload's bridge when present, else HTTP to the server that served this page. */
export function pickTransport(): Transport {
  return window.bridge ? ipcTransport(window.bridge) : httpTransport();
}
