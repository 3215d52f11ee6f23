import { z } from 'zod';
import { procedure } from '../procedure';
import { AppError } from '../../util/errors';
import { criteriaWithEvidence } from '../../criteria';
import { exportBundle, type ExportResult } from '../../export/export-bundle';
import { verifyBundle } from '../../verify/verify-bundle';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

export const exportProcedures = {
  export: procedure({
    summary: 'Write a signed bundle (ZIP + PDF) per criterion and period.',
    input: z
      .object({
        criterion: z.string().min(1).optional(),
        all: z.boolean().default(false),
        from: day,
        to: day,
        out: z.string().min(1),
        org: z.string().max(200).optional(),
      })
      .strict(),
    async handler(ctx, input) {
      const store = ctx.store();
      if (input.all === Boolean(input.criterion)) throw new AppError('BAD_INPUT', 'Give either --criterion ID or --all.');
      const ids = input.all ? criteriaWithEvidence(store) : [input.criterion!];
      if (ids.length === 0) throw new AppError('NOT_FOUND', 'No stored evidence supports any criterion yet; collect first.');
      const bundles: ExportResult[] = [];
      for (const criterion of ids) {
        ctx.progress({ phase: 'export', message: `${criterion}: starting` });
        const result = await exportBundle(store, { criterion, from: input.from, to: input.to, outDir: input.out, org: input.org }, (message) =>
          ctx.progress({ phase: 'export', message: `${criterion}: ${message}` }),
        );
        ctx.progress({ phase: 'export', message: `${criterion}: ${result.items} items`, items: result.items, done: true });
        bundles.push(result);
      }
      return { bundles };
    },
  }),
  verify: procedure({
    summary: 'Verify a bundle ZIP: signature, every hash, unlisted files, manifest, inclusion proofs, key fingerprint.',
    input: z.object({ bundle: z.string().min(1), fingerprint: z.string().regex(/^[0-9a-fA-F:\s]{64,95}$/, 'must be 64 hex digits').optional() }).strict(),
    // Needs no store: an auditor runs it on a machine that has none.
    async handler(_ctx, input) {
      return verifyBundle(input.bundle, { fingerprint: input.fingerprint });
    },
  }),
};
