import { makeIpe, type Completeness, type Ipe, type Provenance } from '../evidence/ipe';
import { traceIpeFields, type RequestTrace } from '../http';

/** What a REST collector (or its importer, with no trace) knows about one item, for its IPE. */
export interface TracedIpeInput<K extends string = string> {
  kind: K;
  source: { type: string; name: string };
  /** The requests that produced the item; null for an imported file. */
  trace: RequestTrace | null;
  parameters: Record<string, unknown>;
  recordsRetrieved: number;
  command: string;
  completeness: Completeness;
  error: string | null;
  provenance: Provenance;
  actor: { osUser: string; host: string };
  toolVersion: string;
  startedAt: string;
  finishedAt: string;
  notes?: string[];
  importedFile?: { name: string; sha256: string; bytes: number };
}

/**
 * The IPE of a REST collection or import whose service sends no total count (every listing was followed to its
 * last page) and no server version: the shape GCP and Azure share, built on makeIpe.
 */
export function tracedIpe(apiVersion: string, i: TracedIpeInput): Ipe {
  return makeIpe({
    source: i.source,
    apiVersion,
    serverVersion: null,
    ...traceIpeFields(i.trace, i.parameters),
    recordsRetrieved: i.recordsRetrieved,
    apiTotal: null,
    actor: i.actor,
    toolVersion: i.toolVersion,
    command: i.command,
    completeness: i.completeness,
    error: i.error,
    provenance: i.provenance,
    startedAt: i.startedAt,
    finishedAt: i.finishedAt,
    notes: i.notes?.length ? i.notes : undefined,
    importedFile: i.importedFile,
  });
}
