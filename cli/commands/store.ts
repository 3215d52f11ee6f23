import { required, str, type Command } from '../command';
import { formatStatus, formatVerification, formatLog } from '../format/store';
import { periodStatus } from './periods';

export const storeCommands: Command[] = [
  {
    name: 'init',
    summary: 'Create the evidence store and the installation signing key',
    usage: 'evidence-locker init',
    details:
      'Creates the store in --home and an Ed25519 key in <home>/keys (mode 0600). Prints the key fingerprint:\n' +
      'send it to your auditor out of band. Running init again changes nothing.',
    async run(ctx) {
      const r = await ctx.call('store.init', {});
      ctx.print(
        r,
        `${r.created ? 'Created' : 'Already initialised:'} evidence store in ${r.home}\n` +
          `Signing key fingerprint (SHA-256 of the public key, DER SPKI):\n  ${r.fingerprint}\n` +
          `Private key: ${r.keyStore}`,
      );
      return 0;
    },
  },
  {
    name: 'status',
    summary: 'Sources, runs, items, log size, last checkpoint, key fingerprint; with --period, readiness per criterion',
    usage: 'evidence-locker status [--period NAME]',
    details:
      'With --period: each criterion in scope (covered, at risk, not covered, not applicable, and why) and each source\n' +
      '(last success, next due, failures, freshness, missed runs). Exit 1 when a criterion is at risk or not covered or a\n' +
      'source is overdue, so a cron job can alert on it. Example: evidence-locker status --period FY26 --json',
    options: { period: { type: 'string' } },
    async run(ctx, values) {
      const period = str(values.period);
      if (values.period !== undefined && !period) return ctx.usage('--period names an audit period (see `evidence-locker period list`).');
      if (period) return periodStatus(ctx, period);
      const s = await ctx.call('store.status', {});
      ctx.print(s, formatStatus(s));
      return s.warning ? 1 : 0;
    },
  },
  {
    name: 'verify-store',
    summary: 'Check every log entry, checkpoint signature and item hash',
    usage: 'evidence-locker verify-store',
    details: 'Exit 0 when the store verifies, 1 when it does not (the first bad entry is named).',
    async run(ctx) {
      const r = await ctx.call('store.verify', {});
      ctx.print(r, formatVerification(r));
      return r.ok ? 0 : 1;
    },
  },
  {
    name: 'log',
    summary: 'Show recent log entries',
    usage: 'evidence-locker log [--limit N] [--type TYPE]',
    options: { limit: { type: 'string', default: '20' }, type: { type: 'string' } },
    async run(ctx, values) {
      const limit = Number(values.limit);
      const entries = await ctx.call('log.list', { limit, type: str(values.type) });
      ctx.print(entries, formatLog(entries));
      return 0;
    },
  },
  {
    name: 'key show',
    summary: 'Show the signing key fingerprint and public key',
    usage: 'evidence-locker key show',
    async run(ctx) {
      const r = await ctx.call('key.show', {});
      const retired = r.keys.filter((k) => k.retiredAt).map((k) => `  retired ${k.retiredAt}: ${k.fingerprint}`);
      ctx.print(r, [`Fingerprint: ${r.active.fingerprint}`, `Created:     ${r.active.createdAt}`, r.active.pem.trimEnd(), ...retired].join('\n'));
      return 0;
    },
  },
  {
    name: 'key rotate',
    summary: 'Replace the signing key (logged, signed by old and new key)',
    usage: 'evidence-locker key rotate',
    async run(ctx) {
      const r = await ctx.call('key.rotate', {});
      ctx.print(r, `Rotated signing key.\n  old: ${r.oldFingerprint}\n  new: ${r.newFingerprint}\nSend the new fingerprint to your auditor.`);
      return 0;
    },
  },
  {
    name: 'backup',
    summary: 'Online backup of the store into a new folder, verified after writing',
    usage: 'evidence-locker backup --to DIR',
    details: 'Uses the SQLite online backup API (never a copy of the live file). Check it later with\n  evidence-locker --home DIR verify-store',
    options: { to: { type: 'string' } },
    async run(ctx, values) {
      const r = await ctx.call('store.backup', { to: required(values.to) });
      ctx.print(r, `Backup written to ${r.path} and verified (${r.verification.logSize} log entries, ${r.verification.items} items).`);
      return 0;
    },
  },
];
