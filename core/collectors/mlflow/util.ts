import { naturalCompare } from '../../util/order';

// Natural order, so version "10" sorts after "9"; locale-independent, so content hashes agree across machines.
export { naturalCompare };

/** MLflow key/value lists → a plain object with sorted keys. */
export function tagObject(tags: { key: string; value?: string }[] | undefined): Record<string, string> {
  return Object.fromEntries([...(tags ?? [])].sort((a, b) => naturalCompare(a.key, b.key)).map((t) => [t.key, t.value ?? '']));
}

/** MLflow omits or blanks empty fields; the snapshot says null. */
export function orNull(v: string | undefined): string | null {
  return v === undefined || v === '' ? null : v;
}
