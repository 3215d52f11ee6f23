import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { startWebMode, type WebMode } from '../../../server/web-mode';
import { cookieName, parseCookies } from '../../../server/security';
import { tempDir } from '../../helpers/temp-store';

export interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The client's write failed because the server stopped reading (it answered first). */
  writeError: string | null;
}

/** A body given as a size is streamed in 1 MiB chunks, with or without a Content-Length declaring it. */
export type Body = string | Buffer | { bytes: number; declareLength: boolean };

/** One raw HTTP request; a huge body keeps streaming until the server answers or hangs up. */
export function send(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: Body }): Promise<Res> {
  return new Promise((resolve, reject) => {
    let writeError: string | null = null;
    const big = opts.body !== undefined && typeof opts.body === 'object' && !Buffer.isBuffer(opts.body) ? opts.body : null;
    const headers = { ...opts.headers, ...(big?.declareLength ? { 'content-length': String(big.bytes) } : {}) };
    const req = request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), writeError }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      // EPIPE/ECONNRESET after the server answered and closed is expected for a refused huge body.
      writeError = err.code ?? err.message;
      setTimeout(() => reject(new Error(`no response: ${writeError}`)), 2000).unref();
    });
    if (!big) return void req.end(opts.body as string | Buffer | undefined);
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    chunk.write('{"name":"');
    let sent = 0;
    const more = () => {
      while (sent < big.bytes && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', more);
      }
      if (!req.destroyed) req.end();
    };
    more();
  });
}

export interface WebSession {
  web: WebMode;
  port: number;
  token: string;
  /** Valid headers for a session: Host, Origin, cookie, JSON. */
  ok: Record<string, string>;
  rpc(name: string, body: unknown, headers?: Record<string, string>): Promise<Res>;
  /** What a refused request must leave unchanged. */
  state(): Promise<{ logSize: number; items: number; sources: number; runs: string }>;
  close(): Promise<void>;
}

export async function startWebSession(token = `fault-token-${'x'.repeat(32)}`): Promise<WebSession> {
  const tmp = tempDir('el-fault-web-');
  const renderer = join(tmp.dir, 'renderer');
  mkdirSync(renderer, { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><div id="root"></div>');
  const web = await startWebMode({ home: join(tmp.dir, 'home'), token, rendererDir: renderer, env: {} });
  const port = web.server.port;
  const host = `127.0.0.1:${port}`;
  const swap = await send(port, { path: `/?token=${token}`, headers: { host } });
  const cookie = `${cookieName(port)}=${parseCookies(String(swap.headers['set-cookie']).split(';')[0])[cookieName(port)]}`;
  const ok = { host, origin: `http://${host}`, cookie, 'content-type': 'application/json' };
  const rpc = (name: string, body: unknown, headers: Record<string, string> = {}) =>
    send(port, {
      method: 'POST',
      path: `/rpc/${name}`,
      headers: { ...ok, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return {
    web,
    port,
    token,
    ok,
    rpc,
    async state() {
      const s = (await web.core.call('store.status', {})) as {
        ok: true;
        value: { logSize: number; items: number; sources: unknown[]; runs: Record<string, number> };
      };
      return { logSize: s.value.logSize, items: s.value.items, sources: s.value.sources.length, runs: JSON.stringify(s.value.runs) };
    },
    close: async () => (await web.close(), tmp.cleanup()),
  };
}

/** The refusal envelope: `{ ok:false, error:{ code, message } }` with a non-empty message. */
export function envelope(r: Res): { ok: boolean; error?: { code: string; message: string } } {
  return JSON.parse(r.body) as { ok: boolean; error?: { code: string; message: string } };
}
