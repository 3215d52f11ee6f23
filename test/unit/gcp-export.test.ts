import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gcpHarness, type GcpHarness } from '../fixtures/gcp/harness';

/** GCP evidence end to end: collected twice, diffed, exported per criterion; bundles verified with openssl alone. */
interface Bundle {
  path: string;
  pdfPath: string;
  criterion: string;
  keyFingerprint: string;
}
let h: GcpHarness;
let bundles: Bundle[];
const run = (cmd: string, args: string[], cwd: string) => spawnSync(cmd, args, { cwd, encoding: 'utf8' });

beforeAll(async () => {
  h = await gcpHarness();
  await h.call('source.add', { type: 'gcp', name: 'prod', config: h.config() });
  await h.call('collect.run', { source: 'prod' });
  h.stub.state.policy.bindings!.push({ role: 'roles/editor', members: ['user:dave@acme.example'] });
  h.stub.state.models['us-central1']!['1001']![0]!.versionAliases = ['baseline', 'champion'];
  h.stub.state.models['us-central1']!['1001']![1]!.versionAliases = ['default'];
  await h.call('collect.run', { source: 'prod' });
  for (const kind of ['gcp.iam', 'gcp.storage.retention', 'gcp.vertex.registry']) await h.call('diff.run', { source: 'prod', kind });
  const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
  bundles = (
    await h.call<{ bundles: Bundle[] }>('export.bundle', { all: true, from: day(-1), to: day(1), out: join(h.dir, 'bundles'), org: 'Acme AI' })
  ).bundles;
});
afterAll(() => h?.close());

const kinds = (criterion: string) => {
  const b = bundles.find((x) => x.criterion === criterion)!;
  return execFileSync('unzip', ['-Z1', b.path], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.startsWith('evidence/'))
    .map((f) => f.split('/')[1]);
};

describe('GCP bundles', () => {
  it('map IAM to CC6.x, retention to C1.x, the registry and its timeline to CC8.1', () => {
    expect(kinds('CC6.1')).toContain('gcp.iam');
    expect(kinds('CC6.2')).toEqual(expect.arrayContaining(['gcp.iam', 'gcp.iam.diff']));
    expect(kinds('C1.1')).toContain('gcp.storage.retention');
    expect(kinds('CC8.1')).toEqual(expect.arrayContaining(['gcp.vertex.registry', 'gcp.vertex.registry.diff']));
  });

  it('every bundle verifies with openssl and sha256sum, and with our verifier', async () => {
    for (const b of bundles) {
      const dir = join(h.dir, `x-${b.criterion}`);
      mkdirSync(dir);
      execFileSync('unzip', ['-q', b.path, '-d', dir]);
      expect(
        run(
          'openssl',
          ['pkeyutl', '-verify', '-pubin', '-inkey', 'signing-key.pub.pem', '-rawin', '-in', 'SHA256SUMS', '-sigfile', 'SHA256SUMS.sig'],
          dir,
        ).status,
      ).toBe(0);
      expect(run('sha256sum', ['--strict', '--quiet', '-c', 'SHA256SUMS'], dir).status).toBe(0);
      expect((await h.call<{ problems: unknown[] }>('bundle.verify', { bundle: b.path, fingerprint: b.keyFingerprint })).problems).toEqual([]);
    }
  });

  it('the PDFs show grants with their access state, buckets with their retention, versions with aliases and the alias move', () => {
    const text = (c: string) => execFileSync('pdftotext', ['-layout', bundles.find((b) => b.criterion === c)!.pdfPath, '-'], { encoding: 'utf8' });
    const cc61 = text('CC6.1');
    expect(cc61).toContain('GCP project IAM policy');
    expect(cc61).toMatch(/user:bob@acme\.example.*EXPIRED/); // "(no access)" wraps onto the next line
    const c11 = text('C1.1');
    expect(c11).toContain('GCS bucket retention');
    expect(c11).toMatch(/minimum 30 d \(LOCKED\)/);
    expect(c11).toMatch(/PUBLIC: allUsers/);
    const cc81 = text('CC8.1');
    expect(cc81).toContain('Vertex AI model registry');
    expect(cc81).toMatch(/alias_moved/);
  });
});
