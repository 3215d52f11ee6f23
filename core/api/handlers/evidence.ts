import type { CoreContext } from '../../context';
import { CRITERIA, criteriaFromManualAndVendors, getCriterion, itemLabels, periodOf } from '../../criteria';
import { getPeriod } from '../../store/period-store';
import { AppError } from '../../util/errors';
import { summarizeIpe } from '../../report/ipe-summary';
import { TableBuilder } from '../../report/tables';
import type { ReportItem } from '../../report/types';
import { browseItems, itemFacets, itemWithIntegrity, listExportsWithChain, listRunsWithDetails, type RunListRow } from '../../store/browse-reads';
import type { evidenceContract, ItemFilter, ItemRowView, RunOutcome } from '../contract/evidence';
import type { Handlers } from './handler';
import { HUMAN_KINDS, humanCriteriaBySeq } from './human-criteria';

/** The kinds an item filter allows: its kind, its criterion's kinds, or both (an empty list matches nothing). */
export function kindsFor(ctx: CoreContext, f: ItemFilter): string[] | undefined {
  let kinds = f.kind ? [f.kind] : undefined;
  if (f.criterion) {
    const id = getCriterion(f.criterion).id;
    const forCriterion = ctx.catalog.mappings.kindsForCriterion(id);
    kinds = kinds ? kinds.filter((k) => forCriterion.includes(k)) : forCriterion;
  }
  return kinds;
}

const CONNECTION = new Set(['UNREACHABLE', 'AUTH_FAILED', 'FORBIDDEN', 'ENVIRONMENT']);

/** Connection errors and "nothing there" are told apart from a failed collection (ux-anchors §3). */
export function runOutcome(r: Pick<RunListRow, 'status' | 'code' | 'records' | 'items'>): RunOutcome {
  if (r.status === 'failed') return r.code && CONNECTION.has(r.code) ? 'connection_error' : 'failed';
  if (r.status === 'complete' && r.records === 0) return 'no_data';
  return r.status;
}

/** in_period / outside_period by the evidence-for time (never mixed in silently), or null without a period. */
function periodMarker(period: { from: string; to: string } | null): (evidenceFor: string) => ItemRowView['periodMark'] {
  if (!period) return () => null;
  const { start, end } = periodOf(period.from, period.to);
  return (t) => {
    const ms = Date.parse(t);
    return ms >= start.getTime() && ms <= end.getTime() ? 'in_period' : 'outside_period';
  };
}

// All of these only read: ctx.readStore(), so the app can browse a store it cannot write (read-only copy or folder).
export const evidenceHandlers: Handlers<keyof typeof evidenceContract> = {
  'items.list'(ctx, input) {
    const { offset, limit, period: periodName, onlyPeriod, ...filter } = input;
    const store = ctx.readStore();
    const period = periodName ? getPeriod(store, periodName) : null;
    if (onlyPeriod && !period) throw new AppError('BAD_INPUT', 'onlyPeriod: name the period to narrow to (period).');
    // Narrowed to the period: its days, intersected with any from/to given as well.
    const from = onlyPeriod && period ? [filter.from, period.from].filter(Boolean).sort().at(-1) : filter.from;
    const to = onlyPeriod && period ? [filter.to, period.to].filter(Boolean).sort()[0] : filter.to;
    // Manual uploads and register entries support criteria by what they were attached to, not by their kind.
    let human: ReturnType<typeof humanCriteriaBySeq> | null = null;
    const humanOf = () => (human ??= humanCriteriaBySeq(store));
    const id = filter.criterion ? getCriterion(filter.criterion).id : null;
    const alsoSeqs = id
      ? [...humanOf()].filter(([, h]) => h.criteria.includes(id) && (!filter.kind || filter.kind === h.kind)).map(([seq]) => seq)
      : undefined;
    const page = browseItems(store, { ...filter, from, to, kinds: kindsFor(ctx, filter), alsoSeqs }, offset, limit);
    const mark = periodMarker(period);
    const rows: ItemRowView[] = page.rows.map(({ runId: _run, ...r }) => ({
      ...r,
      criteria: HUMAN_KINDS.has(r.kind) ? (humanOf().get(r.seq)?.criteria ?? []) : (ctx.catalog.mappings.forKind(r.kind)?.criteria ?? []),
      periodMark: mark(r.evidenceFor),
    }));
    return { total: page.total, offset, rows };
  },
  'items.facets'(ctx) {
    const f = itemFacets(ctx.readStore());
    const kinds = f.kinds.map((k) => ({ ...k, criteria: ctx.catalog.mappings.forKind(k.kind)?.criteria ?? [] }));
    // Manual uploads and the vendor register support criteria no collected kind maps to (CC5.3, CC9.2 …).
    const human = criteriaFromManualAndVendors(ctx.readStore());
    const criteria = CRITERIA.map((c) => ({
      id: c.id,
      title: c.title,
      kinds: [...new Set([...kinds.filter((k) => k.criteria.includes(c.id)).map((k) => k.kind), ...(human.get(c.id) ?? [])])],
    })).filter((c) => c.kinds.length > 0);
    return { ...f, kinds, criteria };
  },
  'items.show'(ctx, input) {
    const { item, content, ipe, integrity } = itemWithIntegrity(ctx.readStore(), input.seq);
    const mapping = ctx.catalog.mappings.forKind(item.kind);
    const canonicalContent = content.toString('utf8');
    const canonicalIpe = ipe.toString('utf8');
    // The same readable tables as the PDF report, for this one item.
    const reportItem: ReportItem = {
      ...item,
      labels: itemLabels(item, null),
      baseline: false,
      series: `${item.kind}|${item.source ?? ''}|${JSON.stringify(item.scope)}`,
      ipe: summarizeIpe(ipe),
    };
    const builder = new TableBuilder(new Set([item.seq]), ctx.catalog.mappings);
    builder.add(reportItem, content);
    const tables = builder
      .finish()
      .filter((t) => t.seq === item.seq || t.rows.length > 0)
      .map(({ title, columns, rows, omitted, note }) => ({ title, columns, rows, omitted, note }));
    return {
      ...item,
      criteria: mapping?.criteria ?? [],
      content: JSON.parse(canonicalContent) as unknown,
      canonicalContent,
      ipe: JSON.parse(canonicalIpe) as Record<string, unknown>,
      canonicalIpe,
      focus: mapping?.focus ?? null,
      criteriaTitles: (mapping?.criteria ?? []).map((id) => ({ id, title: getCriterion(id).title })),
      tables,
      integrity,
      periodMark: null,
    };
  },
  'runs.list'(ctx, input) {
    const page = listRunsWithDetails(ctx.readStore(), input);
    return { total: page.total, rows: page.rows.map((r) => ({ ...r, outcome: runOutcome(r) })) };
  },
  'export.list'(ctx, input) {
    return listExportsWithChain(ctx.readStore(), input.limit);
  },
};
