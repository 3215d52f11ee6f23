import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ExportResult } from '../../core/export/export-bundle';
import type { BundleVerification } from '../../core/verify/verify-bundle';
import { tempCore } from '../helpers/temp-store';
import { resetMoto, seedAccount, useAwsTestEnv } from './aws-helpers';
import { run, unzipTo } from './bundle-helpers';

// End to end: moto_server from the global setup → AWS collection (twice, with diffs) → bundles per criterion →
// the auditor's tools. The AWS evidence must land under the criteria criteria.md maps it to.
const endpoint = inject('motoEndpoint');
let t: Awaited<ReturnType<typeof tempCore>>;
let bundles: ExportResult[];
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  useAwsTestEnv();
  await resetMoto(endpoint);
  await seedAccount(endpoint);
  t = await tempCore();
  await t.call('source.add', { type: 'aws', name: 'moto', config: { endpoint } });
  await t.call('collect.run', { source: 'moto' });
  await t.call('collect.run', { source: 'moto' });
  for (const kind of ['aws.iam', 'aws.credential-report', 'aws.s3.retention', 'aws.sagemaker.registry'])
    await t.call('diff.run', { source: 'moto', kind });
  const r = await t.call<{ bundles: ExportResult[] }>('export.bundle', {
    all: true,
    from: day(-1),
    to: day(1),
    out: join(t.home, 'bundles'),
    org: 'Acme AI',
  });
  bundles = r.bundles;
});
afterAll(() => t?.cleanup());

const unzipped = new Map<string, string>();
function kindsIn(criterion: string): string[] {
  const b = bundles.find((x) => x.criterion === criterion);
  expect(b, `a bundle for ${criterion}`).toBeDefined();
  if (!unzipped.has(criterion)) unzipped.set(criterion, unzipTo(b!.path, join(t.home, `x-${criterion}`)));
  const dir = unzipped.get(criterion)!;
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { items: { kind: string }[] };
  return [...new Set(manifest.items.map((i) => i.kind))].sort();
}

describe('bundles carry AWS evidence under the right criteria', () => {
  it('maps identity, retention, logging and registry evidence to their criteria', () => {
    expect(kindsIn('CC6.1')).toEqual(expect.arrayContaining(['aws.credential-report', 'aws.iam']));
    expect(kindsIn('CC6.2')).toEqual(expect.arrayContaining(['aws.credential-report', 'aws.iam', 'aws.iam.diff']));
    expect(kindsIn('C1.1')).toEqual(expect.arrayContaining(['aws.s3.retention', 'aws.logs.retention']));
    expect(kindsIn('C1.2')).toEqual(expect.arrayContaining(['aws.s3.retention']));
    expect(kindsIn('CC7.2')).toEqual(expect.arrayContaining(['aws.cloudtrail']));
    expect(kindsIn('CC8.1')).toEqual(expect.arrayContaining(['aws.sagemaker.registry', 'aws.sagemaker.registry.diff']));
    expect(kindsIn('CC8.1')).not.toContain('aws.s3.retention');
  });

  it('every AWS bundle verifies with openssl, sha256sum, verify.sh, verify-log.mjs and our verify', async () => {
    for (const b of bundles) {
      const dir = unzipTo(b.path, join(t.home, `v-${b.criterion}`));
      expect(
        run(
          'openssl',
          ['pkeyutl', '-verify', '-pubin', '-inkey', 'signing-key.pub.pem', '-rawin', '-in', 'SHA256SUMS', '-sigfile', 'SHA256SUMS.sig'],
          dir,
        ).code,
      ).toBe(0);
      expect(run('sha256sum', ['--strict', '--quiet', '-c', 'SHA256SUMS'], dir)).toEqual({ code: 0, out: '' });
      expect(run('bash', ['tools/verify.sh', b.keyFingerprint], dir).code).toBe(0);
      expect(run('node', ['tools/verify-log.mjs', b.keyFingerprint], dir).code).toBe(0);
      const v = await t.call<BundleVerification>('bundle.verify', { bundle: b.path, fingerprint: b.keyFingerprint });
      expect(v.problems).toEqual([]);
    }
  });

  it("the CC6.1 report shows the credential report's users with MFA and key age", () => {
    const b = bundles.find((x) => x.criterion === 'CC6.1')!;
    const text = execFileSync('pdftotext', ['-layout', join(t.home, 'x-CC6.1', 'report', 'CC6.1.pdf'), '-']).toString();
    expect(text).toContain('CC6.1');
    expect(text).toContain(b.keyFingerprint);
    expect(text).toMatch(/MFA/);
    expect(text).toMatch(/alice|bob/);
  });
});
