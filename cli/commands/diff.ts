import type { Command, ParsedValues } from '../command';
import { formatDiff } from '../format/diff';

/** An item number from --from/--to; anything else is a usage error (exit 2). */
function seqFlag(values: ParsedValues, flag: 'from' | 'to'): number | undefined | null {
  const v = values[flag];
  if (v === undefined) return undefined;
  return typeof v === 'string' && /^[1-9][0-9]*$/.test(v) ? Number(v) : null;
}

export const diffCommands: Command[] = [
  {
    name: 'diff',
    summary: 'Compare two snapshots of one source and kind (default: the last two)',
    usage: 'evidence-locker diff --source NAME --kind KIND [--from ITEM --to ITEM] [--json]',
    options: { source: { type: 'string' }, kind: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    details(meta) {
      return (
        'Compares two snapshots (evidence items) of the same source, kind and scope: for mlflow.registry, versions,\n' +
        'stages, aliases, tags and descriptions; for mlflow.access, users, the admin flag and permissions; for\n' +
        'mlflow.retention, soft deletes and the attested gc schedule. The diff is recorded as derived evidence\n' +
        "(kind <KIND>.diff) citing both items' hashes.\n" +
        `Kinds with diffs: ${meta.diffKinds.join(', ')}`
      );
    },
    async run(ctx, values) {
      const from = seqFlag(values, 'from');
      const to = seqFlag(values, 'to');
      if (typeof values.source !== 'string' || typeof values.kind !== 'string' || from === null || to === null) {
        return ctx.usage(`Usage: ${this.usage}\n--from and --to are item numbers. Kinds with diffs: ${ctx.meta.diffKinds.join(', ')}`);
      }
      const r = await ctx.call('diff.run', { source: values.source, kind: values.kind, from, to });
      ctx.print(r, formatDiff(r));
      return 0;
    },
  },
];
