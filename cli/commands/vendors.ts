import type { VendorView } from '../../core/api';
import { str, type CliContext, type Command, type OptionSpec, type ParsedValues } from '../command';

/** Flags shared by `vendors add` and `vendors update`; each maps to one register field. */
const FIELD_FLAGS: OptionSpec = {
  name: { type: 'string' },
  service: { type: 'string', multiple: true },
  'data-sent': { type: 'string' },
  'personal-data': { type: 'string' },
  dpa: { type: 'string' },
  'dpa-signed-on': { type: 'string' },
  'training-use': { type: 'string' },
  'training-terms': { type: 'string' },
  'soc2-type2': { type: 'string' },
  'soc2-type1': { type: 'string' },
  iso27001: { type: 'string' },
  iso42001: { type: 'string' },
  'last-review': { type: 'string' },
  'review-every': { type: 'string' },
  owner: { type: 'string' },
  notes: { type: 'string' },
};

const FIELD_HELP = `Fields (add and update):
  --name TEXT               vendor name (e.g. "OpenAI")
  --service TEXT            a service used; repeat the flag, e.g. --service "Chat Completions API" --service Embeddings
  --data-sent TEXT          what data is sent to the vendor
  --personal-data yes|no    whether personal data is sent (adds the register to C1.1, P6.1, P6.4, P6.5 bundles)
  --dpa signed|not-signed|not-needed|unknown      --dpa-signed-on YYYY-MM-DD
  --training-use not-used|opt-out|used|unknown    --training-terms TEXT (what the DPA/terms say)
  --soc2-type2 [ISSUED..]EXPIRES   --soc2-type1 …   --iso27001 …   --iso42001 …   report dates, e.g. 2026-01-15..2027-01-14
                            (update replaces the whole report list when any of these is given; "none" clears it)
  --last-review YYYY-MM-DD  --review-every DAYS (default 365)   --owner TEXT   --notes TEXT`;

const REPORT_FLAGS = { 'soc2-type2': 'soc2-type2', 'soc2-type1': 'soc2-type1', iso27001: 'iso27001', iso42001: 'iso42001' } as const;

/** Turns the flags given into register fields; absent flags stay absent (update changes only what is given). */
function fieldsFrom(ctx: CliContext, v: ParsedValues): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  const set = (flag: string, key: string, map: (s: string) => unknown = (s) => s) => {
    const s = str(v[flag]);
    if (s !== undefined) f[key] = map(s);
  };
  set('name', 'name');
  if (Array.isArray(v.service)) f.services = v.service.map(String);
  set('data-sent', 'dataSent');
  set('personal-data', 'personalData', (s) => {
    if (/^(yes|true|y)$/i.test(s)) return true;
    if (/^(no|false|n)$/i.test(s)) return false;
    return ctx.usage('--personal-data is yes or no.');
  });
  set('dpa', 'dpa');
  set('dpa-signed-on', 'dpaSignedOn', (s) => (s === 'none' ? null : s));
  set('training-use', 'trainingUse');
  set('training-terms', 'trainingTerms');
  set('last-review', 'lastReviewedOn', (s) => (s === 'none' ? null : s));
  set('review-every', 'reviewEveryDays', (s) => (/^\d+$/.test(s) ? Number(s) : ctx.usage('--review-every is a whole number of days.')));
  set('owner', 'owner');
  set('notes', 'notes');
  const reports: { type: string; issuedOn: string | null; expiresOn: string }[] = [];
  let anyReport = false;
  for (const [flag, type] of Object.entries(REPORT_FLAGS)) {
    const s = str(v[flag]);
    if (s === undefined) continue;
    anyReport = true;
    if (s === 'none') continue;
    const m = /^(?:(.+?)\.\.)?(.+)$/.exec(s)!;
    reports.push({ type, issuedOn: m[1] ?? null, expiresOn: m[2]! });
  }
  if (anyReport) f.reports = reports;
  return f;
}

const flagLine = (v: VendorView) =>
  v.flags.length ? v.flags.map((f) => `    ${f.severity === 'overdue' ? 'OVERDUE' : 'DUE SOON'}: ${f.message}`).join('\n') : '    nothing due';

export function formatVendor(v: VendorView): string {
  const f = v.fields;
  const reports = f.reports.map((r) => `${r.type} ${r.issuedOn ?? '?'}..${r.expiresOn}`).join(', ') || 'none on file';
  return [
    `#${v.id} ${f.name}${v.removedAt ? `  (removed ${v.removedAt})` : ''}  [${v.origin === 'connector' ? 'seeded from sources' : 'entered by hand'}]`,
    `    services: ${f.services.join(', ') || '—'}`,
    `    data sent: ${f.dataSent || '—'}  personal data: ${f.personalData ? 'YES' : 'no'}`,
    `    DPA: ${f.dpa}${f.dpaSignedOn ? ` (${f.dpaSignedOn})` : ''}  training use: ${f.trainingUse}${f.trainingTerms ? ` (${f.trainingTerms})` : ''}`,
    `    reports: ${reports}`,
    `    last review: ${f.lastReviewedOn ?? 'never'} (every ${f.reviewEveryDays} days)  owner: ${f.owner || '—'}  log item #${v.itemSeq}`,
    flagLine(v),
  ].join('\n');
}

