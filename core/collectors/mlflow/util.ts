// One collator for every comparison: localeCompare with options builds a new one per call (slow on 2,000 versions).
const collator = new Intl.Collator('en', { numeric: true });

/** Natural order, so version "10" sorts after "9". */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b);
}

/** MLflow key/value lists → a plain object with sorted keys. */
export function tagObject(tags: { key: string; value?: string }[] | undefined): Record<string, string> {
  return Object.fromEntries([...(tags ?? [])].sort((a, b) => naturalCompare(a.key, b.key)).map((t) => [t.key, t.value ?? '']));
}

/** MLflow omits or blanks empty fields; the snapshot says null. */
export function orNull(v: string | undefined): string | null {
  return v === undefined || v === '' ? null : v;
}
