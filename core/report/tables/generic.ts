import type { ReportItem, ReportTable } from '../types';
import { cell, isObj, snapshotTable } from './format';

/** Unknown or unstructured kinds: a key/value summary of the snapshot's top level, arrays counted. */
export function genericTable(item: ReportItem, content: unknown): ReportTable {
  const rows: string[][] = [];
  if (isObj(content)) {
    for (const [k, v] of Object.entries(content)) {
      const value = Array.isArray(v)
        ? `${v.length} entries`
        : isObj(v)
          ? `{ ${Object.keys(v).slice(0, 8).join(', ')}${Object.keys(v).length > 8 ? ', …' : ''} }`
          : cell(v, 120);
      rows.push([k, value]);
    }
  } else {
    rows.push(['(value)', Array.isArray(content) ? `${content.length} entries` : cell(content, 120)]);
  }
  return snapshotTable(
    'other',
    `Snapshot summary (${item.kind})`,
    item,
    ['Field', 'Value'],
    rows,
    'Top-level fields; the full content is in the evidence file.',
  );
}
