import { describe, expect, it } from 'vitest';
import { contract } from '../../core/api';
import { runCli } from '../helpers/cli';

const HEX64 = '0123456789abcdef'.repeat(4);
const pairs = (hex: string, sep: string) => hex.match(/../g)!.join(sep);

describe('verify --fingerprint: exactly 64 hex digits, else a usage error', () => {
  it.each([
    ['66 hex digits', `${HEX64}ab`],
    ['63 hex digits', HEX64.slice(1)],
    ['64 hex digits plus a dangling colon', `${HEX64}:`],
    ['32 pairs with doubled separators', pairs(HEX64, '::')],
    ['a non-hex character', `${HEX64.slice(1)}g`],
  ])('%s → exit 2, BAD_INPUT, nothing verified', async (_what, fingerprint) => {
    const human = await runCli(['verify', 'bundle.zip', '--fingerprint', fingerprint]);
    expect(human.code).toBe(2);
    expect(human.stderr).toContain('fingerprint: must be exactly 64 hex digits');
    expect(human.stdout).not.toMatch(/INVALID|key swapped/);
    const json = await runCli(['--json', 'verify', 'bundle.zip', '--fingerprint', fingerprint]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it.each([
    ['64 hex digits', HEX64],
    ['upper case', HEX64.toUpperCase()],
    ['colon-separated byte pairs', pairs(HEX64, ':')],
    ['space-separated byte pairs', pairs(HEX64, ' ')],
  ])('%s is accepted and normalised to 64 lowercase hex digits', (_what, fingerprint) => {
    const parsed = contract['bundle.verify'].input.safeParse({ bundle: 'b.zip', fingerprint });
    expect(parsed.success && parsed.data.fingerprint).toBe(HEX64);
  });
});
