import { flagsFor } from './flags';
import { principalsOf } from './normalise';
import type { AccessPrincipal, ReviewLine } from './types';

/** A snapshot as the review reads it: its item number, hash, source and parsed content. */
export interface ReviewSnapshot {
  seq: number;
  kind: string;
  source: string;
  sourceType: string;
  collectedAt: string;
  contentSha256: string;
  content: unknown;
}

const union = (a: string[], b: string[]) => [...a, ...b.filter((x) => !a.includes(x))];

/** Two kinds of one source describing the same principal (AWS IAM listing + credential report) become one line. */
function merge(a: AccessPrincipal, b: AccessPrincipal): AccessPrincipal {
  const times = [a.lastActivity, b.lastActivity].filter((t): t is string => typeof t === 'string' && t !== 'never').sort();
  return {
    ...a,
    displayName: a.displayName === a.principal ? b.displayName : a.displayName,
    type: a.type === 'user' && b.type === 'root' ? 'root' : a.type,
    roles: union(a.roles, b.roles),
    mfa: a.mfa === false || b.mfa === false ? false : (a.mfa ?? b.mfa),
    lastActivity: times.at(-1) ?? (a.lastActivity === 'never' || b.lastActivity === 'never' ? 'never' : null),
    createdAt: [a.createdAt, b.createdAt].filter((t): t is string => t !== null).sort()[0] ?? null,
    deleted: a.deleted || b.deleted,
    person: a.person ?? b.person,
    privileged: a.privileged || b.privileged,
  };
}

export interface BuildInput {
  snapshots: ReviewSnapshot[];
  /** Lines of the previous review of these sources, by key; empty for a first review. */
  previous: ReadonlyMap<string, ReviewLine>;
  /** Person keys of every other source's latest access snapshot, per source. */
  peopleBySource: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Snapshots → review lines: merged per source and principal, tagged against the previous review, flagged. */
export function buildLines({ snapshots, previous, peopleBySource }: BuildInput): Omit<ReviewLine, 'line'>[] {
  const byKey = new Map<string, { p: AccessPrincipal; s: ReviewSnapshot; kinds: string[]; seqs: number[]; asOf: string }>();
  for (const s of snapshots) {
    for (const p of principalsOf(s.kind, s.content)) {
      const key = `${s.source}|${p.principal}`;
      const had = byKey.get(key);
      if (!had) byKey.set(key, { p, s, kinds: [s.kind], seqs: [s.seq], asOf: s.collectedAt });
      else {
        had.p = merge(had.p, p);
        had.kinds = union(had.kinds, [s.kind]);
        had.seqs.push(s.seq);
        if (s.collectedAt > had.asOf) had.asOf = s.collectedAt;
      }
    }
  }
  const lines: Omit<ReviewLine, 'line'>[] = [];
  for (const [key, { p, s, kinds, seqs, asOf }] of byKey) {
    const others = [...peopleBySource.entries()].filter(([src]) => src !== s.source);
    const otherPeople = others.length ? { keys: new Set(others.flatMap(([, k]) => [...k])), sources: others.map(([src]) => src) } : null;
    const { flags, notes } = flagsFor({ principal: p, asOf, otherPeople });
    const before = previous.get(key);
    const changed = before && before.roles.join('\n') !== p.roles.join('\n');
    lines.push({
      ...p,
      key,
      source: s.source,
      sourceType: s.sourceType,
      kinds,
      snapshots: seqs,
      tag: before && before.tag !== 'removed' ? 'unchanged' : 'new',
      flags,
      flagNotes: notes,
      ...(changed ? { rolesBefore: before.roles } : {}),
      needsDecision: true,
    });
  }
  // Principals the previous review had, in a source reviewed again, that are gone now: shown, nothing to decide.
  const sources = new Set(snapshots.map((s) => s.source));
  for (const [key, old] of previous) {
    if (old.tag === 'removed' || byKey.has(key) || !sources.has(old.source)) continue;
    const { line: _line, rolesBefore: _rb, ...rest } = old;
    lines.push({ ...rest, tag: 'removed', flags: [], flagNotes: ['removed since the previous review'], needsDecision: false, snapshots: [] });
  }
  return lines.sort((a, b) => a.source.localeCompare(b.source) || a.displayName.localeCompare(b.displayName) || a.key.localeCompare(b.key));
}
