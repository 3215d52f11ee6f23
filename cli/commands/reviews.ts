import { writeFileSync } from 'node:fs';
import type { Command, ParsedValues } from '../command';
import { str } from '../command';
import { formatCsvImport, formatReview, formatReviewList, formatSnapshots, lineRow, columns } from '../format/reviews';

const ID = /^[1-9][0-9]*$/;
/** The review id (first positional); anything else is a usage error. */
const idOf = (positionals: string[]): number | null => (positionals.length === 1 && ID.test(positionals[0]!) ? Number(positionals[0]) : null);
const reviewer = (v: ParsedValues) => str(v.reviewer);

const START_HELP =
  'Reads one signed access snapshot (--snapshot ITEM; see `review snapshots`) or the latest access snapshot of every\n' +
  'source and kind collected in a period (--from/--to, UTC days; --source to keep one source). Each principal with its\n' +
  'roles, MFA and last activity becomes a line, tagged new / removed / unchanged against the previous review of the\n' +
  'same source, and flagged dormant (no activity in 90 days), orphaned (deleted, or no matching person in any other\n' +
  "source), privileged (admin/owner) or no_mfa. The start is recorded in the signed log with the snapshots' hashes.\n" +
  'Example: evidence-locker review start --from 2026-10-01 --to 2026-12-31';

