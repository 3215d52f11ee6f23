// The sandboxed preload (CommonJS: sandboxed preloads cannot be ES modules). It exposes exactly two functions on
// window.bridge and never ipcRenderer itself; main checks the sender and validates every call (electron/main/ipc.ts).
import type { IpcRendererEvent } from 'electron';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a sandboxed preload is CommonJS
const { contextBridge, ipcRenderer } = require('electron') as typeof import('electron');

const INVOKE_CHANNEL = 'bridge:invoke';
const PROGRESS_CHANNEL = 'bridge:progress';
const NAME = /^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/;

const bridge = Object.freeze({
  invoke(name: unknown, input: unknown): Promise<unknown> {
    if (typeof name !== 'string' || !NAME.test(name)) {
      return Promise.resolve({ ok: false, error: { code: 'BAD_INPUT', message: 'Procedure names look like "domain.verb".' } });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, name, input);
  },
  on(event: unknown, fn: unknown): () => void {
    if (event !== 'progress' || typeof fn !== 'function') throw new TypeError('bridge.on supports only ("progress", fn)');
    const listener = (_e: IpcRendererEvent, payload: unknown) => (fn as (p: unknown) => void)(payload);
    ipcRenderer.on(PROGRESS_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(PROGRESS_CHANNEL, listener);
    };
  },
});

contextBridge.exposeInMainWorld('bridge', bridge);
