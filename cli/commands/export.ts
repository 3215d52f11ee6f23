import { CliExit, required, str, type Command } from '../command';
import { Interrupt } from '../interrupt';

export const exportCommands: Command[] = [
  {
    name: 'export',
    summary: 'Write a signed bundle (ZIP + PDF) for a criterion and period',
    usage: 'evidence-locker export (--criterion ID | --all) --from YYYY-MM-DD --to YYYY-MM-DD --out DIR [--org NAME]',
    details:
      'One ZIP per criterion, named <org>_<criterion>_<from>_<to>_<id>.zip, with the PDF report also written next\n' +
      'to it. The auditor verifies it with openssl + sha256sum (see README.txt inside, docs/bundle-format.md) or\n' +
      '`evidence-locker verify BUNDLE.zip --fingerprint HEX`. --all exports every criterion that has evidence.\n' +
      'Example: evidence-locker export --criterion CC8.1 --from 2026-01-01 --to 2026-06-30 --out ./bundles',
    options: {
      criterion: { type: 'string' },
      all: { type: 'boolean', default: false },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      org: { type: 'string' },
    },
    async run(ctx, values) {
      const input = {
        criterion: str(values.criterion),
        all: Boolean(values.all),
        from: required(values.from),
        to: required(values.to),
        out: required(values.out),
        org: str(values.org),
      };
      const interrupt = new Interrupt();
      const r = await ctx
        .call('export.bundle', input, {
          onProgress: (e) => (ctx.json ? undefined : e.done ? ctx.io.err(e.message ?? '') : ctx.io.status(e.message ?? '')),
          signal: interrupt.signal,
        })
        .catch((err: unknown) => {
          if (err instanceof CliExit && err.error?.code === 'CANCELLED') return null;
          throw err;
        })
        .finally(() => interrupt.dispose());
      if (r === null) return interrupt.exitCode; // the error line said what was removed and what is kept
      const lines = r.bundles.flatMap((b) => [
        `${b.criterion} ${b.period.from}..${b.period.to}: ${b.items} items (complete ${b.counts.complete}, partial ${b.counts.partial}, failed ${b.counts.failed})`,
        `  bundle: ${b.path}`,
        `  report: ${b.pdfPath}`,
        `  SHA256SUMS sha256: ${b.sumsSha256}${b.previousBundle ? `  (follows bundle ${b.previousBundle})` : ''}`,
      ]);
      const fp = r.bundles[0]?.keyFingerprint;
      ctx.print(r, [...lines, `Key fingerprint (send to the auditor out of band): ${fp}`].join('\n'));
      return 0;
    },
  },
  {
    name: 'verify',
    summary: 'Verify a bundle ZIP (signature, hashes, unlisted files, manifest, proofs)',
    usage: 'evidence-locker verify BUNDLE.zip [--fingerprint HEX]',
    details:
      'Reads the ZIP directly (hostile archives are refused). Exit 0 when valid, 1 when not, naming each failing\n' +
      'file and why. Without --fingerprint the key is only checked for consistency, not identity.',
    options: { fingerprint: { type: 'string' } },
    async run(ctx, values, positionals) {
      if (positionals.length !== 1) {
        return ctx.usage('Usage: evidence-locker verify BUNDLE.zip [--fingerprint HEX]');
      }
      const r = await ctx.call('bundle.verify', { bundle: positionals[0]!, fingerprint: str(values.fingerprint) });
      const head = r.ok
        ? `VALID: ${r.bundle}\n  bundle ${r.bundleId}, ${r.criterion} ${r.period?.from}..${r.period?.to}, ${r.items} items, ${r.files} files`
        : `INVALID: ${r.bundle}`;
      const key = r.keyFingerprint
        ? `  key ${r.keyFingerprint} ${r.fingerprintMatched ? '(matches the expected fingerprint)' : values.fingerprint ? '' : '(NOT checked: pass --fingerprint)'}`
        : '';
      const problems = r.problems.slice(0, 50).map((p) => `  FAIL ${p.file}: ${p.reason}`);
      if (r.problems.length > 50) problems.push(`  … and ${r.problems.length - 50} more`);
      ctx.print(r, [head, key, ...problems].filter(Boolean).join('\n'));
      return r.ok ? 0 : 1;
    },
  },
];
