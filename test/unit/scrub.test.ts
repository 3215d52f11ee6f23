import { describe, expect, it } from 'vitest';
import { REDACTED, excerpt, scrubError, scrubSecrets } from '../../core/util/scrub';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const SECRET = 'SuperSecretPW123';

describe('scrubSecrets: configured secret values in every form a server may echo', () => {
  it.each([
    ['verbatim', `password was ${SECRET} here`],
    ['URL-encoded', `q=${encodeURIComponent(`${SECRET} &/`)}`],
    ['base64 alone', `blob ${b64(SECRET)} end`],
    ['inside Basic base64(user:pass), any user length', `auth ${b64(`admin:${SECRET}`)} / ${b64(`ab:${SECRET}`)} / ${b64(`a:${SECRET}`)}`],
    ['base64url', `x ${b64(`ab:${SECRET}??>>`).replace(/\+/g, '-').replace(/\//g, '_')}`],
  ])('%s', (_what, text) => {
    const secret = text.includes('&/') ? `${SECRET} &/` : SECRET;
    const out = scrubSecrets(text, [secret]);
    expect(out).toContain(REDACTED);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out).not.toMatch(/U3VwZXJTZWNyZXRQVzEyMw|VwZXJTZWNyZXRQVzEyM|N1cGVyU2VjcmV0UFcxMjM/);
  });

  it('ignores values too short to be told from ordinary words', () => {
    expect(scrubSecrets('a cat sat', ['cat'])).toBe('a cat sat');
  });
});

describe('scrubSecrets: credential headers and token-shaped values, with no secret known', () => {
  const echoed = `{'host': '127.0.0.1:5000', 'authorization': 'Basic ${b64('admin:pw')}', 'cookie': 'session=abc; csrftoken=def'}`;

  it('redacts Authorization and Cookie header values as echoed in a Python dict, JSON or raw headers', () => {
    const out = scrubSecrets(echoed);
    expect(out).toContain("'host': '127.0.0.1:5000'");
    expect(out).toContain(`'authorization': ${REDACTED}`);
    expect(out).not.toContain(b64('admin:pw'));
    expect(out).not.toContain('session=abc');
    expect(scrubSecrets('{"Authorization":"Bearer abc.def"}')).toBe(`{"Authorization":${REDACTED}}`);
    expect(scrubSecrets('Set-Cookie: sid=s3cr3t; Path=/\r\nX: y')).toBe(`Set-Cookie: ${REDACTED}\r\nX: y`);
  });

  it('redacts scheme tokens, JWTs, AWS keys, known token prefixes and long random strings', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXZhbHVl';
    const text = [
      'Bearer dapi0123456789abcdef0123456789abcdef',
      `token ${jwt}`,
      'key AKIAIOSFODNN7EXAMPLE',
      'secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'gh ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789',
    ].join('\n');
    const out = scrubSecrets(text);
    for (const leaked of ['dapi0123', jwt, 'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI', 'ghp_aBc']) expect(out).not.toContain(leaked);
  });

  it('keeps what a user needs to act on: hashes, paths, words, our own auth advice', () => {
    const keep = [
      'item 4: content hash mismatch, expected 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      'Cannot open /tmp/el-test-N5VKH7wiPVxY3zQ9/evidence.db: EACCES',
      'Basic authentication failed; use a Bearer token instead',
      'credentials rejected (HTTP 401). Check the username and the password/token variable.',
      'run 0123456789abcdef0123456789abcdef not found',
    ];
    for (const text of keep) expect(scrubSecrets(text)).toBe(text);
  });
});

describe('excerpt and scrubError', () => {
  it('cuts to a short single-line excerpt after scrubbing, so a cut never leaves half a secret', () => {
    const long = `${'x'.repeat(290)} ${SECRET} ${'y'.repeat(500)}\n`;
    const out = scrubError(long, [SECRET]);
    expect(out.length).toBeLessThanOrEqual(300);
    expect(out).not.toContain('SuperSecret');
    expect(excerpt('a\n  b')).toBe('a b');
  });

  describe('scrubSecrets keeps what an error needs to be read', () => {
    it('a URL path after a host and port is not a token (it used to become "127.0.0.1:[REDACTED]…")', () => {
      const url = 'GET https://127.0.0.1:43567/subscriptions/abc/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01';
      expect(scrubSecrets(url)).toBe(url);
      // …while a token in such a path is still caught.
      expect(scrubSecrets('https://h:1/v1/objects/Xk3Jq8Lm2Np9Qr4St7UvWz/x')).toContain('[REDACTED]');
    });
  });
});
