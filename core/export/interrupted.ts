import { basename, dirname } from 'node:path';
import { AppError } from '../util/errors';

/**
 * What a cancelled export (Ctrl-C, SIGTERM, the app's Cancel) tells the user, in one line: the bundle being written
 * was removed (its partial files with it; nothing was logged), and the bundles finished before are kept and valid.
 */
export function exportInterrupted(unfinished: string | null, kept: readonly { path: string }[]): AppError {
  const removed = unfinished === null ? 'no bundle was being written' : `removed the unfinished ${unfinished} bundle`;
  const names = kept.map((b) => basename(b.path)).join(', ');
  const finished =
    kept.length === 0
      ? 'no finished bundle to keep'
      : `${kept.length} finished bundle${kept.length === 1 ? '' : 's'} kept in ${dirname(kept[0]!.path)}: ${names}`;
  return new AppError('CANCELLED', `Interrupted: ${removed}; ${finished}.`);
}
