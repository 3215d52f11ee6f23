import type { RequestTrace } from '../../../http';
import type { GcpClient, gcpEndpoints } from '../client';
import type { GcpConfig } from '../config';

/** What one kind gets for one scope (the project, or the project in one Vertex region). */
export interface KindRun {
  config: GcpConfig;
  region: string | null;
  client: GcpClient;
  endpoints: ReturnType<typeof gcpEndpoints>;
  /** Every request this kind made, for its IPE record. */
  trace: RequestTrace;
  /** Collection time: conditions and retention are judged as of this instant. */
  asOf: string;
  progress(items: number): void;
  saveCursor(cursor: unknown): void;
}

export interface KindResult {
  content: unknown;
  parameters: Record<string, unknown>;
  recordsRetrieved: number;
  /** The equivalent gcloud commands (re-runnable by an auditor with read access). */
  commands: string[];
  /** Calls that failed while the rest succeeded, each naming the call: the item is `partial`. */
  errors: string[];
  notes?: string[];
}

export type KindCollector = (run: KindRun) => Promise<KindResult>;
