import { AppError } from '../util/errors';
import type { Collector } from '../collector-runtime/types';
import { KindMappings } from '../criteria/mapping';
import type { Differ } from '../diff/types';
import type { Importer } from '../import/importer';
import type { SourceFamily } from './types';

/** What the core can do with a given list of source families: lookups by source type, kind and import type. */
export interface Catalog {
  families: readonly SourceFamily[];
  collector(type: string): Collector<unknown>;
  sourceTypes(): string[];
  differ(kind: string): Differ;
  diffKinds(): string[];
  importer(type: string): Importer;
  importers(): Importer[];
  mappings: KindMappings;
}

export function createCatalog(families: readonly SourceFamily[]): Catalog {
  const byType = new Map<string, SourceFamily>();
  const differs = new Map<string, Differ>();
  const importers = new Map<string, Importer>();
  for (const f of families) {
    if (byType.has(f.type)) throw new Error(`Two source families declare the type "${f.type}".`);
    byType.set(f.type, f);
    for (const [kind, d] of Object.entries(f.differs)) differs.set(kind, d);
    for (const i of f.importers) importers.set(i.type, i);
  }
  const rows = families.flatMap((f) => Object.entries(f.evidence).map(([kind, family]) => ({ kind, family })));
  return {
    families,
    collector(type) {
      const f = byType.get(type);
      if (!f) throw new AppError('BAD_INPUT', `Unknown source type "${type}". Known types: ${[...byType.keys()].join(', ') || 'none'}.`);
      return f.collector as unknown as Collector<unknown>;
    },
    sourceTypes: () => [...byType.keys()],
    differ(kind) {
      const d = differs.get(kind);
      if (!d)
        throw new AppError('UNSUPPORTED', `No diff is defined for kind "${kind}". Kinds with diffs: ${[...differs.keys()].join(', ') || 'none'}.`);
      return d;
    },
    diffKinds: () => [...differs.keys()],
    importer(type) {
      const i = importers.get(type);
      if (!i) throw new AppError('BAD_INPUT', `Unknown import type "${type}". Known: ${[...importers.keys()].join(', ')}.`);
      return i;
    },
    importers: () => [...importers.values()],
    mappings: new KindMappings(rows),
  };
}
