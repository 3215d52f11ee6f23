import { getCriterion } from './catalog';

/** Which criteria an evidence kind supports and what the auditor should look at in it (criteria.md §2). */
export interface KindMapping {
  kind: string;
  criteria: string[];
  focus: string;
  /** Evidence family, used to pick report tables: access, registry, lineage, retention, logging, other. */
  family: EvidenceFamily;
  /** True for `<kind>.diff` items derived from consecutive snapshots. */
  derived: boolean;
}

export type EvidenceFamily = 'identity' | 'access' | 'registry' | 'lineage' | 'retention' | 'logging';

interface FamilyRule {
  criteria: string[];
  focus: string;
  /** Criteria and focus for the diffs of these kinds (joiners/leavers, promotions, retention drift). */
  diff: { criteria: string[]; focus: string };
}

const FAMILIES: Record<EvidenceFamily, FamilyRule> = {
  identity: {
    criteria: ['CC6.1', 'CC6.2', 'CC6.3', 'CC6.6'],
    focus:
      'Full identity population; MFA on every human console user; stale users; key age against the rotation policy; few owner/admin holders; root or break-glass use.',
    diff: {
      criteria: ['CC6.2', 'CC6.3', 'CC4.1'],
      focus:
        'Every joiner, leaver and role change in the period: joiners traced to approvals, leavers removed within the policy window, periodic review sign-offs.',
    },
  },
  access: {
    criteria: ['CC6.1', 'CC6.2', 'CC6.3', 'CC6.7'],
    focus:
      'Who can write or promote production models and pull model weights; trainer is not approver; leavers absent; default permission no broader than policy.',
    diff: {
      criteria: ['CC6.2', 'CC6.3', 'CC4.1'],
      focus:
        'Every joiner, leaver and permission change in the period: joiners traced to approvals, leavers removed within the policy window, periodic review sign-offs.',
    },
  },
  registry: {
    criteria: ['CC8.1', 'CC6.3', 'A1.2'],
    focus:
      'All production promotions: approver is not the author, approval before deployment, evaluation results, link to a training run; prior versions kept for rollback; emergency changes flagged.',
    diff: {
      criteria: ['CC8.1', 'CC6.3', 'A1.2'],
      focus:
        'The population of registry changes in the period (new versions, stage changes, alias moves, approvals), each to be traced to an approval by someone other than the author.',
    },
  },
  lineage: {
    criteria: ['CC8.1', 'PI1.2', 'PI1.3', 'C1.1'],
    focus: 'Each production model traces to reviewed code (git commit) and identified dataset versions (name, digest, source).',
    diff: { criteria: ['CC8.1', 'PI1.2', 'PI1.3', 'C1.1'], focus: 'Lineage records that appeared or changed in the period.' },
  },
  retention: {
    criteria: ['C1.1', 'C1.2', 'P4.2', 'P4.3', 'A1.2'],
    focus:
      'Retention periods match the written schedule per data class; disposal actually happens (expirations, gc runs); locks and holds recorded and justified; stores that never expire flagged.',
    diff: {
      criteria: ['C1.1', 'C1.2', 'P4.2', 'P4.3', 'A1.2'],
      focus: 'Every change to a retention, lifecycle or lock setting in the period (drift events), each to be explained.',
    },
  },
  logging: {
    criteria: ['CC7.2', 'CC4.1', 'CC7.3'],
    focus:
      'Audit logging on for the whole period in every in-scope account, region and project; logs protected (validation, encryption) and retained; reviewed or alerted on.',
    diff: {
      criteria: ['CC7.2', 'CC4.1', 'CC7.3'],
      focus: 'Every change to audit-logging configuration in the period (e.g. a trail stopped or validation disabled).',
    },
  },
};

/**
 * The kind → criteria table for the source families in use: each family declares its snapshot kinds with their
 * evidence family; the rules above give the criteria and focus, and every kind's `<kind>.diff` comes with it.
 * Built from what exists, so the table never names kinds of sources this build does not have.
 */
export class KindMappings {
  private readonly map = new Map<string, KindMapping>();

  constructor(rows: readonly { kind: string; family: EvidenceFamily }[]) {
    for (const { kind, family } of rows) {
      const rule = FAMILIES[family];
      this.map.set(kind, { kind, criteria: [...rule.criteria], focus: rule.focus, family, derived: false });
      this.map.set(`${kind}.diff`, { kind: `${kind}.diff`, criteria: [...rule.diff.criteria], focus: rule.diff.focus, family, derived: true });
    }
    for (const m of this.map.values()) m.criteria.forEach((id) => getCriterion(id)); // the table may only name real ids
  }

  /** The mapping for a kind, including derived `<kind>.diff` kinds; null for kinds we do not map. */
  forKind(kind: string): KindMapping | null {
    const m = this.map.get(kind);
    return m ? { ...m, criteria: [...m.criteria] } : null;
  }

  /** Every mapped kind (snapshots and their diffs) that supports the criterion. Unknown ids throw BAD_INPUT. */
  kindsForCriterion(id: string): string[] {
    const { id: canonical } = getCriterion(id);
    return [...this.map.values()].filter((m) => m.criteria.includes(canonical)).map((m) => m.kind);
  }

  all(): KindMapping[] {
    return [...this.map.values()].map((m) => ({ ...m, criteria: [...m.criteria] }));
  }
}

/** The snapshot kind a diff kind was derived from, or the kind itself. */
export function baseKind(kind: string): string {
  return kind.endsWith('.diff') ? kind.slice(0, -'.diff'.length) : kind;
}
