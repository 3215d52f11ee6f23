import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpError, requestJson } from '../../core/http';
import { startLocalServer, type LocalServer } from '../fixtures/mlflow/local-server';

let server: LocalServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const PASSWORD = 'SuperSecretPW123';
const basic = Buffer.from(`admin:${PASSWORD}`).toString('base64');

/** Answers every request with `status` and the request's own headers in the body, as some proxies and debug pages do. */
async function echoServer(status: number, json: boolean): Promise<LocalServer> {
  return startLocalServer((req, res) => {
    const body = json
      ? JSON.stringify({ error_code: 'INTERNAL_ERROR', message: `headers: ${JSON.stringify(req.headers)}` })
      : `Internal error. request headers: ${JSON.stringify(req.headers).replace(/"/g, "'")}`;
    res.writeHead(status, { 'content-type': json ? 'application/json' : 'text/plain' });
    res.end(body);
  });
}

describe('HTTP error hints never carry the credentials the request sent', () => {
  it.each([
    [500, false],
    [400, true],
    [403, false],
  ])('HTTP %i with the request headers echoed (JSON body: %s)', async (status, json) => {
    server = await echoServer(status, json);
    const err = await requestJson({
      source: 'mlflow source "e"',
      method: 'GET',
      url: `${server.url}/api/x`,
      headers: { authorization: `Basic ${basic}`, cookie: 'session=abcdef123456' },
      schema: z.object({}),
      idempotent: true,
      retry: { attempts: 1 },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    const message = (err as HttpError).message;
    expect(message).toContain(`HTTP ${status}`);
    expect(message).toContain('127.0.0.1'); // the rest of the echo is still there to diagnose with
    for (const leaked of [PASSWORD, basic, `Basic ${basic}`, 'session=abcdef123456']) expect(message).not.toContain(leaked);
    expect(message).toMatch(/authorization.{0,6}\[REDACTED\]/i);
  });
});
