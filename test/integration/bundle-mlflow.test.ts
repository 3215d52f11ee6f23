import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportResult } from '../../core/export/export-bundle';
import type { BundleVerification } from '../../core/verify/verify-bundle';
import { appearsInFiles, basicConfig, harness, type Harness } from '../fixtures/mlflow/harness';
import { run, unzipTo } from './bundle-helpers';

// End to end: the real MLflow 3.x server from the global setup → collection → bundle → auditor's tools.
const { server } = inject('mlflow3');
let h: Harness;
let bundles: ExportResult[];
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  h = await harness({ MLFLOW_PASSWORD: server.admin.password });
  await h.call('source.add', { type: 'mlflow', name: 'prod', config: basicConfig(server) });
  await h.call('collect.run', { source: 'prod' });
  await h.call('collect.run', { source: 'prod' });
  const r = await h.call<{ bundles: ExportResult[] }>('export.bundle', {
    all: true,
    from: day(-1),
    to: day(1),
    out: join(h.home, 'bundles'),
    org: 'Acme AI',
  });
  bundles = r.bundles;
});
afterAll(() => h?.cleanup());

describe('bundles from evidence collected from a real MLflow server', () => {
  it('export every supported criterion, and each verifies with openssl, sha256sum, verify.sh, verify-log.mjs and verify', async () => {
    const ids = bundles.map((b) => b.criterion);
    expect(ids).toEqual(expect.arrayContaining(['CC8.1', 'CC6.2']));
    for (const b of bundles) {
      expect(b.items).toBeGreaterThan(0);
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
      const log = run('node', ['tools/verify-log.mjs', b.keyFingerprint], dir);
      expect(log.code, log.out).toBe(0);
      const v = await h.call<BundleVerification>('bundle.verify', { bundle: b.path, fingerprint: b.keyFingerprint });
      expect(v.problems).toEqual([]);
      expect(v.ok).toBe(true);
      // The MLflow password never reaches a bundle: not in the ZIP, not in any extracted file.
      expect(readFileSync(b.path).includes(Buffer.from(server.admin.password))).toBe(false);
      expect(appearsInFiles(dir, server.admin.password)).toBe(false);
    }
  });

  it('carries the collected registry snapshots, both collections, byte for byte as the log recorded them', () => {
    const cc81 = bundles.find((b) => b.criterion === 'CC8.1')!;
    const dir = join(h.home, 'x-CC8.1');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { items: { kind: string; evidence: string }[] };
    const registry = manifest.items.filter((i) => i.kind === 'mlflow.registry');
    expect(registry).toHaveLength(2);
    const content = JSON.parse(readFileSync(join(dir, registry[0]!.evidence), 'utf8')) as { server: string; models: { name: string }[] };
    expect(content.server).toBe(server.url);
    expect(content.models.map((m) => m.name)).toContain('fraud');
    expect(cc81.counts.failed).toBe(0);
  });
});
