import { AppError } from '../../../util/errors';
import type { AwsClients } from '../clients';
import type { AwsConfig } from '../config';

export interface AccountIdentity {
  account: string;
  partition: string;
  arn: string;
}

/** What one kind gets for one scope (the account, or the account in one region). */
export interface KindRun {
  config: AwsConfig;
  region: string;
  clients: AwsClients;
  identity: AccountIdentity;
  signal: AbortSignal;
  /** Pages and records so far, shown live per kind and region. */
  progress(pages: number, items: number): void;
  saveCursor(cursor: unknown): void;
  now(): string;
  /** Counts a page in the IPE record. */
  page(): void;
}

export interface KindResult {
  content: unknown;
  parameters: Record<string, unknown>;
  recordsRetrieved: number;
  apiTotal: number | null;
  /** The equivalent `aws ...` commands, without --profile/--region (added by the IPE builder). */
  commands: string[];
  /** Calls that failed while the rest succeeded, each naming the call: the item is `partial`. */
  errors: string[];
  notes?: string[];
}

export type KindCollector = (run: KindRun) => Promise<KindResult>;

/** Throws when the run was cancelled, between pages. */
export function checkAborted(signal: AbortSignal): void {
  if (signal.aborted) throw Object.assign(new Error('collection cancelled'), { name: 'AbortError' });
}

/**
 * Follows page tokens and refuses one seen before: a server (or proxy) repeating a token would otherwise keep the
 * listing going until memory runs out. The kind fails naming the call, so it is never recorded as complete.
 */
export class PageTokens {
  private readonly seen = new Set<string>();
  private pages = 0;
  constructor(private readonly call: string) {}

  next(token: string | null | undefined): string | undefined {
    this.pages += 1;
    if (!token) return undefined;
    if (this.seen.has(token)) {
      const shown = token.length > 40 ? `${token.slice(0, 37)}...` : token;
      throw new AppError('BAD_RESPONSE', `${this.call} repeated page token "${shown}" after page ${this.pages}; stopped to avoid an endless loop`);
    }
    this.seen.add(token);
    return token;
  }
}
