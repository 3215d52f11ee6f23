import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieName } from '../../server/security';
import { recordCounts } from './counts';
import { envelope, send, startWebSession, type Body, type Res, type WebSession } from './web/web-session';

// Issue 14, web mode: hostile requests against the real server/ (node:http on 127.0.0.1) are refused with the
// error envelope { ok:false, error:{ code, message } } and change nothing: log size, items, sources and runs stay
// identical, and the session token never comes back in an answer.
let s: WebSession;
const MB100 = 100 * 1024 * 1024;
const ADD = { type: 'mlflow', name: 'evil', config: { url: 'http://127.0.0.1:9' } };

beforeAll(async () => {
  s = await startWebSession();
  expect(envelope(await s.rpc('store.init', {}))).toMatchObject({ ok: true });
  expect(envelope(await s.rpc('source.add', { ...ADD, name: 'kept' }))).toMatchObject({ ok: true });
});
afterAll(() => s?.close());

interface Case {
  name: string;
  status: number;
  code: string;
  message: RegExp;
  req: () => Promise<Res>;
}

const post = (path: string, headers: Record<string, string>, body: Body) => () => send(s.port, { method: 'POST', path, headers, body });
const without = (h: Record<string, string>, key: string) => Object.fromEntries(Object.entries(h).filter(([k]) => k !== key));
const addBody = JSON.stringify(ADD);

const cases = (): Case[] => [
  { name: 'no token', status: 401, code: 'FORBIDDEN', message: /No session/, req: post('/rpc/source.add', without(s.ok, 'cookie'), addBody) },
  {
    name: 'wrong token',
    status: 401,
    code: 'FORBIDDEN',
    message: /No session/,
    req: post('/rpc/source.add', { ...s.ok, cookie: `${cookieName(s.port)}=${s.token.slice(0, -1)}y` }, addBody),
  },
  {
    name: 'token of another port',
    status: 401,
    code: 'FORBIDDEN',
    message: /No session/,
    req: post('/rpc/source.add', { ...s.ok, cookie: `${cookieName(s.port + 1)}=${s.token}` }, addBody),
  },
  {
    name: 'foreign Origin',
    status: 403,
    code: 'FORBIDDEN',
    message: /origin/i,
    req: post('/rpc/source.add', { ...s.ok, origin: 'http://evil.example' }, addBody),
  },
  {
    name: 'Origin localhost',
    status: 403,
    code: 'FORBIDDEN',
    message: /origin/i,
    req: post('/rpc/source.add', { ...s.ok, origin: `http://localhost:${s.port}` }, addBody),
  },
  { name: 'no Origin on POST', status: 403, code: 'FORBIDDEN', message: /origin/i, req: post('/rpc/source.add', without(s.ok, 'origin'), addBody) },
  {
    name: 'foreign Host (DNS rebinding)',
    status: 421,
    code: 'FORBIDDEN',
    message: /addressed to 127\.0\.0\.1/,
    req: post('/rpc/source.add', { ...s.ok, host: `evil.example:${s.port}` }, addBody),
  },
  {
    name: 'cross-site fetch metadata',
    status: 403,
    code: 'FORBIDDEN',
    message: /.+/,
    req: post('/rpc/source.add', { ...s.ok, 'sec-fetch-site': 'cross-site' }, addBody),
  },
  { name: 'unknown procedure', status: 404, code: 'BAD_INPUT', message: /Unknown procedure/, req: post('/rpc/store.drop', s.ok, '{}') },
  { name: 'prototype name', status: 404, code: 'BAD_INPUT', message: /Unknown procedure/, req: post('/rpc/__proto__.constructor', s.ok, '{}') },
  {
    name: 'schema-invalid input',
    status: 200,
    code: 'BAD_INPUT',
    message: /.+/,
    req: post('/rpc/source.add', s.ok, JSON.stringify({ ...ADD, name: 7 })),
  },
  {
    name: 'unknown field',
    status: 200,
    code: 'BAD_INPUT',
    message: /.+/,
    req: post('/rpc/source.add', s.ok, JSON.stringify({ ...ADD, extra: true })),
  },
  { name: 'invalid JSON', status: 400, code: 'BAD_INPUT', message: /not valid JSON/, req: post('/rpc/source.add', s.ok, '{"type":"mlflow",') },
  {
    name: 'not JSON content-type',
    status: 415,
    code: 'BAD_INPUT',
    message: /JSON/,
    req: post('/rpc/source.add', { ...s.ok, 'content-type': 'text/plain' }, addBody),
  },
  {
    name: '100 MB body, declared',
    status: 413,
    code: 'BAD_INPUT',
    message: /larger than/,
    req: post('/rpc/source.add', s.ok, { bytes: MB100, declareLength: true }),
  },
  {
    name: '100 MB body, chunked',
    status: 413,
    code: 'BAD_INPUT',
    message: /larger than/,
    req: post('/rpc/source.add', s.ok, { bytes: MB100, declareLength: false }),
  },
  {
    name: '100 MB body without a token',
    status: 401,
    code: 'FORBIDDEN',
    message: /No session/,
    req: post('/rpc/source.add', without(s.ok, 'cookie'), { bytes: MB100, declareLength: false }),
  },
  {
    name: '100 MB upload without a token',
    status: 401,
    code: 'FORBIDDEN',
    message: /No session/,
    req: post('/upload?name=x.zip', without(s.ok, 'cookie'), { bytes: MB100, declareLength: true }),
  },
];

describe('web mode refuses hostile requests and changes nothing', () => {
  it('each hostile request: its status, { ok:false, error:{ code, message } }, identical store, no token echoed', async () => {
    const list = cases();
    for (const c of list) {
      const before = await s.state();
      const r = await c.req();
      const after = await s.state();
      const leaked = r.body.includes(s.token) || JSON.stringify(r.headers).includes(s.token);
      recordCounts(`web ${c.name}`, { trials: 1, faults: 1, leaks: leaked ? 1 : 0 });
      expect(leaked, c.name).toBe(false);
      expect(r.status, c.name).toBe(c.status);
      const e = envelope(r);
      expect(e, c.name).toMatchObject({ ok: false, error: { code: c.code, message: expect.stringMatching(c.message) } });
      expect(after, c.name).toEqual(before);
    }
    // The session still works afterwards and sees exactly the one source added before the attacks.
    expect(envelope(await s.rpc('source.list', {}))).toMatchObject({ ok: true, value: [{ name: 'kept' }] });
  });
});
