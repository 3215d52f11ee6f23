import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodePolicyDocument } from '../../core/collectors/aws/canonical/gaad';
import { parseAuditJsonl } from '../../core/collectors/wandb/audit-log';
import { settingFromResponse } from '../../core/collectors/aws/canonical/s3-retention';
import { HttpError, requestJson } from '../../core/http';
import { parseJson } from '../../core/http/body';
import { MAX_JSON_DEPTH, jsonTooDeep } from '../../core/util/json-depth';
import { sendJson, startLocalServer, type LocalServer } from '../fixtures/mlflow/local-server';
import { runCli } from '../helpers/cli';
import { tempCore, tempDir } from '../helpers/temp-store';

/** `[[[…"x"…]]]` nested n levels, as text (JSON.stringify of such a value would itself overflow the stack). */
const deep = (n: number) => `${'['.repeat(n)}"x"${']'.repeat(n)}`;
const gaadWith = (userExtra: string) =>
  `{"UserDetailList":[{"UserName":"a","Arn":"arn:aws:iam::123456789012:user/a","Extra":${userExtra}}],"GroupDetailList":[],"RoleDetailList":[],"Policies":[]}`;

let t: Awaited<ReturnType<typeof tempCore>>;
let files: ReturnType<typeof tempDir>;
beforeEach(async () => ((t = await tempCore()), (files = tempDir('el-deep-'))));
afterEach(() => (t.cleanup(), files.cleanup()));

function write(name: string, text: string): string {
  const path = join(files.dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** The import is refused as BAD_INPUT naming the depth, and the store (its log included) is left as it was. */
async function refusedForDepth(type: string, file: string): Promise<string> {
  const before = await t.call<{ logSize: number; runs: Record<string, number> }>('store.status');
  const r = await t.core.call('import.run', { type, file });
  expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining(`more than ${MAX_JSON_DEPTH} levels deep`) } });
  const after = await t.call<{ logSize: number; runs: Record<string, number> }>('store.status');
  expect(after.logSize).toBe(before.logSize);
  expect(after.runs).toEqual(before.runs);
  return (r as { error: { message: string } }).error.message;
}

describe('deep JSON is bounded for every importer (BAD_INPUT, never a stack overflow)', () => {
  it('the bound: 64 levels pass, 65 do not, and a million levels are judged without recursion', () => {
    expect(jsonTooDeep(JSON.parse(deep(MAX_JSON_DEPTH - 1)))).toBe(false); // the string inside adds no level
    expect(jsonTooDeep(JSON.parse(deep(MAX_JSON_DEPTH)))).toBe(false);
    expect(jsonTooDeep(JSON.parse(deep(MAX_JSON_DEPTH + 1)))).toBe(true);
    expect(jsonTooDeep(JSON.parse(`{"a":${deep(1_000_000)}}`))).toBe(true);
    expect(jsonTooDeep({ a: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[' })).toBe(false);
  });

  it('aws-gaad: 5,000 levels in any field exits 2 through the CLI (was INTERNAL: Maximum call stack size exceeded)', async () => {
    const file = write('gaad.json', gaadWith(deep(5000)));
    const r = await runCli(['--home', t.home, 'import', 'aws-gaad', file]);
    expect(r.stderr).not.toMatch(/call stack|INTERNAL/);
    expect(r.stderr).toMatch(/BAD_INPUT.*gaad\.json nests JSON more than 64 levels deep/);
    expect(r.code).toBe(2);
    await refusedForDepth('aws-gaad', file);
  });

  it('aws-gaad: a URL-encoded policy document (SDK shape) nested 3,000 deep', async () => {
    const doc = encodeURIComponent(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":${deep(3000)}}]}`);
    const file = write('gaad-sdk.json', gaadWith('1').replace('"Extra":1', `"UserPolicyList":[{"PolicyName":"p","PolicyDocument":"${doc}"}]`));
    expect(await refusedForDepth('aws-gaad', file)).toMatch(/A policy document nests JSON/);
  });

  it('aws-credential-report (JSON form), mlflow and aws-s3 files', async () => {
    await refusedForDepth('aws-credential-report', write('cred.json', `{"Content":"","ReportFormat":"text/csv","X":${deep(5000)}}`));
    await refusedForDepth('mlflow', write('users.json', `{"user":{"id":2,"username":"alice","is_admin":false,"x":${deep(5000)}}}`));
    write('s3/b1/lifecycle.json', `{"Rules":[{"ID":"r","Status":"Enabled","Filter":${deep(5000).replace('"x"', '{}')}}]}`);
    await refusedForDepth('aws-s3', join(files.dir, 's3'));
  });

  it('wandb: a GraphQL response and audit-log JSON lines', async () => {
    await refusedForDepth('wandb', write('team.json', `{"data":{"entity":{"name":"t","members":[],"x":${deep(5000)}}}}`));
    const line = (x: string) => `{"timestamp":"2026-01-01T00:00:00Z","action":"user:login","x":${x}}`;
    expect(await refusedForDepth('wandb', write('audit.jsonl', `${line('1')}\n${line(deep(5000))}\n`))).toMatch(/line 2 nests JSON/);
  });
});

describe('deep JSON in a collector response is a bad response, never a stack overflow', () => {
  let server: LocalServer | null = null;
  afterEach(async () => (await server?.close(), (server = null)));

  it('the HTTP layer refuses the answer as BAD_RESPONSE naming the bound', async () => {
    expect(parseJson(`{"ok":true,"x":${deep(5000)}}`, 'application/json')).toEqual({ ok: false, reason: 'JSON nested more than 64 levels deep' });
    server = await startLocalServer((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"ok":true,"x":${deep(5000)}}`);
    });
    const err = await requestJson({
      source: 'mlflow source "t"',
      method: 'GET',
      url: `${server.url}/x`,
      schema: z.object({ ok: z.boolean() }),
      idempotent: true,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ code: 'BAD_RESPONSE', message: expect.stringMatching(/returned JSON nested more than 64 levels deep/) });
    await server.close();
    server = await startLocalServer((_q, res) => sendJson(res, 200, { ok: true }));
    await expect(
      requestJson({ source: 's', method: 'GET', url: server.url, schema: z.object({ ok: z.boolean() }), idempotent: true }),
    ).resolves.toMatchObject({ data: { ok: true } });
  });

  it('W&B audit-log answers (JSON lines, not through the JSON parse path) are bounded the same way', () => {
    expect(() => parseAuditJsonl(`{"timestamp":"2026-01-01T00:00:00Z","action":"a","x":${deep(5000)}}`, 'W&B audit log')).toThrow(
      expect.objectContaining({ code: 'BAD_RESPONSE', message: expect.stringMatching(/line 1 nests JSON more than 64 levels deep/) }),
    );
  });

  it('AWS strings we parse ourselves: a policy document fails the kind with a reason; a bucket policy is a per-bucket error', () => {
    expect(() => decodePolicyDocument(encodeURIComponent(`{"Statement":${deep(5000)}}`))).toThrow(
      /A policy document nests JSON more than 64 levels deep/,
    );
    expect(settingFromResponse('policy', { Policy: `{"Statement":${deep(5000)}}` })).toEqual({
      status: 'error',
      call: 'GetBucketPolicy',
      code: 'PolicyTooDeep',
      message: expect.stringContaining('The bucket policy nests JSON more than 64 levels deep'),
    });
  });
});
