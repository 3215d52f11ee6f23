import { parseArgs } from 'node:util';
import { AppError, createCore, toErrorBody, type Core, type CoreOptions } from '../core/api';
import { commandWords, homeOf } from './argv';
import { CliExit, exitCodeFor, optionsOf, printFailure, type CliContext, type CliIo, type CliMeta, type Command } from './command';
import { commands } from './commands';
import { generalHelp, commandHelp } from './help';

const GLOBAL_OPTIONS = {
  home: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export function processIo(): CliIo {
  let statusShown = false;
  const clear = () => {
    if (statusShown) process.stderr.write('\r\x1b[2K');
    statusShown = false;
  };
  return {
    out: (t) => (clear(), process.stdout.write(t.endsWith('\n') ? t : `${t}\n`)),
    err: (t) => (clear(), process.stderr.write(t.endsWith('\n') ? t : `${t}\n`)),
    status: (t) => {
      if (!process.stderr.isTTY) return;
      process.stderr.write(`\r\x1b[2K${t.slice(0, (process.stderr.columns ?? 100) - 1)}`);
      statusShown = true;
    },
    isTTY: Boolean(process.stderr.isTTY),
  };
}

/** Finds the command named by the first one or two positionals. */
function findCommand(words: string[]): { command: Command; rest: string[] } | null {
  const two = words.slice(0, 2).join(' ');
  const byTwo = commands.find((c) => c.name === two);
  if (byTwo) return { command: byTwo, rest: words.slice(2) };
  const byOne = commands.find((c) => c.name === words[0]);
  return byOne ? { command: byOne, rest: words.slice(1) } : null;
}

/** `core` options for tests only (an injected clock, extra source families); the installed CLI passes none. */
export async function main(
  argv: string[],
  io: CliIo = processIo(),
  env: NodeJS.ProcessEnv = process.env,
  core_: Pick<CoreOptions, 'clock' | 'families'> = {},
): Promise<number> {
  // Before flags are parsed: a failure anywhere must still come out as JSON on stdout when --json was asked for.
  const json = argv.includes('--json');
  let core: Core | null = null;
  try {
    const { words, indexes } = commandWords(argv);
    const found = findCommand(words);
    // The store opens lazily: creating the core and reading what the build supports touches no file.
    core = createCore({ ...core_, home: homeOf(argv), env });
    const meta = await readMeta(core);
    return await runCommand(argv, io, env, core, meta, found, words, indexes);
  } catch (err) {
    if (err instanceof CliExit) return err.exitCode;
    return lastResort(err, io, json);
  } finally {
    core?.close();
  }
}

/**
 * An error no command handled. Our own errors (AppError) are a message for the user, never a stack; anything else
 * is a bug: INTERNAL, with the stack on stderr in human mode so it can be reported.
 */
function lastResort(err: unknown, io: CliIo, json: boolean): number {
  const error = toErrorBody(err);
  printFailure(io, json, error);
  if (!json && !(err instanceof AppError) && error.code === 'INTERNAL' && err instanceof Error && err.stack) io.err(err.stack);
  return exitCodeFor(error);
}

async function readMeta(core: Core): Promise<CliMeta> {
  const [sourceTypes, importTypes, diffKinds] = await Promise.all([
    core.call('source.types', {}),
    core.call('import.types', {}),
    core.call('diff.kinds', {}),
  ]);
  if (!sourceTypes.ok || !importTypes.ok || !diffKinds.ok) throw new Error('The build could not describe its own source types.');
  return { sourceTypes: sourceTypes.value, importTypes: importTypes.value, diffKinds: diffKinds.value };
}

async function runCommand(
  argv: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  core: Core,
  meta: CliMeta,
  found: { command: Command; rest: string[] } | null,
  words: string[],
  indexes: number[],
): Promise<number> {
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  if (!found) {
    if (words.length === 0 || (words[0] === 'help' && words.length === 1)) {
      io.out(generalHelp(commands));
      return words.length === 0 && !wantsHelp ? 2 : 0;
    }
    if (words[0] === 'help') {
      const target = findCommand(words.slice(1));
      if (target) return (io.out(commandHelp(target.command, meta)), 0);
    }
    return usageFailure(io, argv.includes('--json'), `Unknown command: ${words.join(' ')}\nRun \`evidence-locker --help\` for the list of commands.`);
  }
  const { command } = found;
  const nameWords = command.name.split(' ').length;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.filter((_, i) => !indexes.slice(0, nameWords).includes(i)),
      options: { ...GLOBAL_OPTIONS, ...optionsOf(command, meta) },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    const message = `${(err as Error).message}\n\nUsage: ${command.usage}\nRun \`evidence-locker ${command.name} --help\` for details.`;
    return usageFailure(io, argv.includes('--json'), message);
  }
  if (parsed.values.help) return (io.out(commandHelp(command, meta)), 0);
  const positionals = parsed.positionals;
  const json = Boolean(parsed.values.json);
  try {
    return await command.run(cliContext(core, meta, json, io, env), parsed.values, positionals);
  } catch (err) {
    if (err instanceof CliExit) return err.exitCode;
    return lastResort(err, io, json);
  }
}

/** A usage problem the CLI found itself: the usage text on stderr, or the JSON envelope on stdout. */
function usageFailure(io: CliIo, json: boolean, message: string): number {
  if (json) io.out(JSON.stringify({ ok: false, error: { code: 'BAD_INPUT', message } }));
  else io.err(message);
  return 2;
}

function cliContext(core: Core, meta: CliMeta, json: boolean, io: CliIo, env: NodeJS.ProcessEnv): CliContext {
  return {
    core,
    meta,
    json,
    io,
    env,
    async call(name, input, hooks) {
      const result = await core.call(name, input, hooks);
      if (result.ok) return result.value;
      printFailure(io, json, result.error);
      throw new CliExit(exitCodeFor(result.error), result.error);
    },
    print(value, human) {
      io.out(json ? JSON.stringify({ ok: true, value }, null, 2) : human);
    },
    usage(message) {
      usageFailure(io, json, message);
      throw new CliExit(2, { code: 'BAD_INPUT', message });
    },
  };
}
