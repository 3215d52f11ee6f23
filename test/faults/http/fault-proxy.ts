import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A reverse proxy on 127.0.0.1 in front of a REAL server (MLflow, moto_server): every request is forwarded
 * unchanged unless a rule matches it, in which case the rule's fault is injected instead of (or on top of) the
 * real answer. It produces what the real servers cannot be made to: throttling, 5xx, resets, hangs, trickles,
 * HTML login pages, 200 MB bodies and looping page tokens.
 */
export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'reset' }
  | { kind: 'hang' }
  /** 200 and headers at once, then one byte per `intervalMs`: never silent long enough for a body timeout. */
  | { kind: 'trickle'; intervalMs: number }
  | { kind: 'html' }
  /** A 200 of `bytes` spaces, with or without a Content-Length declaring it. */
  | { kind: 'huge'; bytes: number; declareLength: boolean }
  /** An error whose body echoes every request header back (credentials included), as careless servers do. */
  | { kind: 'echo'; status: number; xml?: boolean }
  /** The real answer with its page token replaced by the same one every time (JSON bodies). */
  | { kind: 'loop-token'; field: string };

export interface ProxiedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The AWS operation (X-Amz-Target or the query protocol's Action), else "METHOD /path". */
  op: string;
  body: string;
  /** 1-based count of requests so far with this `op`. */
  nth: number;
}

export interface Rule {
  match(req: ProxiedRequest): boolean;
  fault: Fault;
}

export interface FaultProxy {
  url: string;
  /** Every request seen, in order, with the fault injected (null = passed through). */
  log: { op: string; nth: number; fault: Fault['kind'] | null; pageToken: string | null }[];
  injected(): number;
  close(): Promise<void>;
}

export const LOOP_TOKEN = 'bG9vcC10b2tlbg';

function operation(req: IncomingMessage, path: string, body: string): string {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.slice(target.lastIndexOf('.') + 1);
  const action = /(?:^|&)Action=([A-Za-z]+)/.exec(body)?.[1];
  return action ?? `${req.method} ${path}`;
}

function forward(upstream: URL, req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: upstream.host };
    delete headers['content-length'];
    const up = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...headers, 'content-length': body.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers))
            if (typeof v === 'string' && !['content-length', 'transfer-encoding', 'connection'].includes(k)) out[k] = v;
          resolve({ status: res.statusCode ?? 502, headers: out, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      },
    );
    up.on('error', reject);
    up.end(body);
  });
}

function pump(res: ServerResponse, bytes: number): void {
  const chunk = Buffer.alloc(256 * 1024, 0x20);
  let sent = 0;
  const more = () => {
    while (sent < bytes && !res.destroyed) {
      const n = Math.min(chunk.length, bytes - sent);
      sent += n;
      if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void res.once('drain', more);
    }
    if (!res.destroyed) res.end();
  };
  res.on('error', () => undefined);
  more();
}

async function inject(fault: Fault, req: IncomingMessage, res: ServerResponse, real: () => ReturnType<typeof forward>): Promise<void> {
  switch (fault.kind) {
    case 'hang':
      return;
    case 'reset':
      req.socket.destroy();
      return;
    case 'status':
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(fault.body ?? JSON.stringify({ error_code: 'TEMPORARILY_UNAVAILABLE', message: `injected ${fault.status}` }));
      return;
    case 'echo': {
      const seen = JSON.stringify(req.headers);
      res.writeHead(fault.status, { 'content-type': fault.xml ? 'text/xml' : 'application/json' });
      res.end(
        fault.xml
          ? `<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>request was ${seen}</Message></Error><RequestId>echo-1</RequestId></ErrorResponse>`
          : JSON.stringify({ error_code: 'INTERNAL_ERROR', message: `request was ${seen}` }),
      );
      return;
    }
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><body><h1>Sign in to continue</h1><form action="/login"></form></body></html>');
      return;
    case 'huge':
      res.writeHead(200, { 'content-type': 'application/json', ...(fault.declareLength ? { 'content-length': String(fault.bytes) } : {}) });
      pump(res, fault.bytes);
      return;
    case 'trickle': {
      res.writeHead(200, { 'content-type': 'application/json' });
      const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(' ')), fault.intervalMs);
      req.socket.on('close', () => clearInterval(t));
      return;
    }
    case 'loop-token': {
      const r = await real();
      const j = JSON.parse(r.body.toString('utf8')) as Record<string, unknown>;
      const text = JSON.stringify({ ...j, [fault.field]: LOOP_TOKEN });
      res.writeHead(r.status, { ...r.headers, 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
    }
  }
}

/** Starts the proxy; `rules` is read on every request, so a test may change it between runs. */
export async function startFaultProxy(upstreamUrl: string, rules: Rule[] | (() => Rule[])): Promise<FaultProxy> {
  const upstream = new URL(upstreamUrl);
  const log: FaultProxy['log'] = [];
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const raw = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', upstream);
      const op = operation(req, url.pathname, raw.toString('utf8'));
      const nth = (counts.get(op) ?? 0) + 1;
      counts.set(op, nth);
      const p: ProxiedRequest = { method: req.method ?? '', path: url.pathname, query: url.searchParams, op, body: raw.toString('utf8'), nth };
      const pageToken = url.searchParams.get('page_token') ?? /"(?:page_token|nextToken|NextToken)":"([^"]+)"/.exec(p.body)?.[1] ?? null;
      const rule = (typeof rules === 'function' ? rules() : rules).find((r) => r.match(p));
      log.push({ op, nth, fault: rule?.fault.kind ?? null, pageToken });
      // A looped token is not one the real server issued: ask it for the first page again.
      let body = raw;
      if (pageToken === LOOP_TOKEN) {
        url.searchParams.delete('page_token');
        req.url = url.pathname + url.search;
        const j = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
        for (const k of ['page_token', 'nextToken', 'NextToken']) delete j[k];
        if (raw.length) body = Buffer.from(JSON.stringify(j));
      }
      const real = () => forward(upstream, req, body);
      if (rule) return inject(rule.fault, req, res, real);
      const r = await real();
      res.writeHead(r.status, { ...r.headers, 'content-length': String(r.body.length) });
      res.end(r.body);
    })().catch(() => res.destroy());
  });
  server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    injected: () => log.filter((l) => l.fault !== null).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
