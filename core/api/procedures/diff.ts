import { z } from 'zod';
import { procedure } from '../procedure';
import { diffSnapshots } from '../../diff/service';
import { diffKinds } from '../../diff/registry';

const seq = z.number().int().positive();

export const diffProcedures = {
  diff: procedure({
    summary: 'Compare two snapshots of one source and kind (default: the last two); the diff is recorded as derived evidence.',
    input: z.object({ source: z.string().min(1), kind: z.string().min(1), from: seq.optional(), to: seq.optional() }).strict(),
    handler(ctx, input) {
      return diffSnapshots(ctx.store(), input, ctx.actor);
    },
  }),
  'diff.kinds': procedure({
    summary: 'The evidence kinds that have a differ.',
    input: z.object({}).strict(),
    handler() {
      return diffKinds();
    },
  }),
};
