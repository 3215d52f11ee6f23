import { detailsOf, optionsOf, type CliMeta, type Command } from './command';

export function generalHelp(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    'evidence-locker: a local, signed evidence store for SOC 2 evidence (MLflow and AWS today; W&B, GCP and Azure are planned).',
    '',
    'Usage: evidence-locker <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Global options:',
    '  --home DIR   store folder (default: $EVIDENCE_HOME, else the OS app-data folder)',
    '  --json       machine-readable output: {"ok":true,"value":…} or {"ok":false,"error":{code,message}}',
    '  --help, -h   help for any command',
    '',
    'Exit codes: 0 ok, 1 a check or collection failed, 2 usage or environment error.',
  ].join('\n');
}

export function commandHelp(c: Command, meta: CliMeta): string {
  const details = detailsOf(c, meta);
  const opts = Object.entries(optionsOf(c, meta)).map(([name, spec]) => {
    const arg = spec.type === 'string' ? ' VALUE' : '';
    const def = spec.default !== undefined ? ` (default: ${String(spec.default)})` : '';
    return `  --${name}${arg}${def}`;
  });
  return [
    `${c.summary}.`,
    '',
    `Usage: ${c.usage}`,
    ...(details ? ['', details] : []),
    ...(opts.length ? ['', 'Options:', ...opts] : []),
    '',
    'Global options: --home DIR, --json, --help',
  ].join('\n');
}
