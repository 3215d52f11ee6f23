import { baseKind, type KindMappings } from '../../criteria';
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

function snapshotTableFor(mappings: KindMappings, kind: string): SnapshotTable {
  switch (mappings.forKind(kind)?.family) {
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
  private readonly changes: ChangeTables;

  /** Snapshot kind → a source it came from, to name the `diff` command when no diff items exist. */
  private readonly snapshotSources = new Map<string, string | null>();

  constructor(
    private readonly latestSeqs: ReadonlySet<number>,
    private readonly mappings: KindMappings,
    private readonly mappedKinds: ReadonlySet<string> = new Set(),
  ) {
    this.changes = new ChangeTables(MAX_ROWS, mappings);
  }

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
    this.snapshots.push(snapshotTableFor(this.mappings, item.kind)(item, parsed));
    if (!this.snapshotSources.has(item.kind)) this.snapshotSources.set(item.kind, item.source);
  }

  /** Where the criterion maps a diff kind but none was recorded, say so and how to record it, instead of silence. */
  private missingDiffs(present: ReadonlySet<string>): ReportTable[] {
    const out: ReportTable[] = [];
    for (const [kind, source] of this.snapshotSources) {
      const diffKind = `${kind}.diff`;
      if (!this.mappedKinds.has(diffKind) || present.has(diffKind)) continue;
      const registry = this.mappings.forKind(diffKind)?.family === 'registry';
      out.push({
        section: registry ? 'registry' : 'changes',
        title: registry ? `Model-registry timeline (${diffKind})` : `Joiners, leavers and changes (${diffKind})`,
        kind: diffKind,
        series: null,
        asOf: null,
        seq: null,
        columns: [],
        rows: [],
        omitted: 0,
        note: `No ${diffKind} items were recorded for the period, so changes between ${kind} snapshots are not listed. Record them with \`evidence-locker diff --source ${source ?? '<source>'} --kind ${kind}\` (the last two snapshots, or --from/--to item numbers).`,
      });
    }
    return out;
  }

  finish(): ReportTable[] {
    const order = ['access', 'changes', 'registry', 'lineage', 'retention', 'other'];
    const changes = this.changes.finish();
    const present = new Set(changes.map((t) => t.kind));
    return [...this.snapshots, ...changes, ...this.missingDiffs(present)].sort(
      (a, b) => order.indexOf(a.section) - order.indexOf(b.section) || a.kind.localeCompare(b.kind) || (a.series ?? '').localeCompare(b.series ?? ''),
    );
  }
}
