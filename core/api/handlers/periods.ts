import { getCriterion } from '../../criteria';
import { mergePeriod } from '../../periods/period-input';
import { addPeriod, changePeriod, getPeriod, listPeriods, markNotApplicable, removePeriod, type StoredPeriod } from '../../store/period-store';
import { AppError } from '../../util/errors';
import type { periodContract, PeriodView } from '../contract/periods';
import type { Handlers } from './handler';

export function periodView(p: StoredPeriod): PeriodView {
  const { id: _id, ...view } = p;
  return view;
}

export const periodHandlers: Handlers<keyof typeof periodContract> = {
  'period.add'(ctx, input) {
    const fields = mergePeriod(null, input, ctx.catalog.mappings);
    return periodView(addPeriod(ctx.store(), fields));
  },
  'period.list'(ctx) {
    return listPeriods(ctx.readStore()).map(periodView);
  },
  'period.update'(ctx, input) {
    const store = ctx.store();
    const before = getPeriod(store, input.name);
    const { name: _name, rename, ...change } = input;
    const fields = mergePeriod(before, { ...change, name: rename }, ctx.catalog.mappings);
    return periodView(changePeriod(store, before.name, fields));
  },
  'period.remove'(ctx, input) {
    return removePeriod(ctx.store(), input.name);
  },
  'criterion.markNotApplicable'(ctx, input) {
    const store = ctx.store();
    const period = getPeriod(store, input.period);
    const { id } = getCriterion(input.criterion);
    if (!period.criteria.includes(id))
      throw new AppError(
        'BAD_INPUT',
        `${id} is not in scope of "${period.name}" (in scope: ${period.criteria.join(', ')}); add it to the period first.`,
      );
    return periodView(markNotApplicable(store, period.name, id, input.justification));
  },
};
