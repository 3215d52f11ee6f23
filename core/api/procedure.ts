import type { z } from 'zod';
import type { EvidenceStore } from '../store/evidence-store';
import type { SecretStore } from '../sign/secret-store';
import type { Actor } from '../store/repos/log';
import type { Clock } from '../util/runtime';

/** A progress event from long work (collection, export), shown live by the CLI and the app. */
export interface ProgressEvent {
  phase: string; // e.g. "collect", "export"
  source?: string;
  kind?: string;
  region?: string;
  pages?: number;
  items?: number;
  errors?: number;
  message?: string;
  done?: boolean;
}

export interface CoreContext {
  home: string;
  secrets: SecretStore;
  actor: Actor;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  /** Opens (once) and returns the store; `create` only for init. */
  store(create?: boolean): EvidenceStore;
  progress(event: ProgressEvent): void;
  signal: AbortSignal;
}

export interface Procedure<I extends z.ZodType = z.ZodType, O = unknown> {
  summary: string;
  input: I;
  handler(ctx: CoreContext, input: z.output<I>): O | Promise<O>;
}

/** Keeps the input type tied to its schema at the definition site. */
export function procedure<I extends z.ZodType, O>(p: Procedure<I, O>): Procedure<I, O> {
  return p;
}
