import { createReadStream, createWriteStream, existsSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { basename } from 'node:path';
import { MAX_UPLOAD_BYTES, type AppHost } from '../core/api';
import { SECURITY_HEADERS } from './csp';
import { EventHub } from './events';
import { BodyTooLarge, readBody, send, sendError, sendJson } from './respond';
import { checkSite, hasSession, newToken, originOf, sameSecret, sessionCookie, type Gate } from './security';
import { sendSignIn, serveStatic } from './static';

export interface WebServerOptions {
  host: AppHost;
  /** The renderer build (out/renderer). */
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Tests may fix the token; otherwise 32 random bytes. */
  token?: string;
  maxRpcBytes?: number;
  maxUploadBytes?: number;
}

export interface WebServer {
  /** The address to open once: it carries the token, which the server swaps for a cookie. */
  url: string;
  origin: string;
  port: number;
  events: EventHub;
  close(): Promise<void>;
}

const PROCEDURE = /^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/;
const MB = 1024 * 1024;

/**
 * Web mode: the same renderer and the same contract as the desktop app, over HTTP on 127.0.0.1 only.
 * POST /rpc/:name (JSON envelope), GET /events (progress, SSE), POST /upload (a file to import or verify),
 * GET /download/:bundle/(zip|pdf) (an exported bundle). Nothing is served without the session.
 */
export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? newToken();
  const events = new EventHub();
  const maxRpc = opts.maxRpcBytes ?? MB;
  const maxUpload = opts.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  const gate: Gate = { port: 0, token };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, 500, { code: 'INTERNAL', message: (err as Error).message });
      else res.destroy();
    });
  });
  // Slow-loris and idle sockets: a local app needs no long header waits.
  server.headersTimeout = 15_000;
  server.requestTimeout = 0; // collections and exports may take minutes; progress flows over /events

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refused = checkSite(req, gate);
    if (refused) return sendError(res, refused.status, { code: refused.code, message: refused.message });
    const url = new URL(req.url ?? '/', originOf(gate.port));

    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      if (!sameSecret(url.searchParams.get('token'), token)) return sendSignIn(res);
      // Swap the token for a cookie and drop it from the address bar (and from history).
      return send(res, 303, '', { Location: '/', 'Set-Cookie': sessionCookie(gate.port, token) });
    }
    if (!hasSession(req, gate)) {
      if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) return sendSignIn(res);
      return sendError(res, 401, { code: 'FORBIDDEN', message: 'No session: open the address printed in the terminal.' });
    }

    if (url.pathname.startsWith('/rpc/')) {
      if (req.method !== 'POST') return sendError(res, 405, { code: 'BAD_INPUT', message: 'Use POST for /rpc.' });
      return rpc(req, res, decodeURIComponent(url.pathname.slice(5)));
    }
    if (req.method === 'GET' && url.pathname === '/events') return events.attach(res);
    if (url.pathname === '/upload') {
      if (req.method !== 'POST') return sendError(res, 405, { code: 'BAD_INPUT', message: 'Use POST for /upload.' });
      return upload(req, res, url.searchParams.get('name') ?? 'file');
    }
    if (req.method === 'GET' && url.pathname.startsWith('/download/')) return download(res, url.pathname.slice(10));
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, { code: 'BAD_INPUT', message: 'Method not allowed.' });
    if (!serveStatic(res, opts.rendererDir, url.pathname)) sendError(res, 404, { code: 'NOT_FOUND', message: 'Not found.' });
  }

  async function rpc(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (!PROCEDURE.test(name)) return sendError(res, 404, { code: 'BAD_INPUT', message: `Unknown procedure "${name.slice(0, 80)}".` });
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
      return sendError(res, 415, { code: 'BAD_INPUT', message: 'Send JSON (Content-Type: application/json).' });
    }
    let input: unknown;
    try {
      const body = await readBody(req, maxRpc);
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch (err) {
      if (err instanceof BodyTooLarge) return sendError(res, 413, { code: 'BAD_INPUT', message: `The request is larger than ${maxRpc} bytes.` });
      return sendError(res, 400, { code: 'BAD_INPUT', message: 'The request body is not valid JSON.' });
    }
    const result = await opts.host.call(name, input, { onProgress: (event) => events.publish('progress', { procedure: name, event }) });
    // A procedure's own refusal (invalid input, a failed check) is an answer, not a transport error: 200 with ok:false.
    const unknown = !result.ok && result.error.code === 'BAD_INPUT' && result.error.message.startsWith('Unknown procedure');
    sendJson(res, unknown ? 404 : 200, result);
  }

  async function upload(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxUpload) return sendError(res, 413, { code: 'BAD_INPUT', message: `The file is larger than ${maxUpload} bytes.` });
    const reserved = opts.host.files.reserve(name);
    const out = createWriteStream(reserved.path, { mode: 0o600 });
    let size = 0;
    let tooLarge = false;
    await new Promise<void>((resolve, reject) => {
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxUpload && !tooLarge) {
          tooLarge = true;
          req.unpipe(out);
          out.destroy();
          req.resume();
        }
      });
      req.pipe(out);
      out.on('finish', resolve);
      out.on('close', resolve);
      out.on('error', reject);
      req.on('error', reject);
    });
    if (tooLarge) {
      rmSync(reserved.path, { force: true });
      return sendError(res, 413, { code: 'BAD_INPUT', message: `The file is larger than ${maxUpload} bytes.` });
    }
    sendJson(res, 200, { ok: true, value: opts.host.files.commit(reserved) });
  }

  async function download(res: ServerResponse, rest: string): Promise<void> {
    const [bundleId = '', which = ''] = rest.split('/').map((p) => decodeURIComponent(p));
    if (which !== 'zip' && which !== 'pdf') return sendError(res, 404, { code: 'NOT_FOUND', message: 'Download zip or pdf.' });
    const list = await opts.host.call('export.list', {});
    if (!list.ok) return sendError(res, 500, list.error);
    const found = (list.value as { id: string; path: string }[]).find((b) => b.id === bundleId);
    if (!found) return sendError(res, 404, { code: 'NOT_FOUND', message: `No exported bundle "${bundleId}".` });
    // Only paths the store recorded for its own exports are ever read.
    const file = which === 'zip' ? found.path : found.path.replace(/\.zip$/, '.pdf');
    if (!existsSync(file)) return sendError(res, 404, { code: 'NOT_FOUND', message: `${basename(file)} is no longer in the export folder.` });
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': which === 'zip' ? 'application/zip' : 'application/pdf',
      'Content-Length': statSync(file).size,
      'Content-Disposition': `attachment; filename="${basename(file).replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  gate.port = (server.address() as { port: number }).port;
  const origin = originOf(gate.port);

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port: gate.port,
    events,
    close: () =>
      new Promise<void>((resolve) => {
        events.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
