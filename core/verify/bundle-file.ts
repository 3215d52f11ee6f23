import { statSync } from 'node:fs';
import { AppError } from '../util/errors';

/**
 * A mistyped path or a folder is the user's slip, not a finding about a bundle: refuse it (exit 2) before any
 * verification runs, so "INVALID" (exit 1) only ever describes a file that was actually examined.
 */
export function assertBundleFile(path: string): void {
  let stat;
  try {
    stat = statSync(path);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw new AppError('NOT_FOUND', `No bundle at ${path}: the file does not exist.`);
    throw err; // permission and the like: mapped to ENVIRONMENT with the path where errors become messages
  }
  if (stat.isDirectory()) throw new AppError('BAD_INPUT', `${path} is a folder; give the bundle's .zip file (verify BUNDLE.zip).`);
  if (!stat.isFile()) throw new AppError('BAD_INPUT', `${path} is not a regular file; give the bundle's .zip file.`);
}
