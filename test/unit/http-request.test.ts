import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpError, requestJson, type HttpDeps } from '../../core/http';
import { refusedPort, sendJson, startLocalServer, type LocalServer } from '../fixtures/mlflow/local-server';

const okSchema = z.object({ ok: z.boolean() });
let server: LocalServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** Sleeps are recorded, not waited: retry delays become observable without slowing the suite. */
function fakeDeps(now = Date.parse('2026-11-25T12:00:00Z')): Partial<HttpDeps> & { slept: number[] } {
  const slept: number[] = [];
  return { slept, sleep: async (ms) => void slept.push(ms), now: () => now, random: () => 0.5 };
}

async function failure(p: Promise<unknown>): Promise<HttpError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HttpError);
  return err as HttpError;
}

const base = { source: 'mlflow source "t"', method: 'GET' as const, schema: okSchema, idempotent: true };

describe('requestJson retries', () => {
  it('honours Retry-After in seconds on 429, then succeeds', async () => {
    server = await startLocalServer((_q, res, n) => (n === 1 ? sendJson(res, 429, {}, { 'retry-after': '2' }) : sendJson(res, 200, { ok: true })));
    const deps = fakeDeps();
    const r = await requestJson({ ...base, url: `${server.url}/x`, deps });
    expect(r.data).toEqual({ ok: true });
    expect(r.attempts).toBe(2);
    expect(deps.slept).toEqual([2000]);
  });

  it('honours Retry-After as an HTTP date relative to the injected clock', async () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    server = await startLocalServer((_q, res, n) =>
      n === 1 ? sendJson(res, 429, {}, { 'retry-after': new Date(now + 5000).toUTCString() }) : sendJson(res, 200, { ok: true }),
    );
    const deps = fakeDeps(now);
    await requestJson({ ...base, url: server.url, deps });
    expect(deps.slept).toEqual([5000]);
  });

  it('fails at once, without waiting, when Retry-After (seconds or a date) is past the cap, naming what was asked', async () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    for (const [value, asked] of [
      ['86400', '86400 s'],
      [new Date(now + 7_200_000).toUTCString(), '7200 s'],
      ['9'.repeat(400), 'more than 10 years'],
    ]) {
      server = await startLocalServer((_q, res) => sendJson(res, 429, {}, { 'retry-after': value! }));
      const deps = fakeDeps(now);
      const err = await failure(requestJson({ ...base, url: server.url, deps, retry: { attempts: 3, retryAfterCapMs: 1500 } }));
      expect(err).toMatchObject({ code: 'UNREACHABLE', status: 429 });
      expect(err.message).toContain(`asked to retry after ${asked} (Retry-After), longer than the 2 s we wait`);
      expect(deps.slept).toEqual([]);
      expect(server.hits).toHaveLength(1);
      await server.close();
    }
    server = null;
  });

  it('waits a Retry-After within the cap on every attempt, then gives up naming the status', async () => {
    server = await startLocalServer((_q, res) => sendJson(res, 503, {}, { 'retry-after': '1' }));
    const deps = fakeDeps();
    const err = await failure(requestJson({ ...base, url: server.url, deps, retry: { attempts: 3, retryAfterCapMs: 1500 } }));
    expect(err.message).toMatch(/HTTP 503 .* after retries/);
    expect(deps.slept).toEqual([1000, 1000]);
    expect(server.hits).toHaveLength(3);
  });

  it('reads a Retry-After that is neither seconds nor a date as absent (backoff), not as a year', async () => {
    server = await startLocalServer((_q, res, n) => (n === 1 ? sendJson(res, 429, {}, { 'retry-after': '1.5' }) : sendJson(res, 200, { ok: true })));
    const deps = fakeDeps();
    await requestJson({ ...base, url: server.url, deps, retry: { baseMs: 100 } });
    expect(deps.slept).toEqual([50]);
  });

  it('retries a 503 with jittered backoff, then returns the answer with its Date and request id', async () => {
    server = await startLocalServer((_q, res, n) =>
      n === 1 ? sendJson(res, 503, { message: 'busy' }) : sendJson(res, 200, { ok: true }, { 'x-request-id': 'req-42' }),
    );
    const deps = fakeDeps();
    const r = await requestJson({ ...base, url: server.url, deps, retry: { baseMs: 100, capMs: 1000 } });
    expect(deps.slept).toEqual([50]); // random 0.5 × min(1000, 100·2^0)
    expect(r.requestId).toBe('x-request-id: req-42');
    expect(r.date).toMatch(/GMT$/);
    expect(r.rawSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('retries a connection reset', async () => {
    server = await startLocalServer((req, res, n) => (n === 1 ? req.socket.destroy() : sendJson(res, 200, { ok: true })));
    const r = await requestJson({ ...base, url: server.url, deps: fakeDeps() });
    expect(r.attempts).toBe(2);
  });

  it('retries a refused connection, then fails UNREACHABLE', async () => {
    const deps = fakeDeps();
    const err = await failure(requestJson({ ...base, url: `http://127.0.0.1:${await refusedPort()}/`, deps, retry: { attempts: 3 } }));
    expect(err.code).toBe('UNREACHABLE');
    expect(err.message).toContain('refused');
    expect(deps.slept).toHaveLength(2);
  });

  it('never retries a non-idempotent request', async () => {
    server = await startLocalServer((_q, res) => sendJson(res, 503, {}));
    await failure(requestJson({ ...base, method: 'POST', body: {}, idempotent: false, url: server.url, deps: fakeDeps() }));
    expect(server.hits).toHaveLength(1);
  });
});

describe('requestJson failures', () => {
  it('fails 401 at once as AUTH_FAILED naming the source, without the credentials', async () => {
    server = await startLocalServer((_q, res) => sendJson(res, 401, { error_code: 'UNAUTHENTICATED' }));
    const err = await failure(requestJson({ ...base, url: server.url, headers: { authorization: 'Basic c2VjcmV0LXB3' }, deps: fakeDeps() }));
    expect(err.code).toBe('AUTH_FAILED');
    expect(err.message).toContain('mlflow source "t"');
    expect(err.message).not.toMatch(/c2VjcmV0LXB3|secret-pw/);
    expect(server.hits).toHaveLength(1);
  });

  it('fails 403 at once as FORBIDDEN', async () => {
    server = await startLocalServer((_q, res) => sendJson(res, 403, { error_code: 'PERMISSION_DENIED', message: 'admins only' }));
    const err = await failure(requestJson({ ...base, url: server.url, deps: fakeDeps() }));
    expect(err.code).toBe('FORBIDDEN');
    expect(server.hits).toHaveLength(1);
  });

  it('times out on a server that accepts and never answers, without retrying', async () => {
    server = await startLocalServer(() => undefined);
    const err = await failure(requestJson({ ...base, url: server.url, timeoutMs: 300, deps: fakeDeps() }));
    expect(err.code).toBe('UNREACHABLE');
    expect(err.message).toContain('timeout');
    expect(server.hits).toHaveLength(1);
  });

  it('times out on a body that trickles slower than the timeout', async () => {
    server = await startLocalServer((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"ok":');
      setTimeout(() => res.end('true}'), 1500).unref();
    });
    const err = await failure(requestJson({ ...base, url: server.url, timeoutMs: 300, deps: fakeDeps() }));
    expect(err.message).toMatch(/stalled|timeout/);
  });

  it('ends a body that trickles a byte at a time (never silent long enough for the body timeout) at the overall deadline', async () => {
    let timer: NodeJS.Timeout | undefined;
    server = await startLocalServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      timer = setInterval(() => res.write(' '), 50);
      req.socket.on('close', () => clearInterval(timer));
    });
    const err = await failure(requestJson({ ...base, url: server.url, timeoutMs: 400, deadlineMs: 600, deps: fakeDeps() }));
    clearInterval(timer);
    expect(err.code).toBe('UNREACHABLE');
    expect(err.message).toContain('not complete within 600 ms (overall deadline');
    expect(server.hits).toHaveLength(1);
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    server = await startLocalServer((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(200 * 1024 * 1024) });
      res.write('{');
      res.on('error', () => undefined);
    });
    const err = await failure(requestJson({ ...base, url: server.url, maxBytes: 1024 * 1024, deps: fakeDeps() }));
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.message).toContain(`declares ${200 * 1024 * 1024} bytes, over the 1048576-byte size cap`);
  });

  it('rejects an HTML body as BAD_RESPONSE', async () => {
    server = await startLocalServer((_q, res) => (res.writeHead(200, { 'content-type': 'text/html' }), res.end('<html><body>Sign in</body></html>')));
    const err = await failure(requestJson({ ...base, url: server.url, deps: fakeDeps() }));
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.message).toContain('HTML');
  });

  it('rejects truncated JSON (connection closed mid-body and a cut-off chunked body)', async () => {
    server = await startLocalServer((req, res, n) => {
      if (n === 1) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"ok": tr');
        setTimeout(() => req.socket.destroy(), 20);
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok": tr');
      }
    });
    const closed = await failure(requestJson({ ...base, url: server.url, deps: fakeDeps() }));
    expect(closed.code).toBe('BAD_RESPONSE');
    expect(closed.message).toContain('truncated');
    const cut = await failure(requestJson({ ...base, url: server.url, deps: fakeDeps() }));
    expect(cut.code).toBe('BAD_RESPONSE');
    expect(cut.message).toContain('JSON');
  });

  it('stops reading a body over the size cap', async () => {
    let written = 0;
    server = await startLocalServer((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (written < 50 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (written < 50 * 1024 * 1024) res.once('drain', pump);
        else res.end();
      };
      res.on('error', () => undefined);
      pump();
    });
    const err = await failure(requestJson({ ...base, url: server.url, maxBytes: 256 * 1024, deps: fakeDeps() }));
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.message).toContain('size cap');
    expect(written).toBeLessThan(50 * 1024 * 1024);
  });

  it('validates with zod before returning', async () => {
    server = await startLocalServer((_q, res) => sendJson(res, 200, { ok: 'yes' }));
    const err = await failure(requestJson({ ...base, url: server.url, deps: fakeDeps() }));
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.message).toContain('unexpected response shape');
  });
});
