import type { Ipe, NewItem } from '../evidence/ipe';
import { redactValues } from './redact-value';
import type { Redaction } from './types';

/** Where IPE redactions point: the item's `.ipe.json`, not its content. */
export const IPE_ROOT = 'ipe:$';

/**
 * The IPE fields a producer fills from configuration or requests, where a credential could slip in (a tracking URI
 * with user:password@, a token in a query string). Request ids, dates and hashes are the servers' and ours.
 */
const scannedIpe = (ipe: Ipe) => ({ endpoints: ipe.endpoints, command: ipe.command, parameters: ipe.parameters });

function withRedactions(ipe: Ipe, found: Redaction[]): Ipe {
  if (found.length === 0) return ipe;
  return { ...ipe, redactions: [...(ipe.redactions ?? []), ...found] };
}

/**
 * The one call every producer makes before an item is canonicalised and hashed: secrets in the content (and in the
 * IPE's endpoints, command and parameters) are replaced by `[REDACTED:<rule>]`, and the IPE lists each one as
 * `{ rule, path }`. An item with nothing to redact comes back as the same object, its IPE unchanged (no
 * `redactions` field), so the bytes of items without secrets are what they always were.
 */
export function redactItem(item: NewItem): { item: NewItem; redactions: Redaction[] } {
  const [one] = redactItems([item]);
  return one!;
}

/**
 * A batch (one API page): items of a page share one IPE object, which is scanned once and stays shared unless an
 * item's own content had something to redact.
 */
export function redactItems(items: readonly NewItem[]): { item: NewItem; redactions: Redaction[] }[] {
  const ipes = [...new Set(items.map((i) => i.ipe))];
  // One pass over every string of the page: the IPEs (each shared object once) and every item's content.
  const results = redactValues([...ipes.map((ipe) => ({ value: scannedIpe(ipe), root: IPE_ROOT })), ...items.map((i) => ({ value: i.content }))]);
  const shared = new Map<Ipe, { ipe: Ipe; redactions: Redaction[] }>();
  ipes.forEach((ipe, n) => {
    const r = results[n]!;
    shared.set(
      ipe,
      r.redactions.length === 0
        ? { ipe, redactions: [] }
        : { ipe: { ...ipe, ...(r.value as ReturnType<typeof scannedIpe>) }, redactions: r.redactions },
    );
  });
  return items.map((item, n) => {
    const own = shared.get(item.ipe)!;
    const content = results[ipes.length + n]!;
    const redactions = [...own.redactions, ...content.redactions];
    if (redactions.length === 0) return { item, redactions };
    return { item: { ...item, content: content.value, ipe: withRedactions(own.ipe, redactions) }, redactions };
  });
}

/** Just the redacted items, for producers that only pass them on (the collector runtime, importers). */
export const redactedItems = (items: readonly NewItem[]): NewItem[] => redactItems(items).map((r) => r.item);
