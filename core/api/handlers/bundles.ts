import { AppError } from '../../util/errors';
import { evidenceForInstant } from '../../util/evidence-for';
import { itemEvidenceFor } from '../../store/store-reads';
import { criteriaWithEvidence } from '../../criteria';
import { exportBundle, type ExportResult } from '../../export/export-bundle';
import { exportInterrupted } from '../../export/interrupted';
import { assertBundleFile } from '../../verify/bundle-file';
import { verifyBundle } from '../../verify/verify-bundle';
import { isDemoWorkspace } from '../../store/workspace-label';
import type { bundleContract } from '../contract/bundles';
import type { Handlers } from './handler';

export const bundleHandlers: Handlers<keyof typeof bundleContract> = {
  'import.types'(ctx) {
    return ctx.catalog.importers().map(({ type, summary, sourceType, directory }) => ({ type, summary, sourceType, directory }));
  },
  'import.run'(ctx, input) {
    // Checked before the importer reads anything: a date in the future is a typo, and nothing is written.
    const evidenceFor = input.evidenceFor === undefined ? undefined : evidenceForInstant(input.evidenceFor, ctx.clock());
    const result = ctx.catalog.importer(input.type).run(ctx, { file: input.file, source: input.source, kind: input.kind, evidenceFor });
    return { ...result, evidenceFor: itemEvidenceFor(ctx.store(), result.seq) };
  },
  async 'export.bundle'(ctx, input) {
    const store = ctx.store();
    if (input.all === Boolean(input.criterion)) throw new AppError('BAD_INPUT', 'Give either --criterion ID or --all.');
    const ids = input.all ? criteriaWithEvidence(store, ctx.catalog.mappings) : [input.criterion!];
    if (ids.length === 0) throw new AppError('NOT_FOUND', 'No stored evidence supports any criterion yet; collect first.');
    const bundles: ExportResult[] = [];
    let unfinished: string | null = null;
    try {
      for (const criterion of ids) {
        ctx.signal.throwIfAborted();
        unfinished = criterion;
        ctx.progress({ phase: 'export', message: `${criterion}: starting` });
        const req = {
          criterion,
          from: input.from,
          to: input.to,
          outDir: input.out,
          // A demo workspace says so on every bundle: the PDF's cover and running header, manifest, README and file name.
          org: isDemoWorkspace(store) ? `${input.org?.trim() || 'Example Co'} (DEMO workspace, sample data)` : input.org,
          mappings: ctx.catalog.mappings,
          resources: ctx.resources,
          signal: ctx.signal,
        };
        const result = await exportBundle(store, req, (message) => ctx.progress({ phase: 'export', message: `${criterion}: ${message}` }));
        unfinished = null;
        ctx.progress({ phase: 'export', message: `${criterion}: ${result.items} items`, items: result.items, done: true });
        bundles.push(result);
      }
    } catch (err) {
      // Cancelled (the host aborted ctx.signal): exportBundle removed its partial files; say what is kept.
      if (ctx.signal.aborted) throw exportInterrupted(unfinished, bundles);
      throw err;
    }
    return { bundles };
  },
  // Needs no store: an auditor runs it on a machine that has none.
  'bundle.verify'(_ctx, input) {
    assertBundleFile(input.bundle);
    return verifyBundle(input.bundle, { fingerprint: input.fingerprint });
  },
};
