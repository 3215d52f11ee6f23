/**
 * Orders for sorted lists inside canonical content. `localeCompare` and `Intl.Collator` depend on the ICU build
 * and locale, so the same facts could hash differently on two machines; these cannot.
 */

/** Plain UTF-16 code-unit order. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const RUNS = /(\d+)|(\D+)/g;

/** Natural order without a locale: digit runs compare as numbers ("v2" < "v10"), the rest by code units. */
export function naturalCompare(a: string, b: string): number {
  const xs = a.match(RUNS) ?? [];
  const ys = b.match(RUNS) ?? [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    const xd = x.charCodeAt(0) >= 48 && x.charCodeAt(0) <= 57;
    const yd = y.charCodeAt(0) >= 48 && y.charCodeAt(0) <= 57;
    if (xd && yd) {
      const xn = x.replace(/^0+(?=\d)/, '');
      const yn = y.replace(/^0+(?=\d)/, '');
      if (xn.length !== yn.length) return xn.length - yn.length;
      const c = byCodeUnits(xn, yn);
      if (c !== 0) return c;
    } else {
      const c = byCodeUnits(x, y);
      if (c !== 0) return c;
    }
  }
  return xs.length - ys.length || byCodeUnits(a, b);
}
