import { AppError } from '../util/errors';
import type { SourceView } from '../store/store-reads';

/** One source to run, with the requested kinds that it has (undefined = all of its kinds). */
export interface PlannedRun {
  source: SourceView;
  kinds?: string[];
}

/**
 * Which sources to run with which kinds, decided from reads alone, before any run starts. Everything the user can
 * get wrong (an unknown source, a mistyped --kind) is refused here as a usage error: a typo must not become a
 * failed run in the signed log and in the auditor's report.
 */
export function planCollection(
  all: readonly SourceView[],
  kindsOf: (type: string) => readonly string[],
  opts: { source?: string; kinds?: string[] },
): PlannedRun[] {
  const named = all.filter((s) => !opts.source || s.name === opts.source);
  if (opts.source && named.length === 0) throw new AppError('NOT_FOUND', `No source named "${opts.source}".`);
  // Sources created by `import` hold admin exports only: there is no server to collect from.
  const sources = named.filter((s) => s.config.importOnly !== true);
  if (named.length > 0 && sources.length === 0) {
    const which = opts.source ? `Source "${opts.source}" holds` : 'The configured sources hold';
    throw new AppError('BAD_INPUT', `${which} imported files only; add evidence with \`evidence-locker import\`, or add a live source.`);
  }
  if (sources.length === 0) throw new AppError('BAD_INPUT', 'No sources configured. Add one with `evidence-locker source add`.');
  if (!opts.kinds) return sources.map((source) => ({ source }));

  const requested = [...new Set(opts.kinds)];
  const known = [...new Set(sources.flatMap((s) => kindsOf(s.type)))];
  const unknown = requested.filter((k) => !known.includes(k));
  if (unknown.length) {
    const where = opts.source ? `source "${opts.source}"` : 'the configured sources';
    throw new AppError('BAD_INPUT', `Unknown kind(s) for ${where}: ${unknown.join(', ')}. Kinds: ${known.join(', ') || 'none'}.`);
  }
  // A source with none of the requested kinds is not run at all (an empty "complete" run would say nothing).
  return sources.flatMap((source) => {
    const kinds = requested.filter((k) => kindsOf(source.type).includes(k));
    return kinds.length ? [{ source, kinds }] : [];
  });
}
