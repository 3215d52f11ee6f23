import { baseKind, mappingsForKind } from '../../criteria';
import type { ReportItem, ReportTable } from '../types';
import { accessTable } from './access';
import { ChangeTables } from './changes';
import { genericTable } from './generic';
import { lineageTable } from './lineage';
import { loggingTable } from './logging';
import { registryTable } from './registry';
import { retentionTable } from './retention';
import { isObj, MAX_ROWS } from './format';

type SnapshotTable = (item: ReportItem, content: unknown) => ReportTable;

function snapshotTableFor(kind: string): SnapshotTable {
  switch (mappingsForKind(kind)?.family) {
    case 'identity':
    case 'access':
      return accessTable;
    case 'registry':
      return registryTable;
    case 'retention':
      return retentionTable;
    case 'logging':
      return loggingTable;
    case 'lineage':
      return lineageTable;
    default:
      return genericTable;
  }
}

/**
 * Folds report items into bounded tables: the latest snapshot per series (state at the period end) and every
 * change from diff items. Content is parsed only for items that feed a table.
 */
export class TableBuilder {
  private readonly snapshots: ReportTable[] = [];
  private readonly changes = new ChangeTables(MAX_ROWS);

  constructor(private readonly latestSeqs: ReadonlySet<number>) {}

  /** Whether `add` needs this item's content (callers skip reading it otherwise). */
  wants(item: ReportItem): boolean {
    return item.kind !== baseKind(item.kind) ? item.completeness !== 'failed' : this.latestSeqs.has(item.seq);
  }

  add(item: ReportItem, content: Buffer): void {
    if (!this.wants(item)) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(content.toString('utf8'));
    } catch {
      return;
    }
    if (item.kind !== baseKind(item.kind)) {
      if (isObj(parsed)) this.changes.add(item, parsed);
      return;
    }
    this.snapshots.push(snapshotTableFor(item.kind)(item, parsed));
  }

  finish(): ReportTable[] {
    const order = ['access', 'changes', 'registry', 'lineage', 'retention', 'other'];
    return [...this.snapshots, ...this.changes.finish()].sort(
      (a, b) => order.indexOf(a.section) - order.indexOf(b.section) || a.kind.localeCompare(b.kind) || (a.series ?? '').localeCompare(b.series ?? ''),
    );
  }
}
