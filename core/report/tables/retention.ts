import type { ReportItem, ReportTable } from '../types';
import { cell, mainList, pick, snapshotTable, subjectOf, type Obj } from './format';

const SUBJECT = ['bucket', 'Bucket', 'name', 'Name', 'logGroupName', 'store', 'experimentId', 'id'];

/** One row per store: the retention-relevant settings, with "never expires" called out instead of left blank. */
function row(kind: string, o: Obj): string[] {
  const store = cell(pick(o, SUBJECT) ?? subjectOf(o), 50);
  if (kind === 'aws.logs.retention') {
    const days = pick(o, ['retentionInDays']);
    return [store, days === undefined || days === null ? 'NEVER EXPIRES (no retentionInDays)' : `${cell(days)} days`, cell(pick(o, ['kmsKeyId']), 40)];
  }
  const rest = Object.fromEntries(Object.entries(o).filter(([k]) => !SUBJECT.includes(k)));
  const lock = pick(o, ['objectLock', 'objectLockConfiguration', 'retentionPolicy', 'immutability', 'locked']);
  const rules = pick(o, ['lifecycleRules', 'lifecycle', 'rules', 'gcSchedule', 'ttl']);
  const summary = lock === undefined && rules === undefined ? cell(rest, 160) : cell(rules, 160);
  return [store, summary, cell(lock, 80)];
}

/** Retention settings per store (S3 buckets, log groups, MLflow deletion/gc, …) at the latest snapshot. */
export function retentionTable(item: ReportItem, content: unknown): ReportTable {
  const main = mainList(content, ['buckets', 'logGroups', 'stores', 'experiments', 'policies']);
  const columns = ['Store', 'Retention / lifecycle', 'Lock / hold / key'];
  const rows = (main?.list ?? []).map((o) => row(item.kind, o));
  const note = main ? `${main.list.length} entries from "${main.field}".` : 'No list of stores found; see the generic summary in the evidence file.';
  return snapshotTable('retention', `Retention settings (${item.kind})`, item, columns, rows, note);
}
