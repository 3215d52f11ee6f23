import type { ReportItem, ReportTable } from '../types';
import { azureStorageTable } from './azure';
import { gcpRetentionTable } from './gcp';
import { wandbRetentionTable } from './wandb';
import { cell, dateCell, isObj, mainList, pick, snapshotTable, subjectOf, yesNo, type Obj } from './format';

const SUBJECT = ['bucket', 'Bucket', 'name', 'Name', 'logGroupName', 'store', 'experimentId', 'id'];
const COLUMNS = ['Store', 'Retention / lifecycle', 'Lock / versioning / key'];

/** S3 summary rows (canonical aws.s3.retention): whole-bucket expiry, prefix rules, Object Lock, versioning. */
function s3Row(b: Obj): string[] {
  const prefixes = Array.isArray(b.prefixes) ? b.prefixes.filter(isObj) : [];
  const rules = prefixes.map(
    (p) =>
      `${cell(p.prefix) === '-' ? '(all)' : cell(p.prefix, 30)}: ${p.expireAfterDays ?? '-'} d${p.noncurrentExpireAfterDays != null ? `, noncurrent ${cell(p.noncurrentExpireAfterDays)} d` : ''}`,
  );
  const expiry =
    b.defaultExpireAfterDays != null
      ? `objects expire after ${cell(b.defaultExpireAfterDays)} days`
      : 'KEPT INDEFINITELY (no whole-bucket expiration)';
  const lock = b.objectLockMode ? `Object Lock ${cell(b.objectLockMode)} ${cell(b.objectLockMinimumDays)} d` : 'no Object Lock';
  return [cell(b.bucket, 50), [expiry, ...rules].join('; '), `${lock}; versioning ${cell(b.versioning, 20)}`];
}

function logRow(g: Obj): string[] {
  const never = g.neverExpires === true || g.retentionInDays == null;
  return [
    cell(pick(g, ['name', 'logGroupName']), 60),
    never ? 'NEVER EXPIRES (no retentionInDays)' : `${cell(g.retentionInDays)} days`,
    `KMS: ${yesNo(g.kmsKeyId != null)}`,
  ];
}

/** Any other store: its lifecycle/TTL fields if recognisable, else a compact JSON of the record. */
function genericRow(o: Obj): string[] {
  const store = cell(pick(o, SUBJECT) ?? subjectOf(o), 50);
  const rest = Object.fromEntries(Object.entries(o).filter(([k]) => !SUBJECT.includes(k)));
  const lock = pick(o, ['objectLock', 'retentionPolicy', 'immutability', 'locked']);
  const rules = pick(o, ['lifecycleRules', 'lifecycle', 'rules', 'gcSchedule', 'ttl', 'retentionDays']);
  return [store, cell(rules === undefined && lock === undefined ? rest : rules, 160), cell(lock, 80)];
}

/** MLflow deletes softly: deleted experiments and runs stay (with artifacts) until `mlflow gc` purges them. */
function mlflowRetention(item: ReportItem, content: Obj): ReportTable {
  const exps = Array.isArray(content.deletedExperiments) ? content.deletedExperiments.filter(isObj) : [];
  const runs = Array.isArray(content.deletedRuns) ? content.deletedRuns.filter(isObj) : [];
  const rows = [
    ...exps.map((e) => ['experiment', cell(e.experimentId, 20), cell(e.name, 60), '-', dateCell(e.lastUpdateTime)]),
    ...runs.map((r) => [
      'run',
      cell(r.runId, 34),
      `${cell(r.runName, 40)} (experiment ${cell(r.experimentId, 12)})`,
      cell(r.user, 30),
      dateCell(r.endTime),
    ]),
  ];
  const gc = content.gcSchedule
    ? `mlflow gc schedule (as attested in the source config): ${cell(content.gcSchedule, 80)}.`
    : 'No mlflow gc schedule stated: soft-deleted data is kept until someone runs mlflow gc.';
  const note = `${gc} ${exps.length} soft-deleted experiments and ${runs.length} soft-deleted runs still recoverable.`;
  return snapshotTable(
    'retention',
    'MLflow soft-deleted experiments and runs',
    item,
    ['Type', 'Id', 'Name', 'User', 'Last update / end'],
    rows,
    note,
  );
}

/** Retention settings per store (S3 buckets, log groups, MLflow deletion/gc, …) at the latest snapshot. */
export function retentionTable(item: ReportItem, content: unknown): ReportTable {
  const title = `Retention settings (${item.kind})`;
  if (item.kind === 'mlflow.retention' && isObj(content)) return mlflowRetention(item, content);
  if (item.kind === 'azure.storage.retention' && isObj(content)) return azureStorageTable(item, content);
  if (item.kind === 'wandb.retention' && isObj(content)) return wandbRetentionTable(item, content);
  if (item.kind === 'gcp.storage.retention' && isObj(content)) return gcpRetentionTable(item, content);
  if (item.kind === 'aws.s3.retention' && isObj(content) && Array.isArray(content.summary)) {
    const rows = content.summary.filter(isObj).map(s3Row);
    const indefinite = content.summary.filter((b) => isObj(b) && b.keptIndefinitelyOutsidePrefixes === true).length;
    return snapshotTable(
      'retention',
      title,
      item,
      COLUMNS,
      rows,
      `${rows.length} buckets; ${indefinite} keep objects indefinitely outside their prefix rules.`,
    );
  }
  if (item.kind === 'aws.logs.retention' && isObj(content) && Array.isArray(content.logGroups)) {
    const rows = content.logGroups.filter(isObj).map(logRow);
    const never = rows.filter((r) => r[1]!.startsWith('NEVER')).length;
    return snapshotTable('retention', title, item, COLUMNS, rows, `${rows.length} log groups; ${never} never expire.`);
  }
  const main = mainList(content, ['buckets', 'logGroups', 'stores', 'experiments', 'policies']);
  const note = main ? `${main.list.length} entries from "${main.field}".` : 'No list of stores found; the full content is in the evidence file.';
  const rows = main ? main.list.map(genericRow) : isObj(content) ? Object.entries(content).map(([k, v]) => [k, cell(v, 160), '-']) : [];
  return snapshotTable('retention', title, item, COLUMNS, rows, note);
}
