/**
 * One principal as an access snapshot shows it, whatever the source: the unit a reviewer decides on.
 * Normalisers (normalise/*.ts) turn each access kind's content into these.
 */
export interface AccessPrincipal {
  /** Stable within the source: what the next review and the follow-up match on (user name, member id, object id). */
  principal: string;
  /** What a reviewer reads; often the same as principal. */
  displayName: string;
  type: 'user' | 'group' | 'service' | 'root' | 'domain' | 'team' | 'deleted' | 'unknown';
  /** Each role or grant in words: "admin", "roles/owner", "Owner at rg-ml", "experiment 1: EDIT". */
  roles: string[];
  /** true/false where the source says; null where it cannot know (MLflow basic auth, GCP IAM). */
  mfa: boolean | null;
  /** Last sign-in or key use (ISO); null where unknown; 'never' when the source says it was never used. */
  lastActivity: string | null | 'never';
  createdAt: string | null;
  /** The source marks it deleted or unresolvable (GCP deleted:, Azure orphaned). */
  deleted: boolean;
  /** An e-mail or user name that identifies a person across sources; null for groups, services, domains. */
  person: string | null;
  /** Admin or owner rights, as the source expresses them. */
  privileged: boolean;
}

export type LineTag = 'new' | 'removed' | 'unchanged';
export type LineFlag = 'dormant' | 'orphaned' | 'privileged' | 'no_mfa';
export type DecisionKind = 'keep' | 'revoke' | 'change_role' | 'defer';
export const DECISIONS: readonly DecisionKind[] = ['keep', 'revoke', 'change_role', 'defer'];

/** One line of a review: a principal of one source, merged over that source's access kinds in the review. */
export interface ReviewLine extends AccessPrincipal {
  line: number;
  /** `source|principal`. */
  key: string;
  source: string;
  sourceType: string;
  kinds: string[];
  /** The snapshots (item seq) this line was read from. */
  snapshots: number[];
  tag: LineTag;
  flags: LineFlag[];
  /** Why each flag is set, in words. */
  flagNotes: string[];
  /** Roles at the previous review, when they differ. */
  rolesBefore?: string[];
  /** A removed line needs no decision: the access is already gone. */
  needsDecision: boolean;
}
