import type { ManualView } from '../../core/api';
import { required, str, type Command } from '../command';

const fmtBytes = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} B`);

function expiryText(m: ManualView): string {
  if (m.expiry.state === 'expired') return `EXPIRED: ${m.expiry.message}`;
  if (m.expiry.state === 'expiring') return `EXPIRING: ${m.expiry.message}`;
  return m.expiresOn ? `valid until ${m.expiresOn}` : 'no expiry';
}

export function formatManual(m: ManualView): string {
  const ended =
    m.status === 'active'
      ? ''
      : `  [${m.status.toUpperCase()} ${m.endedAt?.slice(0, 10)}: ${m.endedReason}${m.supersededBy ? ` → #${m.supersededBy}` : ''}]`;
  return [
    `#${m.id} ${m.title}${ended}`,
    `    file: ${m.fileName} (${fmtBytes(m.bytes)}, ${m.mediaType})  sha256 ${m.sha256}`,
    `    criteria: ${m.criteria.join(', ')}  evidence for: ${m.evidenceFor}  owner: ${m.owner}  ${expiryText(m)}`,
    `    uploaded ${m.uploadedAt} by ${m.uploadedBy}; item #${m.itemSeq}, log entry ${m.logIndex}`,
  ].join('\n');
}

const positiveId = (s: string | undefined): number | null => (s && /^#?[1-9][0-9]*$/.test(s) ? Number(s.replace('#', '')) : null);

export const manualCommands: Command[] = [
  {
    name: 'manual add',
    summary: 'Keep a file (policy PDF, red-team report, screenshot, signed DPA) as evidence for criteria',
    usage:
      'evidence-locker manual add FILE --criteria ID[,ID…] --evidence-for YYYY-MM-DD --owner NAME [--expires YYYY-MM-DD] [--title TEXT] [--supersedes ID]',
    details:
      'The file is hashed into the signed log and kept in the store folder (files/sha256/…, mode 0600); bundles for\n' +
      'each criterion carry it under evidence/manual/ with a JSON sidecar. --evidence-for is the day the document is\n' +
      'evidence for (its "as of"), not the upload day. Refused: directories, devices, FIFOs, symbolic links, empty\n' +
      'files, files over 100 MB. --supersedes ID replaces an earlier upload (both stay in the log).\n' +
      'Example: evidence-locker manual add ai-policy.pdf --criteria CC5.3,CC9.2 --evidence-for 2026-03-01 --owner "Dana Lee" --expires 2027-03-01',
    options: {
      criteria: { type: 'string' },
      'evidence-for': { type: 'string' },
      owner: { type: 'string' },
      expires: { type: 'string' },
      title: { type: 'string' },
      supersedes: { type: 'string' },
    },
    async run(ctx, values, positionals) {
      if (positionals.length !== 1) return ctx.usage(`Usage: ${this.usage}`);
      const supersedes = str(values.supersedes);
      if (supersedes !== undefined && positiveId(supersedes) === null)
        return ctx.usage('--supersedes is the id of an earlier upload (see `manual list`).');
      const m = await ctx.call('manual.add', {
        file: positionals[0]!,
        criteria: (str(values.criteria) ?? '')
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
        evidenceFor: required(values['evidence-for']),
        owner: required(values.owner),
        expiresOn: str(values.expires),
        title: str(values.title),
        supersedes: supersedes === undefined ? undefined : positiveId(supersedes)!,
      });
      ctx.print(m, `Kept manual evidence #${m.id}.\n${formatManual(m)}`);
      return 0;
    },
  },
  {
    name: 'manual list',
    summary: 'Manual evidence with expiry flags (exit 1 when any listed file has expired)',
    usage: 'evidence-locker manual list [--criterion ID] [--all] [--json]',
    details:
      '--all includes withdrawn and superseded uploads. Expired files are flagged and are never used silently:\nbundles carry them marked expired.',
    options: { criterion: { type: 'string' }, all: { type: 'boolean', default: false } },
    async run(ctx, values) {
      const list = await ctx.call('manual.list', { criterion: str(values.criterion), includeEnded: Boolean(values.all) });
      const expired = list.filter((m) => m.status === 'active' && m.expiry.state === 'expired');
      const lines = list.length ? list.map(formatManual) : ['No manual evidence. Add a file with `evidence-locker manual add FILE …`.'];
      if (expired.length)
        lines.push('', `${expired.length} expired: ${expired.map((m) => `#${m.id}`).join(', ')}. Upload the current version with --supersedes.`);
      ctx.print(list, lines.join('\n'));
      return expired.length ? 1 : 0;
    },
  },
  {
    name: 'manual show',
    summary: 'One manual upload: details, its stored copy re-hashed, its history',
    usage: 'evidence-locker manual show ID [--json]',
    async run(ctx, _values, positionals) {
      const id = positiveId(positionals[0]);
      if (positionals.length !== 1 || id === null) return ctx.usage(`Usage: ${this.usage}`);
      const m = await ctx.call('manual.show', { id });
      const stored = !m.stored.present
        ? 'MISSING from the store folder'
        : m.stored.matches
          ? 'present, hash matches'
          : 'CHANGED on disk (hash differs)';
      const history = m.history.map((h) => `    #${h.id} ${h.status} (evidence for ${h.evidenceFor}, uploaded ${h.uploadedAt})`);
      ctx.print(m, [formatManual(m), `    stored copy: ${stored}`, ...(history.length ? ['    history:', ...history] : [])].join('\n'));
      return m.stored.present && m.stored.matches ? 0 : 1;
    },
  },
  {
    name: 'manual remove',
    summary: 'Withdraw an upload (a new log entry; the file and its first entry stay)',
    usage: 'evidence-locker manual remove ID --reason TEXT',
    options: { reason: { type: 'string' } },
    async run(ctx, values, positionals) {
      const id = positiveId(positionals[0]);
      if (positionals.length !== 1 || id === null || !str(values.reason)) return ctx.usage(`Usage: ${this.usage}`);
      const m = await ctx.call('manual.remove', { id, reason: str(values.reason)! });
      ctx.print(m, `Withdrew manual evidence #${m.id}; it is no longer exported. Its entries stay in the log.`);
      return 0;
    },
  },
];
