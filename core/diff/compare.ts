import { naturalCompare } from '../util/order';
import { canonicalText } from '../util/canonical';
import type { Change } from './types';

/**
 * Small building blocks every differ uses (MLflow, AWS, …), so that all diffs order their changes the same
 * way: keys sorted, "before only" and "after only" and "both" visited in one deterministic pass.
 */

/** Structural equality on JSON values, independent of key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Primitives that are not === differ; only objects and arrays need the (costlier) canonical form.
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return canonicalText(a) === canonicalText(b);
}

/** Natural order: "2" before "10", then code units (no locale: content and diffs hash the same everywhere). */
export function compareKeys(a: string, b: string): number {
  return naturalCompare(a, b);
}

export interface KeyedVisitor<T> {
  added(key: string, after: T): void;
  removed(key: string, before: T): void;
  both(key: string, before: T, after: T): void;
}

/** Visits the union of two keyed collections in sorted key order. */
export function visitKeyed<T>(before: ReadonlyMap<string, T>, after: ReadonlyMap<string, T>, visit: KeyedVisitor<T>): void {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort(compareKeys);
  for (const key of keys) {
    const b = before.get(key);
    const a = after.get(key);
    if (b !== undefined && a !== undefined) visit.both(key, b, a);
    else if (a !== undefined) visit.added(key, a);
    else if (b !== undefined) visit.removed(key, b);
  }
}

/** An array keyed by one of its fields; a repeated key keeps the last entry (snapshots should not repeat). */
export function keyBy<T>(list: readonly T[] | undefined, key: (t: T) => string): Map<string, T> {
  return new Map((list ?? []).map((t) => [key(t), t]));
}

/**
 * Compares two flat records (tags, key/value settings): `<prefix>_added`, `<prefix>_removed`, `<prefix>_changed`
 * changes on `subject`, with the field named `<label> <key>`.
 */
export function diffRecord(
  subject: string,
  prefix: string,
  label: string,
  before: Readonly<Record<string, unknown>> | undefined,
  after: Readonly<Record<string, unknown>> | undefined,
): Change[] {
  const out: Change[] = [];
  visitKeyed(new Map(Object.entries(before ?? {})), new Map(Object.entries(after ?? {})), {
    added: (k, a) => out.push({ type: `${prefix}_added`, subject, field: `${label} ${k}`, after: a }),
    removed: (k, b) => out.push({ type: `${prefix}_removed`, subject, field: `${label} ${k}`, before: b }),
    both: (k, b, a) => {
      if (!sameJson(b, a)) out.push({ type: `${prefix}_changed`, subject, field: `${label} ${k}`, before: b, after: a });
    },
  });
  return out;
}

/** A single field compared with `sameJson`; missing and null are treated alike (MLflow omits empty fields). */
export function diffField(subject: string, type: string, field: string, before: unknown, after: unknown): Change[] {
  const b = before ?? null;
  const a = after ?? null;
  return sameJson(b, a) ? [] : [{ type, subject, field, before: b, after: a }];
}

/** `{ type: count }` in first-seen order of the changes (which is already deterministic). */
export function countChanges(changes: readonly Change[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of changes) counts[c.type] = (counts[c.type] ?? 0) + 1;
  return counts;
}
