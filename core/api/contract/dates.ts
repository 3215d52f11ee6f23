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

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;

/**
 * The date an imported or manual file is evidence for: a day (YYYY-MM-DD, taken as 00:00 UTC) or a UTC instant
 * (YYYY-MM-DDTHH:MM[:SS[.mmm]]Z), within 2000-01-01 .. 2100-12-31. "Not in the future" needs the clock, so the
 * handler checks that (core/util/evidence-for.ts).
 */
export const evidenceForSchema = z.string().superRefine((text, ctx) => {
  if (INSTANT.test(text)) {
    const day = parseDay(text.slice(0, 10));
    if (!day.ok) ctx.addIssue({ code: 'custom', message: day.reason });
    else if (Number.isNaN(Date.parse(text))) ctx.addIssue({ code: 'custom', message: `${text} is not a time` });
    return;
  }
  const day = parseDay(text);
  if (!day.ok) ctx.addIssue({ code: 'custom', message: `${day.reason} (give a day YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM:SSZ)` });
});
