import type { Envelope, ErrorBody } from '@contract';
import type { ProgressMessage, Transport } from './types';

const unreachable: ErrorBody = {
  code: 'UNREACHABLE',
  message: "The app's local server is not answering. Was it stopped? Start it again with `npm start` and reopen the printed address.",
};

async function envelopeOf(res: Response): Promise<Envelope<never>> {
  try {
    return (await res.json()) as Envelope<never>;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: `The server answered ${res.status} without a result.` } };
  }
}

/**
 * Web mode: POST /rpc/:name with the session cookie (HttpOnly, set when the printed address was opened), progress
 * from /events (server-sent events), files through POST /upload and bundles through GET /download.
 */
export function httpTransport(): Transport {
  const listeners = new Set<(m: ProgressMessage) => void>();
  let source: EventSource | null = null;
  const connect = () => {
    if (source) return;
    source = new EventSource('/events');
    source.addEventListener('progress', (e) => {
      const message = JSON.parse((e as MessageEvent<string>).data) as ProgressMessage;
      for (const fn of listeners) fn(message);
    });
  };

  return {
    kind: 'http',
    async invoke(name, input) {
      try {
        const res = await fetch(`/rpc/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
        return await envelopeOf(res);
      } catch {
        return { ok: false, error: unreachable };
      }
    },
    onProgress(fn) {
      connect();
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    async upload(file) {
      try {
        const res = await fetch(`/upload?name=${encodeURIComponent(file.name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/octet-stream' },
          body: file,
          credentials: 'same-origin',
        });
        return await envelopeOf(res);
      } catch {
        return { ok: false, error: unreachable };
      }
    },
    downloadUrl: (bundleId, which) => `/download/${encodeURIComponent(bundleId)}/${which}`,
  };
}
