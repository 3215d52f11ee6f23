/**
 * Code-unit order for every sorted list in canonical content. `localeCompare` depends on the ICU build and
 * locale, so the same facts could hash differently on two machines; this cannot (and is much faster).
 */
export function byText(a: unknown, b: unknown): number {
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