/** Access reviews, headless: the same procedures as the app's Reviews screen. */
export const reviewCommands: Command[] = [
  {
    name: 'review snapshots',
    summary: 'Access snapshots a review can start from (newest first)',
    usage: 'evidence-locker review snapshots [--source NAME] [--json]',
    options: { source: { type: 'string' } },
    async run(ctx, values) {
      const r = await ctx.call('review.snapshots', { source: str(values.source) });
      ctx.print(r, formatSnapshots(r));
      return 0;
    },
  },
  {
    name: 'review start',
    summary: 'Start an access review from a snapshot or a period',
    usage: 'evidence-locker review start (--snapshot ITEM | --from DAY --to DAY [--source NAME]) [--title T] [--reviewer NAME] [--json]',
    details: START_HELP,
    options: {
      snapshot: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      source: { type: 'string' },
      title: { type: 'string' },
      reviewer: { type: 'string' },
    },
    async run(ctx, values) {
      const snap = str(values.snapshot);
      if (snap !== undefined && !ID.test(snap)) return ctx.usage(`--snapshot is an item number.\nUsage: ${this.usage}`);
      if ((snap === undefined) === (values.from === undefined || values.to === undefined))
        return ctx.usage(`Give either --snapshot ITEM, or --from DAY and --to DAY.\nUsage: ${this.usage}`);
      const r = await ctx.call('review.start', {
        snapshot: snap === undefined ? undefined : Number(snap),
        from: str(values.from),
        to: str(values.to),
        source: str(values.source),
        title: str(values.title),
        reviewer: reviewer(values),
      });
      ctx.print(r, `Started review #${r.id} with ${r.lines} lines.\n\n${formatReview(r)}`);
      return 0;
    },
  },
  {
    name: 'review list',
    summary: 'List access reviews with how many lines are decided',
    usage: 'evidence-locker review list [--json]',
    async run(ctx) {
      const r = await ctx.call('review.list', {});
      ctx.print(r, formatReviewList(r));
      return 0;
    },
  },
  {
    name: 'review show',
    summary: 'Show a review: lines, flags, decisions and the follow-up of revocations',
    usage: 'evidence-locker review show ID [--flag dormant|orphaned|privileged|no_mfa] [--undecided] [--json]',
    details:
      'The follow-up matches each revoke and change_role decision against the snapshots of the same source recorded\n' +
      'after it: done (with the snapshot that proves it, item number and hash) or open (with its age in days).',
    options: { flag: { type: 'string' }, undecided: { type: 'boolean' } },
    async run(ctx, values, positionals) {
      const id = idOf(positionals);
      if (id === null) return ctx.usage(`Usage: ${this.usage}`);
      const r = await ctx.call('review.show', { review: id });
      const flag = str(values.flag);
      const rows = r.rows.filter((l) => (!flag || (l.flags as string[]).includes(flag)) && (!values.undecided || (l.needsDecision && !l.decision)));
      ctx.print(r, formatReview(r, rows));
      return 0;
    },
  },
  {
    name: 'review decide',
    summary: 'Decide one line: keep, revoke, change_role or defer',
    usage:
      'evidence-locker review decide ID --line N --decision keep|revoke|change_role|defer [--comment TEXT] [--reason TEXT] [--new-role ROLE] [--reviewer NAME] [--json]',
    details:
      'Every decision is a signed log entry naming the reviewer (default: your OS user), the time and the hashes of the\n' +
      'snapshots the line was read from. A comment is required for revoke, change_role and defer; a reason when the\n' +
      'line is your own access. A later decision on the same line replaces the earlier one (both stay in the log).',
    options: {
      line: { type: 'string' },
      decision: { type: 'string' },
      comment: { type: 'string' },
      reason: { type: 'string' },
      'new-role': { type: 'string' },
      reviewer: { type: 'string' },
    },
    async run(ctx, values, positionals) {
      const id = idOf(positionals);
      const line = str(values.line);
      if (id === null || !line || !ID.test(line)) return ctx.usage(`Usage: ${this.usage}`);
      const r = await ctx.call('review.decide', {
        review: id,
        line: Number(line),
        decision: str(values.decision) as 'keep',
        comment: str(values.comment) ?? '',
        reason: str(values.reason),
        newRole: str(values['new-role']),
        reviewer: reviewer(values),
      });
      ctx.print(r, columns(['LINE', 'PRINCIPAL', 'TAG', 'FLAGS', 'MFA', 'LAST ACTIVE', 'ROLES', 'DECISION'], [lineRow(r)]).join('\n'));
      return 0;
    },
  },
  {
    name: 'review close',
    summary: 'Close a review once every line has a decision (signed into the log)',
    usage: 'evidence-locker review close ID [--reviewer NAME] [--json]',
    options: { reviewer: { type: 'string' } },
    async run(ctx, values, positionals) {
      const id = idOf(positionals);
      if (id === null) return ctx.usage(`Usage: ${this.usage}`);
      const r = await ctx.call('review.close', { review: id, reviewer: reviewer(values) });
      ctx.print(r, `Closed review #${r.id} (log entry #${r.closedLogIdx}).`);
      return 0;
    },
  },
  {
    name: 'review export-csv',
    summary: 'Write a review as CSV for reviewers outside the app',
    usage: 'evidence-locker review export-csv ID [--out FILE] [--json]',
    details:
      'One row per line with the snapshot hashes it was read from; reviewers fill in decision, comment, reason,\n' +
      'new_role and reviewer, and the file is read back with `review import-csv`. Cells starting with = + - @ are\n' +
      'prefixed with an apostrophe so a spreadsheet shows them as text. Without --out the CSV goes to stdout.',
    options: { out: { type: 'string' } },
    async run(ctx, values, positionals) {
      const id = idOf(positionals);
      if (id === null) return ctx.usage(`Usage: ${this.usage}`);
      const r = await ctx.call('review.exportCsv', { review: id });
      const out = str(values.out);
      if (!out) {
        if (ctx.json) ctx.print(r, '');
        else ctx.io.out(r.csv.trimEnd());
        return 0;
      }
      writeFileSync(out, r.csv);
      ctx.print({ file: out, rows: r.rows }, `Wrote ${r.rows} lines to ${out}.`);
      return 0;
    },
  },
  {
    name: 'review import-csv',
    summary: 'Read decisions back from a review CSV (rows that do not match are refused)',
    usage: 'evidence-locker review import-csv ID --file FILE [--reviewer NAME] [--json]',
    details:
      'Each row must name this review, one of its lines with the same source and principal, and the hash of the\n' +
      'snapshot that line was read from; other rows are refused with their line number. Valid rows are recorded as\n' +
      'decisions (one signed log entry each); --reviewer applies where the reviewer column is empty. Exit 1 if a row was refused.',
    options: { file: { type: 'string' }, reviewer: { type: 'string' } },
    async run(ctx, values, positionals) {
      const id = idOf(positionals);
      const file = str(values.file);
      if (id === null || !file) return ctx.usage(`Usage: ${this.usage}`);
      const r = await ctx.call('review.importCsv', { review: id, file, reviewer: reviewer(values) });
      ctx.print(r, formatCsvImport(r));
      return r.refused.length ? 1 : 0;
    },
  },
];
