import { z } from 'zod';
import { daySchema, periodInOrder } from './dates';
import { spec } from './define';

/** A period's name as typed in the app or after `--period` (shown in the log and in PDFs). */
export const PERIOD_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;
const periodName = z.string().regex(PERIOD_NAME, 'use letters, digits, spaces, . _ - (max 64, starting with a letter or digit)');
/** A criterion id (CC6.1, A1.2, PI1.3, P4.2; any case): checked against the closed list of 61 by the handler. */
const criterionId = z.string().trim().min(1).max(8);

/**
 * An audit period (criteria.md §4). Type 1: design as of one day (`from` = `to` = that day). Type 2: a window
 * `from`..`to` (UTC days, inclusive), commonly 3–12 months.
 */
export interface PeriodView {
  name: string;
  type: 'type1' | 'type2';
  /** First day (UTC, inclusive); for Type 1 the point date. */
  from: string;
  /** Last day (UTC, inclusive); for Type 1 equal to `from`. */
  to: string;
  /** Criteria in scope, in catalog order. */
  criteria: string[];
  /** Criteria marked not applicable for this period, with the justification typed by the user. */
  notApplicable: NotApplicableView[];
  createdAt: string;
  updatedAt: string;
  /** The log entry of the latest change (period_set). */
  logIdx: number;
}

export interface NotApplicableView {
  criterion: string;
  justification: string;
  at: string;
  by: string;
  logIdx: number;
}

const periodFields = {
  type: z.enum(['type1', 'type2']),
  from: daySchema,
  /** Required for Type 2; for Type 1 omit it or give the same day. */
  to: daySchema.optional(),
  /** Criteria in scope; default: every criterion the evidence kinds of this build support. */
  criteria: z.array(criterionId).min(1).optional(),
};

function typeRules(v: { type?: 'type1' | 'type2'; from?: string; to?: string }, ctx: z.RefinementCtx): void {
  periodInOrder(v, ctx);
  if (v.type === 'type1' && v.to !== undefined && v.from !== undefined && v.to !== v.from)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'a Type 1 period is one day: omit "to" or give the same day as "from"' });
  if (v.type === 'type2' && v.from !== undefined && v.to === undefined)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'a Type 2 period needs its last day ("to")' });
}

export const periodContract = {
  'period.add': spec<PeriodView>()(
    'Define an audit period (Type 1 point date or Type 2 window) with the criteria in scope; logged (period_set).',
    z
      .object({ name: periodName, ...periodFields })
      .strict()
      .superRefine(typeRules),
  ),
  'period.list': spec<PeriodView[]>()('The audit periods, latest start first.', z.object({}).strict()),
  'period.update': spec<PeriodView>()(
    'Change a period (dates, type, criteria in scope, or its name); logged (period_set) with the values before and after.',
    z
      .object({
        name: z.string().min(1),
        rename: periodName.optional(),
        type: periodFields.type.optional(),
        from: daySchema.optional(),
        to: daySchema.optional(),
        criteria: periodFields.criteria,
      })
      .strict()
      .superRefine(typeRules),
  ),
  'period.remove': spec<{ name: string; logIdx: number }>()(
    'Remove a period (logged: period_removed); no evidence is touched.',
    z.object({ name: z.string().min(1) }).strict(),
  ),
  'criterion.markNotApplicable': spec<PeriodView>()(
    'Mark a criterion in scope not applicable for a period, with the justification the user typed (logged: criterion_not_applicable); justification null withdraws the mark (also logged).',
    z
      .object({
        period: z.string().min(1),
        criterion: criterionId,
        justification: z.string().trim().min(10, 'say why in at least 10 characters').max(2000).nullable(),
      })
      .strict(),
  ),
};
