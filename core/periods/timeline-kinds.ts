import type { EvidenceFamily } from '../criteria';
import type { Change } from '../diff/types';

export const TIMELINE_KINDS = [
  'joiner',
  'leaver',
  'role_change',
  'promotion',
  'approval',
  'alias_move',
  'registry_change',
  'retention_change',
  'logging_change',
  'lineage_change',
  'other',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

// Differs name changes per family (user_added, member_removed, principal_orphaned, org_user_deactivated …).
const PERSON = /(^|_)(user|member|principal|invite)/;
const JOINED = /(added|created|accepted|recreated)$/;
const LEFT = /(removed|deleted|deactivated|orphaned)$/;

/** What kind of event a change is, from the evidence family of its snapshot and the differ's change type. */
export function classify(family: EvidenceFamily | null, type: string): TimelineKind {
  switch (family) {
    case 'identity':
    case 'access':
      if (PERSON.test(type) && JOINED.test(type)) return 'joiner';
      if (PERSON.test(type) && LEFT.test(type)) return 'leaver';
      return 'role_change';
    case 'registry':
      if (type.startsWith('alias_')) return 'alias_move';
      if (type.includes('approval')) return 'approval';
      if (type === 'stage_changed') return 'promotion';
      return 'registry_change';
    case 'retention':
      return 'retention_change';
    case 'logging':
      return 'logging_change';
    case 'lineage':
      return 'lineage_change';
    default:
      return 'other';
  }
}

const show = (v: unknown): string => {
  if (v === undefined || v === null) return '—';
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
};

/** One line for a person: "user alice: user removed", "model fraud v3: stage changed: Staging → Production". */
export function summarize(c: Change): string {
  const what = c.type.replace(/_/g, ' ');
  const field = c.field ? ` (${c.field})` : '';
  const values = c.before !== undefined || c.after !== undefined ? `: ${show(c.before)} → ${show(c.after)}` : '';
  return `${c.subject}: ${what}${field}${values}`;
}
