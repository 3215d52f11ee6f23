import { CRITERIA, getCriterion, type KindMappings } from '../criteria';
import { AppError } from '../util/errors';
import { VENDOR_CRITERION } from '../vendors/record';
import type { PeriodFields, StoredPeriod } from '../store/period-store';

/** Criteria ids as the catalog spells them, once each, in catalog order; unknown ids are BAD_INPUT. */
export function canonicalCriteria(ids: readonly string[]): string[] {
  const wanted = new Set(ids.map((id) => getCriterion(id).id));
  return CRITERIA.filter((c) => wanted.has(c.id)).map((c) => c.id);
}

/**
 * The default scope: every criterion some evidence kind of this build supports (the user narrows or widens it),
 * the vendor register's CC9.2 included: `vendor.entry` is evidence this build records, and readiness judges it.
 */
export function defaultCriteria(mappings: KindMappings): string[] {
  const supported = new Set([...mappings.all().flatMap((m) => m.criteria), VENDOR_CRITERION]);
  return CRITERIA.filter((c) => supported.has(c.id)).map((c) => c.id);
}

interface PeriodChange {
  name?: string;
  type?: 'type1' | 'type2';
  from?: string;
  to?: string;
  criteria?: string[];
}

/**
 * The fields of a period after a change (or of a new one): a Type 1 period is one day, a Type 2 window must not end
 * before it starts. The contract checks each input on its own; this checks the result of merging it with the old.
 */
export function mergePeriod(before: StoredPeriod | null, change: PeriodChange, mappings: KindMappings): PeriodFields {
  const type = change.type ?? before?.type ?? 'type2';
  const from = change.from ?? before?.from;
  if (!from) throw new AppError('BAD_INPUT', 'from: a period needs its first day');
  let to = change.to ?? (type === 'type1' ? from : before?.to);
  if (type === 'type1') {
    if (change.to !== undefined && change.to !== from)
      throw new AppError('BAD_INPUT', 'to: a Type 1 period is one day: omit "to" or give the same day as "from"');
    to = from;
  }
  if (!to) throw new AppError('BAD_INPUT', 'to: a Type 2 period needs its last day');
  if (to < from) throw new AppError('BAD_INPUT', `to: the period ends (${to}) before it starts (${from})`);
  const criteria = change.criteria ? canonicalCriteria(change.criteria) : (before?.criteria ?? defaultCriteria(mappings));
  const name = change.name ?? before?.name;
  if (!name) throw new AppError('BAD_INPUT', 'name: a period needs a name');
  return { name, type, from, to, criteria };
}
