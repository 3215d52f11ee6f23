import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '../../cli/commands';
import { tempDir } from '../helpers/temp-store';
import { tamper } from '../helpers/tamper';
import { runCli } from '../helpers/cli';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function home(): string {
  const d = tempDir();
  cleanups.push(d.cleanup);
  return d.dir;
}

describe('CLI: store verbs', () => {
  it('init creates the store and a 0600 key, prints the fingerprint, and is harmless when repeated', async () => {
    const h = home();
    const first = await runCli(['--home', h, 'init']);
    expect(first.code).toBe(0);
    const fp = /([0-9a-f]{64})/.exec(first.stdout)![1]!;
    const keyFile = join(h, 'keys', `${fp}.pem`);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const second = await runCli(['init', '--home', h]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Already initialised');
    expect(second.stdout).toContain(fp);
  });

  it('status, log, key show, verify-store work and --json returns the envelope', async () => {
    const h = home();
    await runCli(['--home', h, 'init']);
    const status = await runCli(['--home', h, 'status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/Log entries:\s+2/);
    const json = JSON.parse((await runCli(['--home', h, 'status', '--json'])).stdout);
    expect(json).toMatchObject({ ok: true, value: { logSize: 2, items: 0 } });
    expect((await runCli(['--home', h, 'log'])).stdout).toMatch(/#1 .* key_created/);
    expect((await runCli(['--home', h, 'key', 'show'])).stdout).toMatch(/BEGIN PUBLIC KEY/);
    const verify = await runCli(['--home', h, 'verify-store']);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/Store verified: 2 log entries/);
  });

  it('verify-store exits 1 and names the entry when the store was tampered with', async () => {
    const h = home();
    await runCli(['--home', h, 'init']);
    await runCli(['--home', h, 'key', 'rotate']);
    tamper(join(h, 'evidence.db'), (db) => db.prepare("UPDATE log_entry SET type = 'forged' WHERE idx = 2").run());
    const r = await runCli(['--home', h, 'verify-store']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAILED at log entry #2: body type key_rotated differs/);
  });

  it('backup writes a folder that verifies on its own and refuses a non-empty target', async () => {
    const h = home();
    await runCli(['--home', h, 'init']);
    const target = join(home(), 'backup');
    const r = await runCli(['--home', h, 'backup', '--to', target]);
    expect(r.code).toBe(0);
    expect(existsSync(join(target, 'evidence.db'))).toBe(true);
    expect(existsSync(join(target, 'keys'))).toBe(false); // private keys never leave the home
    expect((await runCli(['--home', target, 'verify-store'])).code).toBe(0);
    const again = await runCli(['--home', h, 'backup', '--to', target]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty/);
  });

  it('usage and environment errors exit 2 with a message', async () => {
    const h = home();
    const notInit = await runCli(['--home', h, 'status']);
    expect(notInit.code).toBe(2);
    expect(notInit.stderr).toMatch(/NOT_INITIALIZED.*evidence-locker init/);
    const badFlag = await runCli(['--home', h, 'log', '--bogus']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/Unknown option '--bogus'[\s\S]*Usage: evidence-locker log/);
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command: frobnicate/);
    const json = await runCli(['--home', h, 'status', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ ok: false, error: { code: 'NOT_INITIALIZED', message: expect.any(String) } });
  });

  it('has --help for every verb, naming its usage', async () => {
    for (const c of commands) {
      const r = await runCli([...c.name.split(' '), '--help']);
      expect(r.code, c.name).toBe(0);
      expect(r.stdout, c.name).toContain(`Usage: ${c.usage}`);
    }
    const general = await runCli(['--help']);
    expect(general.code).toBe(0);
    for (const c of commands) expect(general.stdout).toContain(c.name);
  });
});
