import { AppError } from '../../util/errors';
import { isSafePath } from '../bundle-paths';
import { populationContributor } from './population';
import { manualContributor } from './manual';
import { vendorRegisterContributor } from './vendors';
import { reviewPackages } from '../../reviews/package/contributor';
import type { AttachmentContext, AttachmentContributor, BundleAttachment } from './types';

export type { AttachmentContext, AttachmentContributor, BundleAttachment } from './types';

/**
 * Every contributor of extra bundle files, in a fixed order (the order only matters for progress messages: the ZIP
 * sorts entries by path). Features register here with one line each.
 */
export const BUNDLE_CONTRIBUTORS: readonly AttachmentContributor[] = [
  populationContributor,
  reviewPackages,
  manualContributor,
  vendorRegisterContributor,
];

/** Runs the contributors and refuses unsafe or duplicate paths before anything is written to the ZIP. */
export async function collectAttachments(
  ctx: AttachmentContext,
  contributors: readonly AttachmentContributor[] = BUNDLE_CONTRIBUTORS,
  taken: ReadonlySet<string> = new Set(),
): Promise<BundleAttachment[]> {
  const out: BundleAttachment[] = [];
  const seen = new Set(taken);
  for (const contribute of contributors) {
    for (const a of await contribute(ctx)) {
      if (!isSafePath(a.path)) throw new AppError('INTERNAL', `unsafe bundle path ${JSON.stringify(a.path)}`);
      if (seen.has(a.path)) throw new AppError('INTERNAL', `two bundle files named ${a.path}`);
      seen.add(a.path);
      out.push(a);
    }
  }
  return out;
}
