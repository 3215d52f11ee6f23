import type { ReportItem, ReportTable } from '../types';
import { cell, dateCell, isObj, snapshotTable, yesNo } from './format';
import { genericTable } from './generic';
import { wandbAuditTable } from './wandb';

/** Audit-logging configuration: one row per CloudTrail trail with its logging status and protections. */
export function loggingTable(item: ReportItem, content: unknown): ReportTable {
  if (item.kind === 'wandb.audit-log' && isObj(content)) return wandbAuditTable(item, content);
  if (!isObj(content) || !Array.isArray(content.trails)) return genericTable(item, content);
  const trails = content.trails.filter(isObj);
  const rows = trails.map((t) => {
    const st = isObj(t.status) ? t.status : {};
    const logging = 'error' in st ? `unknown (${cell(isObj(st.error) ? st.error.code : st.error, 30)})` : yesNo(st.isLogging);
    return [
      cell(t.name, 40),
      logging,
      yesNo(t.isMultiRegionTrail),
      yesNo(t.isOrganizationTrail),
      yesNo(t.logFileValidationEnabled),
      yesNo(t.kmsKeyId != null),
      cell(t.s3BucketName, 40),
      dateCell(st.latestDeliveryTime),
    ];
  });
  const columns = ['Trail', 'Logging', 'Multi-region', 'Org trail', 'File validation', 'KMS', 'S3 bucket', 'Last delivery'];
  const note =
    trails.length === 0
      ? 'No trails in this account and region: API activity is not being kept beyond the 90-day event history.'
      : `${trails.length} trails.`;
  return snapshotTable('other', 'Audit logging (CloudTrail trails)', item, columns, rows, note);
}
