import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_CSP } from '../../server/csp';
import { startWebMode, type WebMode } from '../../server/web-mode';
import { cookieName, parseCookies } from '../../server/security';
import { tempDir } from '../helpers/temp-store';

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuvwxyz';
const tmp = tempDir('el-web-');
let web: WebMode;
let port: number;
let cookie: string;
let host: string;
let origin: string;

beforeAll(async () => {
  const renderer = join(tmp.dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'void 0');
  web = await startWebMode({ home: join(tmp.dir, 'home'), token: TOKEN, rendererDir: renderer, env: {} });
  port = web.server.port;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;
  await web.core.call('store.init', {});
  const swap = await send(port, { path: `/?token=${TOKEN}`, headers: { host } });
  cookie = `${cookieName(port)}=${parseCookies(String(swap.headers['set-cookie']).split(';')[0])[cookieName(port)]}`;
});
afterAll(async () => {
  await web.close();
  tmp.cleanup();
});

const rpc = (name: string, body: unknown, headers: Record<string, string> = {}) =>
  send(port, {
    method: 'POST',
    path: `/rpc/${name}`,
    headers: { host, origin, cookie, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const envelope = (r: Res) => JSON.parse(r.body) as { ok: boolean; error?: { code: string; message: string }; value?: unknown };

describe('web mode: the gate', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect(web.server.url).toBe(`http://127.0.0.1:${port}/?token=${TOKEN}`);
  });

  it('swaps the URL token for an HttpOnly, SameSite=Strict cookie and drops it from the address', async () => {
    const r = await send(port, { path: `/?token=${TOKEN}`, headers: { host } });
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    expect(String(r.headers['set-cookie'])).toMatch(new RegExp(`^${cookieName(port)}=[^;]+; HttpOnly; SameSite=Strict; Path=/$`));
  });

  it('answers a valid session, with the CSP (connect-src self) and no-store', async () => {
    const r = await rpc('store.status', {});
    expect(r.status).toBe(200);
    expect(envelope(r)).toMatchObject({ ok: true, value: { items: 0 } });
    expect(r.headers['content-security-policy']).toBe(WEB_CSP);
    expect(WEB_CSP).toContain("connect-src 'self'");
    expect(WEB_CSP).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('refuses a request without the token, or with a wrong one, with {ok:false}', async () => {
    for (const c of [undefined, `${cookieName(port)}=wrong`, `${cookieName(port + 1)}=${TOKEN.slice(1)}`, `${cookieName(port)}=`]) {
      const r = await send(port, {
        method: 'POST',
        path: '/rpc/store.status',
        headers: { host, origin, 'content-type': 'application/json', ...(c ? { cookie: c } : {}) },
        body: '{}',
      });
      expect(r.status, String(c)).toBe(401);
      expect(envelope(r), String(c)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const wrong = await send(port, { path: '/?token=wrong', headers: { host } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const page = await send(port, { path: '/', headers: { host } });
    expect(page.status).toBe(401);
    expect(page.body).not.toContain('id="root"');
  });

  it('refuses a foreign Origin, a missing Origin on POST and cross-site fetch metadata', async () => {
    for (const o of ['http://evil.example', 'http://localhost:' + port, 'null', `http://127.0.0.1:${port + 1}`]) {
      const r = await rpc('store.status', {}, { origin: o });
      expect(r.status, o).toBe(403);
      expect(envelope(r), o).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const noOrigin = await send(port, {
      method: 'POST',
      path: '/rpc/store.status',
      headers: { host, cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noOrigin.status).toBe(403);
    const crossSite = await send(port, { path: '/', headers: { host, cookie, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
  });

  it('refuses a foreign Host (DNS rebinding)', async () => {
    for (const h of ['evil.example', `localhost:${port}`, `127.0.0.1:${port + 1}`, `evil.example:${port}`]) {
      const r = await rpc('store.status', {}, { host: h });
      expect(r.status, h).toBe(421);
      expect(envelope(r), h).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('refuses an unknown procedure, a schema-invalid input, bad JSON, a non-JSON body and an oversize body', async () => {
    expect(envelope(await rpc('store.drop', {}))).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect((await rpc('store.drop', {})).status).toBe(404);
    expect((await rpc('__proto__.x', {})).status).toBe(404);
    expect(envelope(await rpc('items.show', { seq: 'one' }))).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(envelope(await rpc('items.list', { limit: 1, extra: true }))).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(envelope(await rpc('store.status', '{not json'))).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const plain = await rpc('store.status', '{}', { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    const big = await rpc('items.list', { source: 'x'.repeat(2 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect(envelope(big)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('takes no path from the browser: a verify needs an uploaded ref, exports go to the server folder', async () => {
    const r = envelope(await rpc('bundle.verify', { bundle: '/etc/passwd' }));
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/paths are not accepted/) } });
    const up = await send(port, {
      method: 'POST',
      path: '/upload?name=../../evil.zip',
      headers: { host, origin, cookie, 'content-type': 'application/octet-stream' },
      body: Buffer.from('PK not really'),
    });
    const ref = envelope(up) as { ok: true; value: { ref: string; name: string } };
    expect(ref).toMatchObject({ ok: true, value: { name: 'evil.zip', bytes: 13 } });
    expect(envelope(await rpc('bundle.verify', { bundle: ref.value.ref }))).toMatchObject({ ok: true, value: { ok: false } });
    const noOrigin = await send(port, { method: 'POST', path: '/upload?name=x', headers: { host, cookie }, body: 'x' });
    expect(noOrigin.status).toBe(403);
  });

  it('serves the build (and nothing outside it) to a session only', async () => {
    expect((await send(port, { path: '/assets/app.js', headers: { host, cookie } })).status).toBe(200);
    expect((await send(port, { path: '/assets/app.js', headers: { host } })).status).toBe(401);
    expect((await send(port, { path: '/assets/%2e%2e/%2e%2e/home/evidence.db', headers: { host, cookie } })).status).toBe(404);
    expect((await send(port, { path: '/download/nope/zip', headers: { host, cookie } })).status).toBe(404);
  });

  it('streams progress over server-sent events to a session only', async () => {
    expect((await send(port, { path: '/events', headers: { host } })).status).toBe(401);
  });
});
