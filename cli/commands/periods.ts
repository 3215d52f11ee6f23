import { required, str, type Command } from '../command';
import { formatPeriods, formatReadiness, formatSchedules } from '../format/periods';

const list = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/** Audit periods and collection schedules (issue 11): the same procedures as the app's period picker and Sources screen. */
export const periodCommands: Command[] = [
  {
    name: 'period add',
    summary: 'Define an audit period (Type 2 window or Type 1 date) and the criteria in scope',
    usage: 'evidence-locker period add NAME --from DAY [--to DAY] [--type type2|type1] [--criteria CC6.1,CC8.1,...]',
    details:
      'Days are YYYY-MM-DD in UTC, inclusive. Type 2 (default) needs --to; Type 1 is one day (--from). Without --criteria\n' +
      'the scope is every criterion the evidence this app collects supports. Logged (period_set).\n' +
      'Example: evidence-locker period add FY26 --from 2026-01-01 --to 2026-12-31 --criteria CC6.1,CC6.2,CC6.3,CC8.1',
    options: { from: { type: 'string' }, to: { type: 'string' }, type: { type: 'string', default: 'type2' }, criteria: { type: 'string' } },
    async run(ctx, values, positionals) {
      if (positionals.length !== 1) return ctx.usage(`Usage: ${this.usage}`);
      const type = str(values.type);
      if (type !== 'type1' && type !== 'type2') return ctx.usage('--type is type2 (a window) or type1 (a date).');
      const p = await ctx.call('period.add', {
        name: positionals[0]!,
        type,
        from: required(values.from),
        to: str(values.to),
        criteria: list(values.criteria),
      });
      ctx.print(p, `Added period ${p.name}: ${p.from} .. ${p.to} (${p.criteria.length} criteria in scope).`);
      return 0;
    },
  },
  {
    name: 'period list',
    summary: 'List the audit periods',
    usage: 'evidence-locker period list',
    async run(ctx) {
      const r = await ctx.call('period.list', {});
      ctx.print(r, formatPeriods(r));
      return 0;
    },
  },
  {
    name: 'period remove',
    summary: 'Remove an audit period (logged; no evidence is touched)',
    usage: 'evidence-locker period remove NAME',
    async run(ctx, _values, positionals) {
      if (positionals.length !== 1) return ctx.usage(`Usage: ${this.usage}`);
      const r = await ctx.call('period.remove', { name: positionals[0]! });
      ctx.print(r, `Removed period ${r.name} (log entry #${r.logIdx}).`);
      return 0;
    },
  },
  {
    name: 'schedule set',
    summary: 'Set how often a source is collected: daily, weekly, monthly or a cron expression (UTC)',
    usage: 'evidence-locker schedule set SOURCE --cadence daily|weekly|monthly | --cron "MIN HOUR DOM MON DOW"',
    details:
      'Slots are UTC: daily from 00:00, weekly from Monday 00:00, monthly from the 1st; a cron expression has five fields\n' +
      'and runs at most hourly. A slot that closes with no run is recorded as missed (run_missed) by the next collection,\n' +
      '`collect --due` or the open app. Sources without a schedule are collected weekly. Logged (schedule_set).\n' +
      'Example: evidence-locker schedule set prod --cron "0 3 * * 1-5"',
    options: { cadence: { type: 'string' }, cron: { type: 'string' } },
    async run(ctx, values, positionals) {
      if (positionals.length !== 1) return ctx.usage(`Usage: ${this.usage}`);
      const cron = str(values.cron);
      const cadence = cron !== undefined ? 'cron' : str(values.cadence);
      if (cron !== undefined && values.cadence !== undefined && values.cadence !== 'cron') return ctx.usage('Give --cadence or --cron, not both.');
      if (cadence !== 'daily' && cadence !== 'weekly' && cadence !== 'monthly' && cadence !== 'cron')
        return ctx.usage(`--cadence is daily, weekly or monthly, or give --cron EXPR.\nUsage: ${this.usage}`);
      const s = await ctx.call('schedule.set', { source: positionals[0]!, cadence, cron });
      ctx.print(s, `${s.source}: ${s.cadence === 'cron' ? `cron "${s.cron}"` : s.cadence} from ${s.since}; next due ${s.nextDue ?? '-'}.`);
      return 0;
    },
  },
  {
    name: 'schedule list',
    summary: 'Every source with its schedule and when it is due next',
    usage: 'evidence-locker schedule list',
    async run(ctx) {
      const r = await ctx.call('schedule.list', {});
      ctx.print(r, formatSchedules(r));
      return 0;
    },
  },
];

/** `status --period NAME`: the readiness table. Exit 1 when a criterion is at risk or not covered, or a source is overdue. */
export async function periodStatus(ctx: Parameters<Command['run']>[0], period: string): Promise<number> {
  const r = await ctx.call('readiness.get', { period });
  ctx.print(r, formatReadiness(r));
  return r.counts.at_risk + r.counts.not_covered + r.overdue.length > 0 ? 1 : 0;
}
