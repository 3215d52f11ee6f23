import { main } from '../../cli/main';
import type { CoreOptions } from '../../core/api';
import type { CliIo } from '../../cli/command';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}, core: Pick<CoreOptions, 'clock' | 'families'> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (t) => void (stdout += t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => void (stderr += t.endsWith('\n') ? t : `${t}\n`),
    status: () => undefined,
    isTTY: false,
  };
  const code = await main(args, io, { ...process.env, ...env }, core);
  return { code, stdout, stderr };
}
