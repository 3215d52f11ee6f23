import type { ParseArgsConfig } from 'node:util';
import type { CallHooks, Core } from '../core/api';
import type { ErrorBody } from '../core/util/errors';

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
  /** Calls a procedure; on failure prints the error and throws CliExit with the right exit code. */
  call<T>(name: string, input: unknown, hooks?: CallHooks): Promise<T>;
  /** Prints the value as JSON with --json, else as the human text. */
  print(value: unknown, human: string): void;
}

export interface Command {
  /** One or two words: "init", "key rotate". */
  name: string;
  summary: string;
  usage: string;
  options?: OptionSpec;
  /** Extra help text: what it does, examples. */
  details?: string;
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

/** 2 = usage or environment problem (the command could not be judged); 1 = it ran and something failed. */
export function exitCodeFor(error: ErrorBody): number {
  return ['BAD_INPUT', 'NOT_INITIALIZED', 'ENVIRONMENT', 'STORE_FROM_FUTURE', 'UNSUPPORTED'].includes(error.code) ? 2 : 1;
}
