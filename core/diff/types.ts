/** One difference between two snapshots of the same kind and scope, e.g. a stage change or a revoked grant. */
export interface Change {
  /** Machine name, e.g. "version_created", "stage_changed", "alias_moved", "user_added", "permission_revoked". */
  type: string;
  /** What changed, human-readable and stable: "model fraud v3", "user alice", "bucket ml-data". */
  subject: string;
  field?: string;
  before?: unknown;
  after?: unknown;
}

/** Compares two snapshot contents of one kind. Pure: no I/O, deterministic order of changes. */
export type Differ = (before: unknown, after: unknown) => Change[];
