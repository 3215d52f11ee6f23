import type { ReviewDecisionKind, ReviewLineView } from '@contract';
import type { Tone } from '../../components/ui';

export const FLAG_LABEL: Record<string, string> = { dormant: 'Dormant', orphaned: 'Orphaned', privileged: 'Privileged', no_mfa: 'No MFA' };
export const FLAG_TONE: Record<string, Tone> = { dormant: 'warn', orphaned: 'bad', privileged: 'info', no_mfa: 'bad' };
export const TAG_TONE: Record<string, Tone> = { new: 'info', removed: 'muted', unchanged: 'muted' };

export const DECISION_LABEL: Record<ReviewDecisionKind, string> = { keep: 'Keep', revoke: 'Revoke', change_role: 'Change role', defer: 'Defer' };
export const DECISION_TONE: Record<ReviewDecisionKind, Tone> = { keep: 'ok', revoke: 'bad', change_role: 'warn', defer: 'muted' };
/** Keyboard shortcuts on the lines table: one letter per decision. */
export const DECISION_KEYS: Record<string, ReviewDecisionKind> = { k: 'keep', r: 'revoke', c: 'change_role', d: 'defer' };

export const mfaText = (v: boolean | null) => (v === null ? 'n/a' : v ? 'Yes' : 'No');
export const activityText = (v: string | null) => (v === null ? 'unknown' : v === 'never' ? 'never' : v.slice(0, 10));

export type LineFilter = 'all' | 'undecided' | 'dormant' | 'orphaned' | 'privileged' | 'no_mfa';
export const FILTERS: { id: LineFilter; label: string }[] = [
  { id: 'all', label: 'All lines' },
  { id: 'undecided', label: 'Undecided' },
  { id: 'privileged', label: 'Privileged' },
  { id: 'no_mfa', label: 'No MFA' },
  { id: 'dormant', label: 'Dormant' },
  { id: 'orphaned', label: 'Orphaned' },
];

export function matches(l: ReviewLineView, f: LineFilter): boolean {
  if (f === 'all') return true;
  if (f === 'undecided') return l.needsDecision && !l.decision;
  return (l.flags as string[]).includes(f);
}
