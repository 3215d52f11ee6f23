/**
 * Stored times (collected_at, started_at) are `Date.toISOString()` text: fixed width for years 0000–9999, so text
 * order is time order and the time index serves range queries. Queries take instants and turn them into that text
 * here, clamped to the fixed-width range: past it toISOString gives `+010000-…`, which sorts before `2026-…` (a
 * far-future period bound once selected nothing at all).
 */
const FIRST = '0000-01-01T00:00:00.000Z';
const LAST = '9999-12-31T23:59:59.999Z';

/** The stored-text form of an instant, for comparisons in SQL; null when there is no bound. */
export function timeBound(at: Date | undefined): string | null {
  if (at === undefined) return null;
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError('a time bound must be a valid date');
  if (ms < Date.parse(FIRST)) return FIRST;
  if (ms > Date.parse(LAST)) return LAST;
  return at.toISOString();
}
