import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalText, jcs } from '../../core/util/canonical';

/** Deterministic pseudo-random JSON values covering the JCS corner cases (key order, numbers, escapes). */
function* values(seed: number, count: number): Generator<unknown> {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const strings = ['', 'a', 'é', '€', '😀', '\u0000\u001f', '"\\/', '\u2028', 'Z', 'aa', 'b\n', '\ud83d\ude00x'];
  const numbers = [0, -0, 1, -1, 1e21, 1e-7, 123.456, 2 ** 53, 5e-324, 1.7976931348623157e308, 0.1 + 0.2, 100, 1e20];
  const gen = (depth: number): unknown => {
    const r = rnd();
    if (depth > 3 || r < 0.3) return strings[Math.floor(rnd() * strings.length)];
    if (r < 0.5) return numbers[Math.floor(rnd() * numbers.length)];
    if (r < 0.55) return rnd() < 0.5;
    if (r < 0.6) return null;
    if (r < 0.8) return Array.from({ length: Math.floor(rnd() * 4) }, () => gen(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = 0; i < 4; i++) o[strings[Math.floor(rnd() * strings.length)]! + String.fromCharCode(97 + Math.floor(rnd() * 3))] = gen(depth + 1);
    return o;
  };
  for (let i = 0; i < count; i++) yield gen(0);
}

describe('canonical JSON (RFC 8785)', () => {
  it('matches the canonicalize package on 2,000 generated values', () => {
    for (const v of values(7, 2000)) expect(jcs(v)).toBe(canonicalize(v));
  });

  it('matches the RFC 8785 §3.2.3 example ordering and number forms', () => {
    expect(
      jcs({
        '\u20ac': 'Euro Sign',
        '\r': 'Carriage Return',
        '\ufb33': 'Hebrew Letter Dalet With Dagesh',
        '1': 'One',
        '\ud83d\ude00': 'Emoji: Grinning Face',
        '\u0080': 'Control',
        '\u00f6': 'Latin Small Letter O With Diaeresis',
      }),
    ).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    // eslint-disable-next-line no-loss-of-precision -- RFC 8785's own example input
    expect(jcs([333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001])).toBe('[333333333.3333333,1e+30,4.5,0.002,1e-27]');
  });

  it('refuses NaN, Infinity, lone surrogates and cycles with an input error', () => {
    expect(() => canonicalText({ a: Number.NaN })).toThrow(/canonicalized/);
    expect(() => canonicalText([Infinity])).toThrow(/canonicalized/);
    expect(() => canonicalText('\ud800')).toThrow(/Lone surrogate/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalText(cyclic)).toThrow(/circular/);
  });
});