const vendorRef = (s: string): string | number => (/^#?\d+$/.test(s) ? Number(s.replace('#', '')) : s);

export const vendorCommands: Command[] = [
  {
    name: 'vendors list',
    summary: 'The AI vendor register (CC9.2) with what is due, and vendors your sources suggest',
    usage: 'evidence-locker vendors list [--all] [--json]',
    details: '--all includes removed vendors. Suggestions come from the configured sources; add them with `vendors seed`.',
    options: { all: { type: 'boolean', default: false } },
    async run(ctx, values) {
      const r = await ctx.call('vendor.list', { includeRemoved: Boolean(values.all) });
      const missing = r.suggestions.filter((s) => !s.inRegister);
      const lines = r.vendors.length
        ? r.vendors.map(formatVendor)
        : ['The register is empty. Add a vendor with `vendors add --name NAME` or `vendors seed`.'];
      if (missing.length)
        lines.push(
          '',
          `Suggested by your sources (add with \`vendors seed\`): ${missing.map((s) => `${s.name} (${s.seededFrom.sources.join(', ')})`).join('; ')}`,
        );
      ctx.print(r, lines.join('\n'));
      return 0;
    },
  },
  {
    name: 'vendors add',
    summary: 'Add a vendor to the register (a signed log entry)',
    usage: 'evidence-locker vendors add --name NAME [fields]',
    details: `${FIELD_HELP}\nExample: evidence-locker vendors add --name OpenAI --service "Chat Completions API" --personal-data yes \\\n  --dpa signed --dpa-signed-on 2026-02-01 --training-use not-used --soc2-type2 2026-01-15..2027-01-14 --owner "Dana Lee"`,
    options: FIELD_FLAGS,
    async run(ctx, values) {
      const fields = fieldsFrom(ctx, values);
      if (fields.name === undefined) return ctx.usage(`--name is required.\nUsage: ${this.usage}`);
      const v = await ctx.call('vendor.add', fields as { name: string });
      ctx.print(v, `Added vendor #${v.id} "${v.fields.name}" (log item #${v.itemSeq}).\n${formatVendor(v)}`);
      return 0;
    },
  },
  {
    name: 'vendors update',
    summary: 'Change a vendor (only the fields given; logged)',
    usage: 'evidence-locker vendors update ID|NAME [fields]',
    details: `${FIELD_HELP}\nExample: evidence-locker vendors update OpenAI --last-review 2026-11-30`,
    options: FIELD_FLAGS,
    async run(ctx, values, positionals) {
      if (positionals.length !== 1) return ctx.usage(`Usage: ${this.usage}`);
      const changes = fieldsFrom(ctx, values);
      if (Object.keys(changes).length === 0) return ctx.usage('Give at least one field to change (see --help).');
      const v = await ctx.call('vendor.update', { vendor: vendorRef(positionals[0]!), changes });
      ctx.print(v, `Changed vendor #${v.id} (log item #${v.itemSeq}).\n${formatVendor(v)}`);
      return 0;
    },
  },
  {
    name: 'vendors remove',
    summary: 'Remove a vendor (a new log entry with the reason; history stays)',
    usage: 'evidence-locker vendors remove ID|NAME --reason TEXT',
    options: { reason: { type: 'string' } },
    async run(ctx, values, positionals) {
      if (positionals.length !== 1 || !str(values.reason)) return ctx.usage(`Usage: ${this.usage}`);
      const v = await ctx.call('vendor.remove', { vendor: vendorRef(positionals[0]!), reason: str(values.reason)! });
      ctx.print(v, `Removed vendor #${v.id} "${v.fields.name}" (log item #${v.itemSeq}); its entries stay in the log.`);
      return 0;
    },
  },
  {
    name: 'vendors seed',
    summary: 'Add the vendors your configured sources suggest (AWS, Google Cloud, Azure, W&B, Databricks)',
    usage: 'evidence-locker vendors seed [--name NAME ...]',
    details: 'Without --name, every suggestion not yet in the register is added. A self-hosted MLflow is not a vendor.',
    options: { name: { type: 'string', multiple: true } },
    async run(ctx, values) {
      const names = Array.isArray(values.name) ? values.name.map(String) : undefined;
      const added = await ctx.call('vendor.seed', { names });
      ctx.print(
        added,
        added.length
          ? added.map((v) => `Added #${v.id} ${v.fields.name}: ${v.fields.services.join(', ')}`).join('\n')
          : 'Nothing to add: every suggested vendor is in the register.',
      );
      return 0;
    },
  },
  {
    name: 'vendors due',
    summary: 'Reports expired or expiring within 30 days, reviews overdue, DPAs missing (exit 1 when any)',
    usage: 'evidence-locker vendors due [--within DAYS] [--json]',
    details:
      'Exit codes for cron: 0 nothing due, 1 at least one vendor needs attention, 2 usage or store problem.\n' +
      'Example (daily at 07:00): 0 7 * * * EVIDENCE_HOME=/var/lib/evidence evidence-locker vendors due || mail -s "vendors due" grc@example.com',
    options: { within: { type: 'string' } },
    async run(ctx, values) {
      const within = str(values.within);
      if (within !== undefined && !/^\d+$/.test(within)) return ctx.usage('--within is a whole number of days.');
      const r = await ctx.call('vendor.due', { windowDays: within === undefined ? 30 : Number(within) });
      const head = r.vendors.length
        ? `${r.vendors.length} vendor(s) need attention as of ${r.asOf} (${r.counts.overdue} overdue, ${r.counts.soon} due within ${r.windowDays} days):`
        : `Nothing due as of ${r.asOf} (window ${r.windowDays} days).`;
      ctx.print(r, [head, ...r.vendors.map((v) => `#${v.id} ${v.fields.name} (owner ${v.fields.owner || '—'})\n${flagLine(v)}`)].join('\n'));
      return r.vendors.length ? 1 : 0;
    },
  },
];
