import type { CoreContext } from '../context';

export interface ImportRequest {
  file: string;
  source?: string;
  kind?: string;
  /** The instant (ISO, Z) the file's content is evidence for, when older than the import (checked by import.run). */
  evidenceFor?: string;
}

export interface ImportOutcome {
  source: string;
  kind: string;
  seq: number;
  contentSha256: string;
  completeness: string;
  records: number;
  file?: { name: string; sha256: string; bytes: number };
  export?: string;
  errors?: string[];
}

/** One kind of admin export file (`import <type> FILE`); each source family declares its own. */
export interface Importer {
  type: string;
  summary: string;
  /** The source type imported items are recorded under. */
  sourceType: string;
  directory?: boolean;
  /** Parses and validates the whole file before it writes anything. */
  run(ctx: CoreContext, req: ImportRequest): ImportOutcome;
}
