import type { SourceTypeView } from '../../core/api';
import { str, type CliContext, type CliMeta, type Command, type OptionSpec, type ParsedValues } from '../command';
import { progressPrinter } from '../format/progress';
import { formatDue } from '../format/periods';

/** Every collector's flags, for `source add <type>`; each is checked against the chosen type below. */
function allSourceFlags(meta: CliMeta): OptionSpec {
  const spec: OptionSpec = { name: { type: 'string' } };
  for (const t of meta.sourceTypes) for (const flag of Object.keys(t.flags)) spec[flag] = { type: 'string' };
  return spec;
}

function sourceAddHelp(meta: CliMeta): string {
  const lines = ['Source types and their flags:'];
  for (const t of meta.sourceTypes) {
    lines.push(`  ${t.type}: ${t.description}`);
    for (const [flag, f] of Object.entries(t.flags)) lines.push(`      --${flag.padEnd(16)} ${f.description}`);
  }
  lines.push('', 'Secrets are never stored: flags ending in -env name an environment variable read at collection time.');
  return lines.join('\n');
}

function configFromFlags(ctx: Pick<CliContext, 'usage'>, source: SourceTypeView, values: ParsedValues): Record<string, unknown> {
  const type = source.type;
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (['name', 'home', 'json', 'help'].includes(key) || value === undefined) continue;
    const flag = source.flags[key];
    if (!flag) {
      return ctx.usage(`--${key} does not apply to ${type} sources. See \`evidence-locker source add --help\`.`);
    }
    config[flag.configKey] = flag.list
      ? String(value)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : value;
  }
  return config;
}

export const sourceCommands: Command[] = [
  {
    name: 'source add',
    summary: 'Add a source (mlflow, aws, …); secrets come from environment variables',
    usage: 'evidence-locker source add <type> --name NAME [type flags]',
    options: allSourceFlags,
    details: sourceAddHelp,
    async run(ctx, values, positionals) {
      const type = positionals[0];
      const types = ctx.meta.sourceTypes.map((t) => t.type).join(', ');
      if (!type || typeof values.name !== 'string') {
        return ctx.usage(`Usage: evidence-locker source add <type> --name NAME [flags]\nTypes: ${types}`);
      }
      const source = ctx.meta.sourceTypes.find((t) => t.type === type);
      if (!source) {
        return ctx.usage(`Unknown source type "${type}". Known types: ${types}.`);
      }
      const config = configFromFlags(ctx, source, values);
      const r = await ctx.call('source.add', { type, name: values.name, config });
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
      const list = await ctx.call('source.list', { includeRemoved: Boolean(values.all) });
      const text = list.length
        ? list
            .map((s) => `${s.name.padEnd(16)} ${s.type.padEnd(8)} ${JSON.stringify(s.config)}${s.removedAt ? `  (removed ${s.removedAt})` : ''}`)
            .join('\n')
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
      if (!positionals[0]) return ctx.usage('Usage: evidence-locker source remove NAME');
      const r = await ctx.call('source.remove', { name: positionals[0] });
      ctx.print(r, `Removed source "${r.name}"; its evidence stays in the store.`);
      return 0;
    },
  },
  {
    name: 'source test',
    summary: 'Reach a source, check credentials, report server version / identity',
    usage: 'evidence-locker source test NAME',
    async run(ctx, _values, positionals) {
      if (!positionals[0]) return ctx.usage('Usage: evidence-locker source test NAME');
      const r = await ctx.call('source.test', { name: positionals[0] });
      ctx.print(r, `${r.ok ? 'OK' : 'FAILED'}: ${r.source}: ${r.detail}`);
      return r.ok ? 0 : 1;
    },
  },
  {
    name: 'collect',
    summary: 'Collect evidence from all sources (or one), with live progress; --due runs only what its schedule says is due',
    usage: 'evidence-locker collect [--source NAME] [--kind KIND,...] | collect --due [--source NAME] [--dry-run]',
    details:
      '--due (for cron or a systemd timer): first records every scheduled run that was due and did not happen\n' +
      '(run_missed, once each, in the signed log), then collects each source whose current slot has no successful run\n' +
      '(failed tries wait 1, 2, 4 .. 24 h), skips the rest, and exits. --dry-run shows what it would do and writes nothing.\n' +
      'Exit 0 when every run it started is complete (or nothing was due), 1 when one was not, 2 on usage errors.\n' +
      'See `evidence-locker schedule set` for cadences.',
    options: { source: { type: 'string' }, kind: { type: 'string' }, due: { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
    async run(ctx, values) {
      if (values['dry-run'] && !values.due) return ctx.usage('--dry-run goes with --due.');
      if (values.due) {
        if (values.kind !== undefined) return ctx.usage('--due collects every kind of the sources that are due; drop --kind.');
        const r = await ctx.call(
          'collect.due',
          { source: str(values.source), dryRun: values['dry-run'] === true },
          { onProgress: progressPrinter(ctx.io, ctx.json) },
        );
        ctx.print(r, formatDue(r));
        return r.ran.every((s) => s.status === 'complete') ? 0 : 1;
      }
      const kinds = typeof values.kind === 'string' ? values.kind.split(',').map((k) => k.trim()) : undefined;
      const summaries = await ctx.call('collect.run', { source: str(values.source), kinds }, { onProgress: progressPrinter(ctx.io, ctx.json) });
      const lines = summaries.flatMap((s) => [
        `${s.source} (${s.type}) run #${s.runId}: ${s.status}${s.reason ? ` (${s.reason})` : ''}`,
        ...s.outcomes.map(
          (o) => `  ${o.kind}${o.scope?.region ? ` ${o.scope.region}` : ''}: ${o.completeness}, ${o.items} item(s)${o.error ? ` (${o.error})` : ''}`,
        ),
      ]);
      ctx.print(summaries, lines.join('\n'));
      return summaries.every((s) => s.status === 'complete') ? 0 : 1;
    },
  },
];
