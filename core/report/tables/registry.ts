import type { ReportItem, ReportTable } from '../types';
import { azureMlTable } from './azure';
import { gcpRegistryTable } from './gcp';
import { wandbRegistryTable } from './wandb';
import { cell, dateCell, isObj, mainList, pick, snapshotTable, subjectOf, type Obj } from './format';

const when = dateCell;

function mlflowRows(models: Obj[]): string[][] {
  const rows: string[][] = [];
  for (const m of models) {
    const versions = Array.isArray(m.versions) ? m.versions.filter(isObj) : [];
    for (const v of versions) {
      rows.push([
        cell(m.name, 40),
        cell(v.version, 10),
        cell(v.currentStage),
        cell(v.aliases),
        cell(v.userId, 30),
        when(v.creationTimestamp),
        cell(v.runId, 34),
      ]);
    }
  }
  return rows;
}

/** CreatedBy/LastModifiedBy as SageMaker returns them: an IAM identity ARN or a Studio user profile. */
function who(v: unknown): string {
  if (!isObj(v)) return cell(v, 40);
  const iam = isObj(v.IamIdentity) ? v.IamIdentity.Arn : undefined;
  return cell(iam ?? v.UserProfileName ?? v, 60);
}

/** SageMaker model packages: approval status, who created and last modified each version. */
function sagemaker(item: ReportItem, groups: Obj[]): ReportTable {
  const rows: string[][] = [];
  for (const g of groups) {
    for (const p of Array.isArray(g.packages) ? g.packages.filter(isObj) : []) {
      rows.push([
        cell(g.name, 40),
        cell(p.version, 8),
        cell(p.approvalStatus, 24),
        cell(p.approvalDescription, 40),
        who(p.createdBy),
        who(p.lastModifiedBy),
        when(p.creationTime),
        when(p.lastModifiedTime),
      ]);
    }
  }
  const columns = ['Group', 'Version', 'Approval', 'Approval note', 'Created by', 'Last modified by', 'Created', 'Modified'];
  return snapshotTable(
    'registry',
    'SageMaker model packages',
    item,
    columns,
    rows,
    `${groups.length} model package groups, ${rows.length} versions.`,
  );
}

/** Model-registry state at the latest snapshot: versions, stages, aliases, authors, approvals. */
export function registryTable(item: ReportItem, content: unknown): ReportTable {
  if (isObj(content) && Array.isArray(content.models) && item.kind.startsWith('mlflow.')) {
    const models = content.models.filter(isObj);
    const columns = ['Model', 'Version', 'Stage', 'Aliases', 'Author', 'Created (UTC)', 'Run'];
    return snapshotTable('registry', 'Model registry versions', item, columns, mlflowRows(models), `${models.length} registered models.`);
  }
  if (item.kind === 'azure.ml.registry' && isObj(content)) return azureMlTable(item, content);
  if (isObj(content) && Array.isArray(content.groups)) return sagemaker(item, content.groups.filter(isObj));
  if (item.kind === 'wandb.registry' && isObj(content)) return wandbRegistryTable(item, content);
  if (item.kind === 'gcp.vertex.registry' && isObj(content)) return gcpRegistryTable(item, content);
  const main = mainList(content, ['modelPackages', 'packages', 'models', 'versions']);
  const columns = ['Model / package', 'Version', 'Approval / stage', 'Created by', 'Created', 'Modified'];
  const rows = (main?.list ?? []).map((p) => [
    cell(pick(p, ['modelPackageGroupName', 'group', 'model', 'name']) ?? subjectOf(p), 40),
    cell(pick(p, ['modelPackageVersion', 'version', 'versionId']), 10),
    cell(pick(p, ['modelApprovalStatus', 'approvalStatus', 'stage', 'currentStage', 'aliases']), 30),
    cell(pick(p, ['createdBy', 'userId', 'author']), 40),
    when(pick(p, ['creationTime', 'createdAt', 'creationTimestamp'])),
    when(pick(p, ['lastModifiedTime', 'updatedAt', 'lastUpdatedTimestamp'])),
  ]);
  return snapshotTable(
    'registry',
    `Model registry (${item.kind})`,
    item,
    columns,
    rows,
    main ? `${main.list.length} entries from "${main.field}".` : 'No model list found in this snapshot.',
  );
}
