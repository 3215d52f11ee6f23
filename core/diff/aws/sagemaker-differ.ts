import { keyBy, visitKeyed } from '../compare';
import type { Change, Differ } from '../types';

type Entry = Record<string, unknown>;

/** Who (IAM identity or Studio user) last modified a package: the approver when the status changed. */
function who(userContext: unknown): string | null {
  const u = userContext as { IamIdentity?: { Arn?: string }; UserProfileName?: string } | null;
  return u?.IamIdentity?.Arn ?? u?.UserProfileName ?? null;
}

const state = (p: Entry) => ({
  status: p.approvalStatus ?? null,
  by: who(p.lastModifiedBy),
  at: p.lastModifiedTime ?? null,
  description: p.approvalDescription ?? null,
});

/** Model package versions added/removed and approval status changes, with by whom and when. */
export const sagemakerRegistryDiffer: Differ = (before, after) => {
  const groups = (v: unknown) => keyBy(((v ?? {}) as { groups?: Entry[] }).groups, (g) => String(g.name));
  const packages = (g: Entry) => keyBy(Array.isArray(g.packages) ? (g.packages as Entry[]) : [], (p) => String(p.version));
  const out: Change[] = [];
  visitKeyed(groups(before), groups(after), {
    added: (name) => out.push({ type: 'model_group_added', subject: `model group ${name}` }),
    removed: (name) => out.push({ type: 'model_group_removed', subject: `model group ${name}` }),
    both: (name, gb, ga) =>
      visitKeyed(packages(gb), packages(ga), {
        added: (v, p) =>
          out.push({
            type: 'version_created',
            subject: `model group ${name} v${v}`,
            after: { ...state(p), by: who(p.createdBy), at: p.creationTime ?? null },
          }),
        removed: (v) => out.push({ type: 'version_removed', subject: `model group ${name} v${v}` }),
        both: (v, pb, pa) => {
          if ((pb.approvalStatus ?? null) !== (pa.approvalStatus ?? null)) {
            out.push({
              type: 'approval_changed',
              subject: `model group ${name} v${v}`,
              field: 'approval status',
              before: state(pb),
              after: state(pa),
            });
          }
        },
      }),
  });
  return out;
};
