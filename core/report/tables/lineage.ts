import type { ReportItem, ReportTable } from '../types';
import { cell, isObj, mainList, pick, snapshotTable, subjectOf } from './format';

const short = (v: unknown, n: number) => (typeof v === 'string' && v.length > n ? v.slice(0, n) : cell(v, 40));

/** Datasets as "name@digest8 (context)", so a reader can match them to the data inventory. */
function datasets(list: unknown): string {
  if (!Array.isArray(list) || list.length === 0) return 'none recorded';
  return list
    .filter(isObj)
    .map((d) => `${cell(d.name, 30)}@${short(d.digest, 8)}${d.context ? ` (${cell(d.context, 12)})` : ''}`)
    .join(', ');
}

/** Registered versions traced to their training run: who ran it, which git commit, which datasets. */
export function lineageTable(item: ReportItem, content: unknown): ReportTable {
  const columns = ['Model', 'Version', 'Run', 'User', 'Git commit', 'Branch', 'Datasets', 'Problem'];
  if (isObj(content) && Array.isArray(content.versions)) {
    const versions = content.versions.filter(isObj);
    const rows = versions.map((v) => {
      const run = isObj(v.run) ? v.run : {};
      const git = isObj(run.git) ? run.git : {};
      return [
        cell(v.model, 40),
        cell(v.version, 8),
        short(v.runId, 12),
        cell(run.user, 30),
        short(git.commit, 12),
        cell(git.branch, 30),
        datasets(run.datasets),
        cell(v.problem, 60),
      ];
    });
    const commitOf = (v: Record<string, unknown>) => (isObj(v.run) && isObj(v.run.git) ? v.run.git.commit : null);
    const untraced = versions.filter((v) => !commitOf(v)).length;
    return snapshotTable(
      'lineage',
      'Model lineage (code and data)',
      item,
      columns,
      rows,
      `${versions.length} registered versions; ${untraced} without a recorded git commit.`,
    );
  }
  const main = mainList(content, ['runs', 'versions']);
  const rows = (main?.list ?? []).map((r) => [
    subjectOf(r),
    cell(pick(r, ['version'])),
    cell(pick(r, ['runId', 'run_id']), 34),
    cell(pick(r, ['user'])),
    cell(pick(r, ['gitCommit', 'commit'])),
    '-',
    cell(pick(r, ['datasets'])),
    '-',
  ]);
  return snapshotTable(
    'lineage',
    `Lineage (${item.kind})`,
    item,
    columns,
    rows,
    main ? `${main.list.length} entries from "${main.field}".` : 'No lineage list found in this snapshot.',
  );
}
