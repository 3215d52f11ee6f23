import type { ParseArgsConfig } from 'node:util';
import type { CallHooks, Core, ErrorBody, ImportTypeView, ProcedureInput, ProcedureName, ProcedureOutput, SourceTypeView } from '../core/api';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** A live status line on stderr (TTY only); cleared by the next out/err. */
  status(text: string): void;
  isTTY: boolean;
}

export interface CliContext {
  core: Core;
  json: boolean;
  io: CliIo;
  env: NodeJS.ProcessEnv;
  /** What this build supports, read through the contract once per run (source types, import types, diff kinds). */
  meta: CliMeta;
  /** Calls a procedure; on failure prints the error and throws CliExit with the right exit code. */
  call<N extends ProcedureName>(name: N, input: ProcedureInput<N>, hooks?: CallHooks): Promise<ProcedureOutput<N>>;
  /** Prints the value as JSON with --json, else as the human text. */
  print(value: unknown, human: string): void;
  /** A usage error found by the CLI itself: printed like a core error (JSON on stdout with --json), exit 2. */
  usage(message: string): never;
}

export interface CliMeta {
  sourceTypes: SourceTypeView[];
  importTypes: ImportTypeView[];
  diffKinds: string[];
}

export interface Command {
  /** One or two words: "init", "key rotate". */
  name: string;
  summary: string;
  usage: string;
  /** Flags; a function when they depend on what the build supports (e.g. each source type's flags). */
  options?: OptionSpec | ((meta: CliMeta) => OptionSpec);
  /** Extra help text: what it does, examples. */
  details?: string | ((meta: CliMeta) => string);
  run(ctx: CliContext, values: ParsedValues, positionals: string[]): Promise<number>;
}

export class CliExit extends Error {
  constructor(
    readonly exitCode: number,
    readonly error?: ErrorBody,
  ) {
    super(error?.message ?? `exit ${exitCode}`);
  }
}

/**
 * 2 = usage or environment problem (the command could not be judged); 1 = it ran and something failed.
 * NOT_FOUND and CONFLICT at this level always name something the user gave (a source, an item, a file, a taken
 * name); a server's 404 inside a collection is a failed run, reported by the run's status instead.
 */
const USAGE_OR_ENVIRONMENT: readonly ErrorBody['code'][] = [
  'BAD_INPUT',
  'NOT_INITIALIZED',
  'ENVIRONMENT',
  'STORE_FROM_FUTURE',
  'UNSUPPORTED',
  'NOT_FOUND',
  'CONFLICT',
];
export function exitCodeFor(error: ErrorBody): number {
  return USAGE_OR_ENVIRONMENT.includes(error.code) ? 2 : 1;
}

/** How every failure is shown: the envelope on stdout with --json (scripts read stdout), else one line on stderr. */
export function printFailure(io: CliIo, json: boolean, error: ErrorBody): void {
  if (json) io.out(JSON.stringify({ ok: false, error }));
  else io.err(`Error (${error.code}): ${error.message}`);
}

export const optionsOf = (c: Command, meta: CliMeta): OptionSpec => (typeof c.options === 'function' ? c.options(meta) : (c.options ?? {}));
export const detailsOf = (c: Command, meta: CliMeta): string | undefined => (typeof c.details === 'function' ? c.details(meta) : c.details);

/** A string flag's value, else undefined (parseArgs types every value loosely). */
export const str = (v: ParsedValues[string]): string | undefined => (typeof v === 'string' ? v : undefined);
/**
 * A flag the procedure requires: passed through as given, so a missing one is reported by the contract's own
 * schema check ("from: expected string"), exactly as the app and web mode would see it.
 */
export const required = (v: ParsedValues[string]): string => str(v) as string;
