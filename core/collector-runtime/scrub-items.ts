import type { NewItem } from '../evidence/ipe';

/**
 * Items whose IPE `error` and `notes` went through the scrubbers (they may quote a server's error text). Items of one page
 * share one IPE object, and the store hashes each shared object once: each is rewritten once and stays shared, and
 * an IPE with nothing to change is passed through as is.
 */
export function scrubItemIpes(items: readonly NewItem[], scrub: { error: (text: string) => string; note: (text: string) => string }): NewItem[] {
  const rewritten = new Map<object, NewItem['ipe']>();
  const clean = (ipe: NewItem['ipe']): NewItem['ipe'] => {
    let out = rewritten.get(ipe);
    if (!out) {
      const error = ipe.error === null ? null : scrub.error(ipe.error);
      const notes = ipe.notes?.map(scrub.note);
      const changed = error !== ipe.error || (notes ?? []).some((n, i) => n !== ipe.notes![i]);
      out = changed ? { ...ipe, error, ...(notes ? { notes } : {}) } : ipe;
      rewritten.set(ipe, out);
    }
    return out;
  };
  return items.map((item) => {
    const ipe = clean(item.ipe);
    return ipe === item.ipe ? item : { ...item, ipe };
  });
}
