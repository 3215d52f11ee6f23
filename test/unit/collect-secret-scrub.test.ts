import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalServer, type LocalServer } from '../fixtures/mlflow/local-server';
import { runCli, type CliResult } from '../helpers/cli';
import { tempDir } from '../helpers/temp-store';

/**
 * Issue 16 item 1: a server that answers 500 with the request headers in its body (some proxies and debug pages
 * do) must not get the password into the signed log, the IPE, the PDF, the bundle or the terminal.
 */
const PASSWORD = 'SuperSecretPW123';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const FORBIDDEN = [PASSWORD, b64(PASSWORD), b64(`admin:${PASSWORD}`), `Basic ${b64(`admin:${PASSWORD}`)}`, encodeURIComponent(PASSWORD)];
const env = { MLPW: PASSWORD };

let server: LocalServer;
let home: string;
let out: string;
let cleanup: () => void;
const outputs: CliResult[] = [];
const cli = async (...args: string[]) => {
  const r = await runCli(['--home', home, ...args], env);
  outputs.push(r);
  return r;
};

function expectClean(what: string, text: string | Buffer): void {
  for (const secret of FORBIDDEN) expect(text.includes(secret), `${what} contains ${secret}`).toBe(false);
  expect(/authorization.{0,6}basic/i.test(text.toString('latin1')), `${what} contains an authorization header value`).toBe(false);
}

beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    res.writeHead(500, { 'content-type': 'text/plain' });
    // The headers as a Python dict (as in the report), and the decoded credentials as a debug line might print them.
    const decoded = Buffer.from(String(req.headers.authorization).split(' ')[1] ?? '', 'base64').toString();
    res.end(`Internal error. request headers: ${JSON.stringify(req.headers).replace(/"/g, "'")}\nlogin ${decoded}`);
  });
  ({ dir: home, cleanup } = tempDir('el-scrub-'));
  out = join(home, 'bundles');
  mkdirSync(out);
  expect((await cli('init')).code).toBe(0);
  expect((await cli('source', 'add', 'mlflow', '--name', 'e500', '--url', server.url, '--username', 'admin', '--password-env', 'MLPW')).code).toBe(0);
});
afterAll(async () => {
  await server.close();
  cleanup();
});

describe('collect against a server that echoes the request headers in a 500 body', () => {
  it('records a failed run whose reason still says what happened, without the credential', async () => {
    const human = await cli('collect', '--source', 'e500');
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/run #\d+: failed \(mlflow source "e500": HTTP 500 .*127\.0\.0\.1/);
    expect(server.hits[0]!.authorization).toBe(`Basic ${b64(`admin:${PASSWORD}`)}`); // the server did get it
    const json = await cli('collect', '--source', 'e500', '--json');
    expect(JSON.parse(json.stdout).value[0]).toMatchObject({ status: 'failed', reason: expect.stringContaining('[REDACTED]') });
    await cli('source', 'test', 'e500');
  });

  it('the log entries, the database and its WAL hold no form of the secret', async () => {
    const log = await cli('log', '--json', '--limit', '1000');
    expect(log.stdout).toContain('run_finished');
    expectClean('log --json', log.stdout);
    for (const file of ['evidence.db', 'evidence.db-wal']) if (existsSync(join(home, file))) expectClean(file, readFileSync(join(home, file)));
  });

  it('the CC6.1 bundle (PDF text and every ZIP entry) holds no form of the secret', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const r = await cli('export', '--criterion', 'CC6.1', '--from', '2026-01-01', '--to', today, '--out', out, '--json');
    expect(r.code).toBe(0);
    const bundle = JSON.parse(r.stdout).value.bundles[0] as { path: string; pdfPath: string };
    const pdfText = execFileSync('pdftotext', ['-layout', bundle.pdfPath, '-'], { encoding: 'utf8' });
    expect(pdfText).toContain('Failed and partial runs');
    expect(pdfText).toMatch(/HTTP 500/);
    expectClean('PDF text', pdfText);
    expectClean('ZIP entries', execFileSync('unzip', ['-p', bundle.path], { maxBuffer: 64 * 1024 * 1024 }));
  });

  it('nothing printed on stdout or stderr by any command held it', () => {
    expect(outputs.length).toBeGreaterThan(5);
    for (const o of outputs) expectClean('CLI output', o.stdout + o.stderr);
  });
});
