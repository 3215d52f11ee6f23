import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalBytes } from '../../core/util/canonical';

// Large values (a top level or second level of 512+ elements) are written piece by piece into bytes; they must be
// byte-identical to the canonicalize package's text, and fail the same way.
const strings = ['', 'a', 'é', '€', '😀', '\u0000\u001f', '"\\/', '\u2028', 'Z'];

function big(seed: number, n: number) {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const user = (i: number) => ({
    UserName: `user-${i}${strings[i % strings.length]}`,
    [strings[Math.floor(rnd() * strings.length)]! + 'k']: rnd() < 0.5 ? i * 1.5 : null,
    Tags: Array.from({ length: i % 3 }, (_, t) => ({ Key: `k${t}`, Value: strings[t]! })),
    skip: undefined,
    nested: { deep: [1, [2, { x: strings[i % strings.length] }]], n: -0, e: 1e21 },
  });
  return {
    users: Array.from({ length: n }, (_, i) => user(i)),
    groups: [],
    z: 'last',
    a: { when: new Date(0) },
  };
}

describe('canonicalBytes of large values', () => {
  it('equals the canonicalize package byte for byte', () => {
    for (const n of [511, 512, 3000]) {
      const v = big(n, n);
      expect(canonicalBytes(v).equals(Buffer.from(canonicalize(v)!, 'utf8'))).toBe(true);
      expect(canonicalBytes(v.users).equals(Buffer.from(canonicalize(v.users)!, 'utf8'))).toBe(true);
    }
  });

  it('refuses what cannot be canonicalised, as for small values', () => {
    const v = big(1, 600);
    (v.users[300] as Record<string, unknown>).bad = Number.NaN;
    expect(() => canonicalBytes(v)).toThrow(/cannot be canonicalized/);
    const w = big(2, 600);
    (w.users[10] as Record<string, unknown>).s = 'x\ud800';
    expect(() => canonicalBytes(w)).toThrow(/cannot be canonicalized/);
  });
});
