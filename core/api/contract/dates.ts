import { z } from 'zod';
import { parseDay } from '../../util/day';

/**
 * A calendar day in every procedure input (YYYY-MM-DD, UTC, a real day within 2000-01-01 .. 2100-12-31): the one
 * schema, so the CLI and the app refuse the same days with the same words.
 */
export const daySchema = z.string().superRefine((text, ctx) => {
  const day = parseDay(text);
  if (!day.ok) ctx.addIssue({ code: 'custom', message: day.reason });
});

/** For an input with `from`/`to` days: the period must not end before it starts (compared as instants). */
export function periodInOrder(value: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (value.from === undefined || value.to === undefined) return;
  const from = parseDay(value.from);
  const to = parseDay(value.to);
  if (from.ok && to.ok && from.start.getTime() > to.start.getTime()) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `the period ends (${value.to}) before it starts (${value.from})` });
  }
}
