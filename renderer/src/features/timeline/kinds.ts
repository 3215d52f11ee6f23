import type { TimelineKind } from '@contract';

export const KIND_LABEL: Record<TimelineKind, string> = {
  joiner: 'Joiner',
  leaver: 'Leaver',
  role_change: 'Role change',
  promotion: 'Promotion',
  approval: 'Approval',
  alias_move: 'Alias move',
  registry_change: 'Registry change',
  retention_change: 'Retention change',
  logging_change: 'Logging change',
  lineage_change: 'Lineage change',
  other: 'Other change',
};

/** In the order the contract lists them (TIMELINE_KINDS), without importing the contract's values into the page. */
export const KINDS = Object.keys(KIND_LABEL) as TimelineKind[];
