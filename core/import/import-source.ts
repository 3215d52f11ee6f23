import { AppError } from '../util/errors';
import type { EvidenceStore } from '../store/evidence-store';
import { listSources, type SourceView } from '../store/store-reads';
import { addSource } from '../store/store-writes';

/**
 * The source of that name if it exists (and is of `type`), else null. Reads only: an import looks its source up
 * first and creates it only once its item is ready to record.
 */
export function existingImportSource(store: EvidenceStore, type: string, name: string): SourceView | null {
  const existing = listSources(store).find((s) => s.name === name);
  if (existing && existing.type !== type)
    throw new AppError('CONFLICT', `Source "${name}" is a ${existing.type} source, not ${type}; pick another --source.`);
  return existing ?? null;
}

/**
 * The source imported items are recorded under. An existing source of the same type is reused (its scope then
 * matches live snapshots, so they can be diffed); a new one is marked `importOnly`, so `collect` skips it.
 */
export function importSource(store: EvidenceStore, type: string, name: string, config: Record<string, unknown>): SourceView {
  const existing = existingImportSource(store, type, name);
  if (existing) return existing;
  addSource(store, type, name, { ...config, importOnly: true });
  const created = listSources(store).find((s) => s.name === name);
  if (!created) throw new AppError('INTERNAL', `Source "${name}" vanished after it was added.`);
  return created;
}
