import type { AccessPrincipal, LineFlag } from './types';

export const DORMANT_DAYS = 90;
const DAY_MS = 86_400_000;

/** `Alice@Example.com`, `user:alice@x`, `alice` → `alice`: how one person is recognised across sources. */
export function personKey(person: string | null): string | null {
  if (!person) return null;
  const bare = person.replace(/^(deleted:)?(user|group|serviceAccount):/, '').replace(/\?uid=.*$/, '');
  const local = bare.split('@')[0]!.trim().toLowerCase();
  return local === '' ? null : local;
}

/** Humans are matched across sources; groups, services, teams and domains stand for no single person. */
const isHuman = (p: AccessPrincipal) => p.type === 'user';

export interface FlagInput {
  principal: AccessPrincipal;
  /** The snapshot time: activity is judged against it, never against today. */
  asOf: string;
  /** Person keys seen in the latest access snapshots of every other source; null when there is no other source. */
  otherPeople: { keys: ReadonlySet<string>; sources: string[] } | null;
}

/** Dormant, orphaned, privileged and no-MFA, each with the sentence that explains it. */
export function flagsFor({ principal: p, asOf, otherPeople }: FlagInput): { flags: LineFlag[]; notes: string[] } {
  const flags: LineFlag[] = [];
  const notes: string[] = [];
  const at = Date.parse(asOf);
  const daysSince = (iso: string) => Math.floor((at - Date.parse(iso)) / DAY_MS);
  if (typeof p.lastActivity === 'string' && p.lastActivity !== 'never' && daysSince(p.lastActivity) > DORMANT_DAYS) {
    flags.push('dormant');
    notes.push(`dormant: last activity ${p.lastActivity.slice(0, 10)}, ${daysSince(p.lastActivity)} days before the snapshot`);
  } else if (p.lastActivity === 'never' && p.type !== 'root' && (p.createdAt === null || daysSince(p.createdAt) > DORMANT_DAYS)) {
    // An unused root account is the goal, not a leftover: it cannot be removed, only kept unused with MFA.
    flags.push('dormant');
    notes.push(`dormant: never used${p.createdAt ? `, created ${daysSince(p.createdAt)} days before the snapshot` : ''}`);
  }
  const key = personKey(p.person);
  if (p.deleted) {
    flags.push('orphaned');
    notes.push('orphaned: the source reports this principal as deleted or unresolvable');
  } else if (isHuman(p) && key && otherPeople && !otherPeople.keys.has(key)) {
    flags.push('orphaned');
    notes.push(`orphaned: no matching person in ${otherPeople.sources.join(', ')}`);
  }
  if (p.privileged) {
    flags.push('privileged');
    notes.push('privileged: admin or owner rights');
  }
  if (p.mfa === false) {
    flags.push('no_mfa');
    notes.push('no MFA on a principal that signs in');
  }
  return { flags, notes };
}
