import type { z } from 'zod';
import type { CoreContext } from '../context';

export type { CoreContext, ProgressEvent } from '../context';

export interface Procedure<I extends z.ZodType = z.ZodType, O = unknown> {
  summary: string;
  input: I;
  handler(ctx: CoreContext, input: z.output<I>): O | Promise<O>;
}

/** Keeps the input type tied to its schema at the definition site. */
export function procedure<I extends z.ZodType, O>(p: Procedure<I, O>): Procedure<I, O> {
  return p;
}
