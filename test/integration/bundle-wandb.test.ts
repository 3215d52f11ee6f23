import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedWandbDemo } from '../../cli/demo-wandb';
import type { ExportResult } from '../../core/export/export-bundle';
import type { BundleVerification } from '../../core/verify/verify-bundle';
import { appearsInFiles, harness, type Harness, type RunSummary } from '../fixtures/mlflow/harness';
import { startWandbStub, type WandbStub } from '../fixtures/wandb/stub';
import { defaultWorld } from '../fixtures/wandb/world';
import { run, unzipTo } from './bundle-helpers';

// W&B evidence collected from the GraphQL stub and imported from admin files → a bundle per criterion → the
// auditor's tools (openssl, sha256sum, the bundle's verify.sh and verify-log.mjs) and our own verify.
const KEY = 'bundle-wandb-key-a1b2c3d4e5f60718293a4b5c6d7e8f90';
let h: Harness;
let stub: WandbStub;
let bundles: ExportResult[];
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  h = await harness({ WANDB_API_KEY: KEY });
  stub = await startWandbStub({ world: defaultWorld(), apiKey: KEY });
  await h.call('source.add', {
    type: 'wandb',
    name: 'wb',
    config: { host: stub.url, apiKeyEnv: 'WANDB_API_KEY', teams: ['acme-ml'], organization: 'acme', teamTtlDefault: '30 days' },
  });
  for (let i = 0; i < 2; i++) expect((await h.call<RunSummary[]>('collect.run', { source: 'wb' }))[0]!.status).toBe('complete');
  for (const kind of ['wandb.access', 'wandb.registry', 'wandb.retention', 'wandb.audit-log']) await h.call('diff.run', { source: 'wb', kind });
  expect(await seedWandbDemo(h.core)).toMatch(/^Loaded/);
  bundles = (
    await h.call<{ bundles: ExportResult[] }>('export.bundle', { all: true, from: day(-1), to: day(1), out: join(h.home, 'bundles'), org: 'Acme AI' })
  ).bundles;
});
afterAll(async () => {
  await stub?.close();
  h?.cleanup();
});

describe('bundles of W&B evidence', () => {
  it('cover CC6.1–6.3, CC8.1, C1.1/C1.2 and CC7.2, and each verifies with openssl, sha256sum, verify.sh and verify', async () => {
    expect(bundles.map((b) => b.criterion)).toEqual(expect.arrayContaining(['CC6.1', 'CC6.2', 'CC6.3', 'CC8.1', 'C1.1', 'C1.2', 'CC7.2']));
    for (const b of bundles) {
      const dir = unzipTo(b.path, join(h.home, `x-${b.criterion}`));
      expect(
        run(
          'openssl',
          ['pkeyutl', '-verify', '-pubin', '-inkey', 'signing-key.pub.pem', '-rawin', '-in', 'SHA256SUMS', '-sigfile', 'SHA256SUMS.sig'],
          dir,
        ).code,
      ).toBe(0);
      expect(run('sha256sum', ['--strict', '--quiet', '-c', 'SHA256SUMS'], dir)).toEqual({ code: 0, out: '' });
      const sh = run('bash', ['tools/verify.sh', b.keyFingerprint], dir);
      expect(sh.code, sh.out).toBe(0);
      const v = await h.call<BundleVerification>('bundle.verify', { bundle: b.path, fingerprint: b.keyFingerprint });
      expect(v.problems).toEqual([]);
      expect(appearsInFiles(dir, KEY)).toBe(false);
    }
  });

  it('CC7.2 carries the audit-log snapshots with their windows; CC8.1 the registry versions and their diff', () => {
    const manifest = (c: string) =>
      JSON.parse(readFileSync(join(h.home, `x-${c}`, 'manifest.json'), 'utf8')) as { items: { kind: string; evidence: string }[] };
    const kinds = (c: string) => [...new Set(manifest(c).items.map((i) => i.kind))].sort();
    expect(kinds('CC7.2')).toEqual(expect.arrayContaining(['wandb.audit-log', 'wandb.audit-log.diff']));
    expect(kinds('CC8.1')).toEqual(expect.arrayContaining(['wandb.registry', 'wandb.registry.diff']));
    const audit = manifest('CC7.2').items.find((i) => i.kind === 'wandb.audit-log')!;
    expect(JSON.parse(readFileSync(join(h.home, 'x-CC7.2', audit.evidence), 'utf8')).window).toMatchObject({ days: 7, source: 'request' });
  });
});
