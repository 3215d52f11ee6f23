import type { Collector } from '../collector-runtime/types';
import type { EvidenceFamily } from '../criteria/mapping';
import type { Differ } from '../diff/types';
import type { Importer } from '../import/importer';

/**
 * Everything one source brings (MLflow, AWS; W&B, GCP and Azure follow the same form), declared in one module
 * per source and handed to `createCore` in one list. Nothing registers itself by being imported.
 */
export interface SourceFamily {
  type: string;
  collector: Collector<never>;
  /** Snapshot kinds whose history matters → the pure function that compares two of them. */
  differs: Record<string, Differ>;
  /** Admin export files this family can import (`import <type> FILE`). */
  importers: Importer[];
  /**
   * Criteria mapping rows: each snapshot kind → the evidence family that decides its criteria and report tables
   * (docs/criteria.md). Its `<kind>.diff` is mapped with it.
   */
  evidence: Record<string, EvidenceFamily>;
}

/** Checks the declaration at its definition site while keeping the collector's own config type. */
export function sourceFamily<C>(f: Omit<SourceFamily, 'collector'> & { collector: Collector<C> }): SourceFamily {
  return f as unknown as SourceFamily;
}
