import type { Freshness, ReadinessStatus, SourceHealth, StrengthLabelsView } from '@contract';
import type { Tone } from '../../components/ui';

export const STATUS: Record<ReadinessStatus, { label: string; tone: Tone }> = {
  covered: { label: 'Covered', tone: 'ok' },
  at_risk: { label: 'At risk', tone: 'warn' },
  not_covered: { label: 'Not covered', tone: 'bad' },
  not_applicable: { label: 'Not applicable', tone: 'muted' },
};

export const HEALTH: Record<SourceHealth | 'never_run' | 'import_only', { label: string; tone: Tone }> = {
  ok: { label: 'OK', tone: 'ok' },
  no_data: { label: 'No data', tone: 'warn' },
  partial: { label: 'Partial', tone: 'warn' },
  connection_error: { label: 'Connection error', tone: 'bad' },
  credentials_rejected: { label: 'Credentials rejected', tone: 'bad' },
  failed: { label: 'Failed', tone: 'bad' },
  interrupted: { label: 'Interrupted', tone: 'warn' },
  running: { label: 'Running', tone: 'info' },
  never_run: { label: 'Never run', tone: 'muted' },
  import_only: { label: 'Imports only', tone: 'muted' },
};

export const FRESHNESS: Record<Freshness, { label: string; tone: Tone }> = {
  fresh: { label: 'Fresh', tone: 'ok' },
  due_soon: { label: 'Due soon', tone: 'warn' },
  overdue: { label: 'Overdue', tone: 'bad' },
};

const PROVENANCE: Record<StrengthLabelsView['provenance'], string> = {
  api_snapshot: 'API snapshot',
  admin_export: 'Admin export',
  manual_upload: 'Manual upload',
  derived: 'Derived',
};

/** The three strength labels the core computed (criteria.md §3), in words. */
export function strengthText(l: StrengthLabelsView): string {
  return [l.assurance === 'operating' ? 'Operating' : 'Design', l.coverage === 'period' ? 'Period' : 'Point in time', PROVENANCE[l.provenance]].join(
    ' · ',
  );
}

export const CADENCE_TEXT: Record<string, string> = { daily: 'daily', weekly: 'weekly', monthly: 'monthly', cron: 'cron' };
