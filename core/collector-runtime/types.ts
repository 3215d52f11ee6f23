import type { z } from 'zod';
import type { ProgressEvent } from '../context';
import type { Completeness, NewItem, Scope } from '../evidence/ipe';
import type { RecordedItem } from '../store/store-writes';
import type { Actor } from '../evidence/ipe';

export interface SourceRef<C> {
  id: number;
  name: string;
  type: string;
  config: C;
}

/** What a collector gets from the runner; it never touches the store or process.env directly. */
export interface CollectorContext<C> {
  source: SourceRef<C>;
  /** The secret behind a config field that names an environment variable (e.g. `passwordEnv`). */
  secret(field: string): string | undefined;
  /**
   * Error text made safe to store or print: every secret `secret()` handed out (in any encoding a server may echo),
   * credential headers and token-shaped values removed, cut to a short excerpt. The runner applies it to outcomes,
   * progress messages and IPE errors; a collector needs it only for text it stores some other way.
   */
  scrub(text: string): string;
  signal: AbortSignal;
  progress(event: Omit<ProgressEvent, 'phase' | 'source'>): void;
  actor: Actor;
  toolVersion: string;
  now(): string;
  /**
   * The newest usable (complete or partial) snapshot of a kind from this source, for continuity checks such as an
   * audit log that the service keeps only a few days: null when there is none.
   */
  latest(kind: string): { seq: number; collectedAt: string; content: unknown } | null;
  /** Persist a pagination cursor so an interrupted run can be resumed or diagnosed. */
  saveCursor(kind: string, cursor: unknown): void;
  /** Record items (one kind, one page or one snapshot) in one synchronous transaction. */
  record(items: NewItem[]): RecordedItem[];
  env: NodeJS.ProcessEnv;
}

/** How one kind (optionally in one scope, e.g. a region) ended. */
export interface KindOutcome {
  kind: string;
  scope?: Scope;
  completeness: Completeness;
  items: number;
  error?: string;
}

export interface SourceTestResult {
  ok: boolean;
  serverVersion?: string | null;
  identity?: string | null;
  detail: string;
}

/** A CLI flag for `source add <type>`, mapped onto a config key. */
export interface CliFlag {
  configKey: string;
  description: string;
  list?: boolean; // comma-separated → string[]
}

export interface Collector<C = unknown> {
  type: string;
  description: string;
  configSchema: z.ZodType<C>;
  /** Config keys whose values name environment variables holding secrets (never the secret itself). */
  secretFields: readonly string[];
  kinds: readonly string[];
  cliFlags: Record<string, CliFlag>;
  test(ctx: CollectorContext<C>): Promise<SourceTestResult>;
  /** Collect every kind; one kind failing must not stop the others. */
  collect(ctx: CollectorContext<C>, options: { kinds?: string[] }): Promise<KindOutcome[]>;
}
