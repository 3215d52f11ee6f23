import type { ReportItem, ReportTable } from '../types';
import { cell, dateCell, isObj, snapshotTable, type Obj } from './format';

/** GCP snapshots as PDF tables: one row per member and grant, per bucket, per model version. */

const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** An expired time-boxed grant is shown as such: it is in the policy but gives no access. */
const ACCESS: Record<string, string> = {
  active: 'active',
  expired: 'EXPIRED (no access)',
  not_yet_active: 'not yet active',
  conditional: 'conditional',
};

/** Project IAM: every member's grants with their conditions judged at the snapshot time, then the audit-log settings. */
export function gcpIamTable(item: ReportItem, content: Obj): ReportTable {
  const rows: string[][] = [];
  for (const m of list(content.members)) {
    for (const g of list(m.grants)) {
      const who = m.deleted ? `${cell(m.member, 60)} (DELETED identity)` : cell(m.member, 70);
      rows.push([who, cell(m.type, 16), cell(g.role, 40), cell(g.condition, 40), ACCESS[String(g.status)] ?? cell(g.status), dateCell(g.expiresAt)]);
    }
  }
  const s = isObj(content.summary) ? content.summary : {};
  const audit = list(content.auditConfigs)
    .map((a) => {
      const types = list(a.auditLogConfigs).map((l) => {
        const exempt = Array.isArray(l.exemptedMembers) ? l.exemptedMembers.length : 0;
        return `${cell(l.logType)}${exempt ? ` (${exempt} exempt)` : ''}`;
      });
      return `${cell(a.service, 40)}: ${types.join(', ')}`;
    })
    .join('; ');
  const note = [
    `Project ${cell(content.project)}, policy version ${cell(content.version)}, conditions judged as of ${cell(content.asOf)}.`,
    `${cell(s.members)} members in ${cell(s.bindings)} bindings (${cell(s.conditionalBindings)} conditional); owners: ${cell(s.owners, 200)}.`,
    `Expired grants: ${cell(s.expiredGrants)}; deleted identities still bound: ${Array.isArray(s.deletedMembers) ? s.deletedMembers.length : '-'}; public members: ${cell(s.publicMembers)}.`,
    `Data Access audit logs: ${audit || 'none configured (Admin Activity logs are always on)'}.`,
  ].join(' ');
  return snapshotTable(
    'access',
    `GCP project IAM policy (${cell(content.project)})`,
    item,
    ['Member', 'Type', 'Role', 'Condition', 'Access', 'Expires (UTC)'],
    rows,
    note,
  );
}

function bucketRow(b: Obj, summary: Obj | undefined): string[] {
  const r = isObj(b.retentionPolicy) ? b.retentionPolicy : null;
  const rules = list(b.lifecycleRules).map((x) => {
    const a = isObj(x.action) ? x.action : {};
    const c = isObj(x.condition) ? x.condition : {};
    return `${cell(a.type)}${a.storageClass ? ` → ${cell(a.storageClass)}` : ''} ${Object.entries(c)
      .map(([k, v]) => `${k}=${cell(v, 30)}`)
      .join(' ')}`;
  });
  const kept =
    summary?.deleteAfterDays != null ? `objects deleted after ${cell(summary.deleteAfterDays)} d` : 'KEPT INDEFINITELY (no whole-bucket delete rule)';
  const retention = [r ? `minimum ${cell(r.retention)} ${r.isLocked ? '(LOCKED)' : '(unlocked)'}` : 'no retention policy', kept, ...rules].join('; ');
  const sd = isObj(b.softDeletePolicy) ? `soft delete ${cell(b.softDeletePolicy.retention)}` : 'soft delete default';
  const uba = isObj(b.uniformBucketLevelAccess) && b.uniformBucketLevelAccess.enabled ? 'uniform access' : 'fine-grained ACLs';
  const protect = [
    sd,
    `versioning ${b.versioning ? 'on' : 'off'}`,
    uba,
    `PAP ${cell(b.publicAccessPrevention)}`,
    b.defaultKmsKeyName ? `CMEK ${cell(String(b.defaultKmsKeyName).split('/').pop())}` : 'Google-managed key',
    isObj(b.logging) ? `logs → ${cell(b.logging.logBucket)}` : 'no access logs',
  ];
  const iam = isObj(b.iamPolicy) ? b.iamPolicy : {};
  const who =
    iam.status === 'ok'
      ? Array.isArray(summary?.publicMembers) && summary.publicMembers.length
        ? `PUBLIC: ${cell(summary.publicMembers)}`
        : `${list(iam.members).length} members, none public`
      : iam.status === 'not_in_export'
        ? 'not in export'
        : `unknown (${cell(iam.code)})`;
  return [cell(b.name, 50), retention, protect.join('; '), who];
}

/** Cloud Storage: per bucket, how long objects are kept at least (retention, lock) and at most (lifecycle), and who can read. */
export function gcpRetentionTable(item: ReportItem, content: Obj): ReportTable {
  const summaries = new Map(list(content.summary).map((s) => [String(s.bucket), s]));
  const buckets = list(content.buckets);
  const rows = buckets.map((b) => bucketRow(b, summaries.get(String(b.name))));
  const indefinite = [...summaries.values()].filter((s) => s.keptIndefinitely === true).length;
  const note = `Project ${cell(content.project)}: ${buckets.length} buckets; ${indefinite} keep objects until someone deletes them. Retention periods and soft delete are exact seconds from the API, shown in days.`;
  return snapshotTable(
    'retention',
    `GCS bucket retention (${cell(content.project)})`,
    item,
    ['Bucket', 'Retention / lifecycle', 'Protection', 'Bucket IAM'],
    rows,
    note,
  );
}

/** Vertex AI: every model version with its aliases (`default` is the one served by default), times and deployments. */
export function gcpRegistryTable(item: ReportItem, content: Obj): ReportTable {
  const rows: string[][] = [];
  for (const m of list(content.models)) {
    for (const v of list(m.versions)) {
      const deployed = list(v.deployedModels).map((d) => `endpoint ${cell(String(d.endpoint).split('/').pop())}`);
      const labels = isObj(v.labels)
        ? Object.entries(v.labels)
            .map(([k, x]) => `${k}=${cell(x, 20)}`)
            .join(', ')
        : '';
      rows.push([
        `${cell(m.displayName, 30)} (${cell(m.modelId, 20)})`,
        cell(v.versionId, 8),
        cell(v.aliases, 40),
        dateCell(v.versionCreateTime),
        dateCell(v.versionUpdateTime),
        deployed.join(', ') || '-',
        labels || '-',
      ]);
    }
  }
  const note = `${list(content.models).length} models in ${cell(content.project)} / ${cell(content.region)}, ${rows.length} versions. Vertex keeps no history of alias moves: the Model-registry timeline lists them from our snapshots.`;
  return snapshotTable(
    'registry',
    `Vertex AI model registry (${cell(content.region)})`,
    item,
    ['Model', 'Version', 'Aliases', 'Created (UTC)', 'Updated (UTC)', 'Deployed', 'Labels'],
    rows,
    note,
  );
}
