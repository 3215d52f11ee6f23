import type { Envelope } from '@contract';
import type { Bridge, Transport } from './types';

/** Desktop: every call goes through the preload's two functions; main validates and answers with an envelope. */
export function ipcTransport(bridge: Bridge): Transport {
  return {
    kind: 'ipc',
    invoke: (name, input) => bridge.invoke(name, input) as Promise<Envelope<never>>,
    onProgress: (fn) => bridge.on('progress', fn),
    async upload(file) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      return bridge.invoke('host.upload', { name: file.name, bytes }) as Promise<Envelope<never>>;
    },
    downloadUrl: () => null,
  };
}
