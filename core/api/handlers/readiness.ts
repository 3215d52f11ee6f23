import type { CoreContext } from '../../context';
import { canonicalCriteria } from '../../periods/period-input';
import { judgeCriterion, judgeSeries } from '../../periods/judge';
import { judgeHuman } from '../../periods/human-readiness';
import { criterionReadiness, frameFor, heatmap, periodSeries, sourceReadiness } from '../../periods/readiness';
import { periodTimeline } from '../../periods/timeline';
import { getPeriod } from '../../store/period-store';
import { AppError } from '../../util/errors';
import type { ReadinessStatus, readinessContract } from '../contract/readiness';
import type { Handlers } from './handler';
import { periodView } from './periods';

const kindsFor = (ctx: CoreContext, id: string) => ctx.catalog.mappings.kindsForCriterion(id).length;

// Reads only (ctx.readStore): the app shows readiness for a store it cannot write. Missed runs are recorded by
// collections, collect.due and schedule.tick, never by looking.
export const readinessHandlers: Handlers<keyof typeof readinessContract> = {
  'readiness.get'(ctx, input) {
    const store = ctx.readStore();
    const now = ctx.clock();
    const period = input.period ? getPeriod(store, input.period) : null;
    const frame = period ? frameFor(period, now) : null;
    const counts: Record<ReadinessStatus, number> = { covered: 0, at_risk: 0, not_covered: 0, not_applicable: 0 };
    const criteria =
      period && frame
        ? (() => {
            const seriesOf = periodSeries(ctx, store, frame, period.criteria);
            return period.criteria.map((id) => criterionReadiness(ctx, store, frame, period, id, seriesOf(id)));
          })()
        : [];
    for (const c of criteria) counts[c.status] += 1;
    const sources = sourceReadiness(store, now, frame);
    return {
      period: period ? periodView(period) : null,
      asOf: now.toISOString(),
      evaluatedTo: frame ? new Date(frame.until).toISOString() : null,
      counts,
      criteria,
      sources,
      overdue: sources.filter((s) => s.freshness === 'overdue').map((s) => s.source),
    };
  },
  'coverage.map'(ctx, input) {
    const store = ctx.readStore();
    const period = getPeriod(store, input.period);
    const frame = frameFor(period, ctx.clock());
    const criteria = input.criteria ? canonicalCriteria(input.criteria) : period.criteria;
    const outside = criteria.filter((c) => !period.criteria.includes(c));
    if (outside.length) throw new AppError('BAD_INPUT', `criteria: ${outside.join(', ')} not in scope of "${period.name}"`);
    const na = new Set(period.notApplicable.map((n) => n.criterion));
    const map = heatmap(
      ctx,
      store,
      frame,
      criteria,
      (id, series) =>
        judgeCriterion(
          kindsFor(ctx, id),
          series.map((s) => judgeSeries(s, frame)),
          na.has(id),
          judgeHuman(store, id, frame),
        ).status,
    );
    return {
      period: { name: period.name, type: period.type, from: period.from, to: period.to },
      asOf: new Date(frame.now).toISOString(),
      weeks: map.weeks.map(({ index, from, to, days, partial, future, isoWeek }) => ({ index, from, to, days, partial, future, isoWeek })),
      criteria: map.criteria,
    };
  },
  'timeline.list'(ctx, input) {
    return periodTimeline(ctx, input);
  },
};
