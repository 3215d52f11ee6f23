import type { Scope } from '../../../evidence/ipe';
import type { ImportedFile } from './file-guard';

/** An offline import, ready to record: everything was parsed and validated before the store is touched. */
export interface ParsedImport {
  kind: string;
  scope: Scope;
  content: unknown;
  importedFile: ImportedFile;
  /** What the admin should have run to produce the file: the item's re-runnable command. */
  command: string;
  recordsRetrieved: number;
  errors: string[];
  notes: string[];
}
