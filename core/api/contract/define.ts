import type { z } from 'zod';

/**
 * One procedure of the contract: its summary, the zod schema every host validates input with, and the type of
 * the value it returns. `output` is a phantom (never set at run time): it carries the result type to callers.
 */
export interface ProcedureSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  summary: string;
  input: I;
  /** Long work (collection, export) reports progress events while it runs. */
  progress?: true;
  readonly output?: O;
}

/** `spec<Result>()(summary, schema)`: the result type is named, the input type is inferred from the schema. */
export function spec<O>() {
  return <I extends z.ZodType>(summary: string, input: I, opts: { progress?: true } = {}): ProcedureSpec<I, O> => ({ summary, input, ...opts });
}

export type { ErrorBody, ErrorCode, Envelope } from '../../util/envelope';
export type { ProgressEvent } from '../../util/progress';
