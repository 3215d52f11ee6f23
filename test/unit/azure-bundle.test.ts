import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARM_TOKEN, GRAPH_TOKEN, startArmStub, type ArmStub } from '../fixtures/azure/arm-stub';
import { azManagementPolicy, azRoleAssignmentRows } from '../fixtures/azure/az-files';
import { applyMonthOfChanges } from '../fixtures/azure/changes';
import { azureCore, stubConfig, type AzureHarness } from '../fixtures/azure/harness';
import { run, unzipTo } from '../integration/bundle-helpers';

/**
 * End to end through the stub: two collections a "month" apart, their diffs, az imports and a failed run whose
 * 500 echoed the Authorization header; then bundles per criterion, checked with openssl and the bundle's own
 * verify.sh, and every byte the app wrote searched for the tokens the fake credential handed out.
 */
let stub: ArmStub;
let h: AzureHarness;
type Bundle = { criterion: string; path: string; pdfPath: string; keyFingerprint: string };
let bundles: Bundle[];
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const SECRETS = [ARM_TOKEN, GRAPH_TOKEN, ARM_TOKEN.split('.')[1]!, GRAPH_TOKEN.split('.')[1]!, Buffer.from(ARM_TOKEN).toString('base64')];

beforeAll(async () => {
  stub = await startArmStub();
  h = await azureCore(stub);
  await h.call('source.add', { type: 'azure', name: 'prod', config: stubConfig(stub) });
  await h.call('collect.run', { source: 'prod' });
  applyMonthOfChanges(stub.state);
  await h.call('collect.run', { source: 'prod' });
  for (const kind of ['azure.rbac', 'azure.storage.retention', 'azure.ml.registry']) await h.call('diff.run', { source: 'prod', kind });
  stub.faults.push({
    match: /roleAssignments/,
    times: 4,
    reply: ({ headers }) => ({ status: 500, body: { error: { code: 'InternalServerError', message: `echo ${headers.authorization}` } } }),
  });
  await h.call('collect.run', { source: 'prod', kinds: ['azure.rbac'] });
  writeFileSync(join(h.home, 'ra.json'), JSON.stringify(azRoleAssignmentRows(stub.state)));
  writeFileSync(join(h.home, 'mp.json'), JSON.stringify(azManagementPolicy(stub.state)));
  await h.call('import.run', { type: 'azure', file: join(h.home, 'ra.json') });
  await h.call('import.run', { type: 'azure', file: join(h.home, 'mp.json') });
  bundles = (
    await h.call<{ bundles: Bundle[] }>('export.bundle', { all: true, from: day(-1), to: day(1), out: join(h.home, 'bundles'), org: 'Contoso ML' })
  ).bundles;
});
afterAll(async () => (process.env.KEEP_AZURE_BUNDLES ? undefined : h.cleanup(), await stub.close()));

const extracted = (b: Bundle) => {
  const dir = join(h.home, `x-${b.criterion}`);
  return existsSync(dir) ? dir : unzipTo(b.path, dir);
};
const manifestKinds = (b: Bundle) => {
  const dir = extracted(b);
  return [...new Set((JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { items: { kind: string }[] }).items.map((i) => i.kind))];
};
const bundle = (c: string) => bundles.find((b) => b.criterion === c)!;

describe('Azure evidence in bundles', () => {
  it('lands under the criteria docs/criteria.md maps it to', () => {
    expect(manifestKinds(bundle('CC6.1'))).toEqual(expect.arrayContaining(['azure.rbac']));
    expect(manifestKinds(bundle('CC6.2'))).toEqual(expect.arrayContaining(['azure.rbac', 'azure.rbac.diff']));
    expect(manifestKinds(bundle('C1.1'))).toEqual(expect.arrayContaining(['azure.storage.retention', 'azure.storage.retention.diff']));
    expect(manifestKinds(bundle('CC8.1'))).toEqual(expect.arrayContaining(['azure.ml.registry', 'azure.ml.registry.diff']));
    expect(manifestKinds(bundle('CC8.1'))).not.toContain('azure.rbac');
  });

  it('every bundle verifies with openssl and its own verify.sh, and with our verify', async () => {
    for (const b of bundles) {
      const dir = extracted(b);
      expect(
        run(
          'openssl',
          ['pkeyutl', '-verify', '-pubin', '-inkey', 'signing-key.pub.pem', '-rawin', '-in', 'SHA256SUMS', '-sigfile', 'SHA256SUMS.sig'],
          dir,
        ).code,
        b.criterion,
      ).toBe(0);
      expect(run('bash', ['tools/verify.sh', b.keyFingerprint], dir).code, b.criterion).toBe(0);
      expect(await h.call('bundle.verify', { bundle: b.path, fingerprint: b.keyFingerprint })).toMatchObject({ ok: true });
    }
  });

  it('the PDF shows the Azure tables: assignments with orphans, retention per account, model versions', () => {
    const rbac = execFileSync('pdftotext', ['-layout', bundle('CC6.1').pdfPath, '-'], { encoding: 'utf8' });
    expect(rbac).toMatch(/Azure role assignments/);
    expect(rbac).toMatch(/ORPHANED/);
    const retention = execFileSync('pdftotext', ['-layout', bundle('C1.1').pdfPath, '-'], { encoding: 'utf8' });
    expect(retention).toMatch(/Azure storage retention/);
    expect(retention).toMatch(/training\/raw\/: delete after 60 d/);
    const registry = execFileSync('pdftotext', ['-layout', bundle('CC8.1').pdfPath, '-'], { encoding: 'utf8' });
    expect(registry).toMatch(/Azure ML model versions/);
    expect(registry).toMatch(/stage_changed/);
  });
});

describe('no token anywhere', () => {
  const clean = (what: string, bytes: Buffer | string) => {
    for (const s of SECRETS) expect(bytes.includes(s), `${what} holds ${s.slice(0, 12)}…`).toBe(false);
  };
  it('not in the database, its WAL, the log or the run reasons', async () => {
    for (const f of ['evidence.db', 'evidence.db-wal']) if (existsSync(join(h.home, f))) clean(f, readFileSync(join(h.home, f)));
    clean('log', JSON.stringify(await h.call('log.list', { limit: 100_000 })));
    const runs = await h.call<{ rows: { reason: string | null }[] }>('runs.list', { limit: 500 });
    expect(runs.rows.some((r) => /HTTP 500/.test(r.reason ?? ''))).toBe(true);
    clean('runs', JSON.stringify(runs));
  });

  it('not in any bundle entry or PDF', () => {
    for (const b of bundles) {
      clean(`${b.criterion} zip`, execFileSync('unzip', ['-p', b.path], { maxBuffer: 256 * 1024 * 1024 }));
      clean(`${b.criterion} pdf`, execFileSync('pdftotext', [b.pdfPath, '-'], { encoding: 'utf8' }));
    }
  });
});
