import { AppError } from '../util/errors';
import type { Differ } from './types';

const differs = new Map<string, Differ>();

/** Each collector registers a differ for the kinds whose history matters (registry, access, retention). */
export function registerDiffer(kind: string, differ: Differ): void {
  differs.set(kind, differ);
}

export function getDiffer(kind: string): Differ {
  const d = differs.get(kind);
  if (!d) throw new AppError('UNSUPPORTED', `No diff is defined for kind "${kind}". Kinds with diffs: ${[...differs.keys()].join(', ') || 'none'}.`);
  return d;
}

export function diffKinds(): string[] {
  return [...differs.keys()];
}
