import '../../core/collectors';
import { collectorTypes, getCollector } from '../../core/collect/registry';
import type { SourceRunSummary } from '../../core/collect/runner';
import type { SourceTestResult } from '../../core/collect/types';
import type { SourceView } from '../../core/store/store-reads';
import type { Command, OptionSpec, ParsedValues } from '../command';
import { CliExit } from '../command';
import { progressPrinter } from '../format/progress';

/** Every collector's flags, for `source add <type>`; each is checked against the chosen type below. */
function allSourceFlags(): OptionSpec {
  const spec: OptionSpec = { name: { type: 'string' } };
  for (const t of collectorTypes()) for (const flag of Object.keys(getCollector(t).cliFlags)) spec[flag] = { type: 'string' };
  return spec;
}

function sourceAddHelp(): string {
  const lines = ['Source types and their flags:'];
  for (const t of collectorTypes()) {
    const c = getCollector(t);
    lines.push(`  ${t}: ${c.description}`);
    for (const [flag, f] of Object.entries(c.cliFlags)) lines.push(`      --${flag.padEnd(16)} ${f.description}`);
  }
  lines.push('', 'Secrets are never stored: flags ending in -env name an environment variable read at collection time.');
  return lines.join('\n');
}

function configFromFlags(ctx: { io: { err(t: string): void } }, type: string, values: ParsedValues): Record<string, unknown> {
  const collector = getCollector(type);
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (['name', 'home', 'json', 'help'].includes(key) || value === undefined) continue;
    const flag = collector.cliFlags[key];
    if (!flag) {
      ctx.io.err(`--${key} does not apply to ${type} sources. See \`evidence-locker source add --help\`.`);
      throw new CliExit(2);
    }
    config[flag.configKey] = flag.list ? String(value).split(',').map((s) => s.trim()).filter(Boolean) : value;
  }
  return config;
}

export const sourceCommands: Command[] = [
  {
    name: 'source add',
    summary: 'Add a source (mlflow, aws, …); secrets come from environment variables',
    usage: 'evidence-locker source add <type> --name NAME [type flags]',
    get options() {
      return allSourceFlags();
    },
    get details() {
      return sourceAddHelp();
    },
    async run(ctx, values, positionals) {
      const type = positionals[0];
      if (!type || typeof values.name !== 'string') {
        ctx.io.err(`Usage: evidence-locker source add <type> --name NAME [flags]\nTypes: ${collectorTypes().join(', ')}`);
        return 2;
      }
      const config = configFromFlags(ctx, type, values);
      const r = await ctx.call<{ name: string; type: string }>('source.add', { type, name: values.name, config });
      ctx.print(r, `Added ${r.type} source "${r.name}". Check it with: evidence-locker source test ${r.name}`);
      return 0;
    },
  },
  {
    name: 'source list',
    summary: 'List sources',
    usage: 'evidence-locker source list [--all]',
    options: { all: { type: 'boolean', default: false } },
    async run(ctx, values) {
      const list = await ctx.call<SourceView[]>('source.list', { includeRemoved: Boolean(values.all) });
      const text = list.length
        ? list.map((s) => `${s.name.padEnd(16)} ${s.type.padEnd(8)} ${JSON.stringify(s.config)}${s.removedAt ? `  (removed ${s.removedAt})` : ''}`).join('\n')
        : 'No sources. Add one with `evidence-locker source add`.';
      ctx.print(list, text);
      return 0;
    },
  },
  {
    name: 'source remove',
    summary: 'Remove a source (logged; its evidence is kept)',
    usage: 'evidence-locker source remove NAME',
    async run(ctx, _values, positionals) {
      if (!positionals[0]) return ctx.io.err('Usage: evidence-locker source remove NAME'), 2;
      const r = await ctx.call<{ name: string }>('source.remove', { name: positionals[0] });
      ctx.print(r, `Removed source "${r.name}"; its evidence stays in the store.`);
      return 0;
    },
  },
  {
    name: 'source test',
    summary: 'Reach a source, check credentials, report server version / identity',
    usage: 'evidence-locker source test NAME',
    async run(ctx, _values, positionals) {
      if (!positionals[0]) return ctx.io.err('Usage: evidence-locker source test NAME'), 2;
      const r = await ctx.call<SourceTestResult & { source: string }>('source.test', { name: positionals[0] });
      ctx.print(r, `${r.ok ? 'OK' : 'FAILED'}: ${r.source}: ${r.detail}`);
      return r.ok ? 0 : 1;
    },
  },
  {
    name: 'collect',
    summary: 'Collect evidence from all sources (or one), with live progress',
    usage: 'evidence-locker collect [--source NAME] [--kind KIND,...]',
    options: { source: { type: 'string' }, kind: { type: 'string' } },
    async run(ctx, values) {
      const kinds = typeof values.kind === 'string' ? values.kind.split(',').map((k) => k.trim()) : undefined;
      const summaries = await ctx.call<SourceRunSummary[]>(
        'collect',
        { source: values.source, kinds },
        { onProgress: progressPrinter(ctx.io, ctx.json) },
      );
      const lines = summaries.flatMap((s) => [
        `${s.source} (${s.type}) run #${s.runId}: ${s.status}${s.reason ? ` (${s.reason})` : ''}`,
        ...s.outcomes.map((o) => `  ${o.kind}${o.scope?.region ? ` ${o.scope.region}` : ''}: ${o.completeness}, ${o.items} item(s)${o.error ? ` (${o.error})` : ''}`),
      ]);
      ctx.print(summaries, lines.join('\n'));
      return summaries.every((s) => s.status === 'complete') ? 0 : 1;
    },
  },
];
