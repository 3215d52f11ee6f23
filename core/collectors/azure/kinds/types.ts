import type { RequestTrace } from '../../../http';
import type { ArmClient, ListHooks } from '../arm-client';
import type { AzureConfig } from '../config';

/** What one kind gets: the client, the subscription, and ways to report progress and cursors. */
export interface KindRun {
  config: AzureConfig;
  client: ArmClient;
  trace: RequestTrace;
  signal: AbortSignal;
  progress(items: number): void;
  /** For the kind's main listings: progress per page and the saved cursor. */
  hooks: ListHooks;
}

export interface KindResult {
  content: unknown;
  parameters: Record<string, unknown>;
  recordsRetrieved: number;
  /** The az commands an auditor would run for the same facts (IPE), besides the exact `az rest` requests. */
  azCommands: string[];
  /** Calls that failed while the rest succeeded, each naming the call: the item is `partial`. */
  errors: string[];
  notes: string[];
}

export type KindCollector = (run: KindRun) => Promise<KindResult>;

/** Throws when the run was cancelled, between calls. */
export function checkAborted(signal: AbortSignal): void {
  if (signal.aborted) throw Object.assign(new Error('collection cancelled'), { name: 'AbortError' });
}
