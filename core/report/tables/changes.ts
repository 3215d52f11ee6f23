import type { KindMappings } from '../../criteria';
import type { ReportItem, ReportTable } from '../types';
import { cell, isObj, type Obj } from './format';

interface Acc {
  table: ReportTable;
  total: number;
}

/** Every change from diff items in the period, one table per diff kind: joiners/leavers, promotions, drift. */
export class ChangeTables {
  private readonly byKind = new Map<string, Acc>();

  constructor(
    private readonly maxRows: number,
    private readonly mappings: KindMappings,
  ) {}

  add(item: ReportItem, content: Obj): void {
    const changes = Array.isArray(content.changes) ? content.changes.filter(isObj) : [];
    let acc = this.byKind.get(item.kind);
    if (!acc) {
      const registry = this.mappings.forKind(item.kind)?.family === 'registry';
      const table: ReportTable = {
        section: registry ? 'registry' : 'changes',
        title: registry ? `Model-registry timeline (${item.kind})` : `Joiners, leavers and changes (${item.kind})`,
        kind: item.kind,
        series: null,
        asOf: null,
        seq: null,
        columns: ['Between (UTC)', 'Source', 'Change', 'Subject', 'Field', 'Before', 'After'],
        rows: [],
        omitted: 0,
        note: null,
      };
      this.byKind.set(item.kind, (acc = { table, total: 0 }));
    }
    const at = (v: unknown) => (typeof v === 'string' ? v.slice(0, 16).replace('T', ' ') : '?');
    const from = isObj(content.from) ? at(content.from.collectedAt) : '?';
    const to = isObj(content.to) ? at(content.to.collectedAt) : at(item.collectedAt);
    acc.total += changes.length;
    for (const c of changes) {
      if (acc.table.rows.length >= this.maxRows) break;
      acc.table.rows.push([
        `${from} →\n${to}`,
        item.source ?? '-',
        cell(c.type, 30),
        cell(c.subject, 50),
        cell(c.field, 30),
        cell(c.before, 50),
        cell(c.after, 50),
      ]);
    }
  }

  finish(): ReportTable[] {
    return [...this.byKind.values()].map(({ table, total }) => ({
      ...table,
      omitted: total - table.rows.length,
      note: `${total} changes in ${table.kind} items recorded in the period${total === 0 ? ' (no changes between the compared snapshots)' : ''}.`,
    }));
  }
}
