import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core, type ExportView, type ManualView } from '../../core/api';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { run, unzipTo } from '../integration/bundle-helpers';
import { tempDir } from '../helpers/temp-store';

/**
 * Manual evidence and the vendor register in signed bundles: the policy PDF goes into the bundle of the criterion it
 * was attached to (and no other) with its hash and evidence-for day; the register goes to CC9.2 (and P6.x for
 * vendors sent personal data) with the report expiring within 30 days flagged; every bundle verifies with openssl,
 * sha256sum, the bundle's own scripts and our verifier.
 */
const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'mlflow-import', name);
const tmp = tempDir('el-manual-bundle-');
let now = new Date('2026-07-15T10:00:00.000Z');
let core: Core;
let policy: ManualView;
let expiredDoc: ManualView;
const bundles = new Map<string, ExportView & { dir: string }>();

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
const sums = (dir: string) =>
  new Map(
    readFileSync(join(dir, 'SHA256SUMS'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => [l.slice(66), l.slice(0, 64)] as const),
  );

beforeAll(async () => {
  core = createCore({ home: join(tmp.dir, 'home'), secrets: new MemorySecretStore(), clock: () => now, env: {} });
  await ok(core.call('store.init', {}));
  await ok(core.call('import.run', { type: 'mlflow', file: fixture('model-versions-search.json'), source: 'offline' }));
  const pdf = join(tmp.dir, 'AI Acceptable Use Policy.pdf');
  writeFileSync(pdf, '%PDF-1.4\n% policy approved by the board on 2026-03-01\n%%EOF\n');
  policy = await ok(
    core.call('manual.add', { file: pdf, criteria: ['CC5.3'], evidenceFor: '2026-03-01', owner: 'Dana Lee', expiresOn: '2027-03-01' }),
  );
  const pentest = join(tmp.dir, 'red-team-2025.pdf');
  writeFileSync(pentest, '%PDF-1.4\n% red team report\n%%EOF\n');
  expiredDoc = await ok(
    core.call('manual.add', {
      file: pentest,
      criteria: ['CC5.3'],
      evidenceFor: '2025-06-01',
      owner: 'Sec team',
      expiresOn: '2026-05-31',
      title: 'Red-team report 2025',
    }),
  );
  await ok(
    core.call('vendor.add', {
      name: 'OpenAI',
      services: ['Chat Completions API'],
      dataSent: 'support tickets (names, e-mail addresses)',
      personalData: true,
      dpa: 'signed',
      dpaSignedOn: '2026-01-10',
      trainingUse: 'not-used',
      reports: [{ type: 'soc2-type2', issuedOn: '2025-07-20', expiresOn: '2026-07-20' }],
      lastReviewedOn: '2026-02-01',
      owner: 'Dana Lee',
    }),
  );
  await ok(core.call('vendor.add', { name: '=HYPERLINK("x")', services: ['Embeddings'], lastReviewedOn: '2026-06-01' }));
  await ok(core.call('vendor.add', { name: 'Retired Co', lastReviewedOn: '2026-06-01' }));
  await ok(core.call('vendor.add', { name: 'Long Gone', lastReviewedOn: '2026-06-01' }));
  now = new Date('2025-12-01T00:00:00.000Z'); // removed before the period began: not listed
  await ok(core.call('vendor.remove', { vendor: 'Long Gone', reason: 'contract ended' }));
  now = new Date('2026-07-15T10:00:00.000Z'); // removed after the period began: listed, marked removed
  await ok(core.call('vendor.remove', { vendor: 'Retired Co', reason: 'contract ended' }));
  for (const criterion of ['CC5.3', 'CC8.1', 'CC9.2', 'P6.1']) {
    const out = await ok(core.call('export.bundle', { criterion, from: '2026-01-01', to: '2026-06-30', out: join(tmp.dir, 'out') }));
    const b = out.bundles[0]!;
    bundles.set(criterion, { ...b, dir: unzipTo(b.path, join(tmp.dir, `x-${criterion}`)) });
  }
});
afterAll(() => (core.close(), tmp.cleanup()));

describe('manual evidence in bundles', () => {
  it('puts the policy PDF in the CC5.3 bundle under evidence/manual/, with its hash and evidence-for day, and in no other', () => {
    const b = bundles.get('CC5.3')!;
    const path = 'evidence/manual/000001-AI-Acceptable-Use-Policy.pdf';
    expect(readFileSync(join(b.dir, path), 'utf8')).toContain('policy approved by the board');
    expect(sums(b.dir).get(path)).toBe(policy.sha256);
    const sidecar = JSON.parse(readFileSync(join(b.dir, `${path}.json`), 'utf8'));
    expect(sidecar).toMatchObject({
      label: 'manual',
      provenance: 'manual_upload',
      evidenceFor: '2026-03-01',
      owner: 'Dana Lee',
      expiresOn: '2027-03-01',
      expired: false,
      file: { sha256: policy.sha256, name: 'AI Acceptable Use Policy.pdf' },
      item: { seq: policy.itemSeq, logIndex: policy.logIndex },
    });
    // The item that recorded the hash is in the bundle with its inclusion proof.
    const manifest = JSON.parse(readFileSync(join(b.dir, 'manifest.json'), 'utf8'));
    expect(manifest.items.map((i: { seq: number }) => i.seq)).toContain(policy.itemSeq);
    expect(manifest.attachments).toContainEqual(
      expect.objectContaining({ path, kind: 'manual', date: '2026-03-01', sha256: policy.sha256, derivedFrom: [policy.itemSeq] }),
    );
    const item = JSON.parse(readFileSync(join(b.dir, sidecar.item.evidence), 'utf8'));
    expect(item.file.sha256).toBe(policy.sha256);
    for (const other of ['CC8.1', 'CC9.2', 'P6.1']) {
      expect(
        [...sums(bundles.get(other)!.dir).keys()].filter((p) => p.startsWith('evidence/manual/')),
        other,
      ).toEqual([]);
    }
  });

  it('carries an expired document flagged expired (sidecar and PDF), never as current', () => {
    const b = bundles.get('CC5.3')!;
    const sidecar = JSON.parse(readFileSync(join(b.dir, 'evidence/manual/000002-red-team-2025.pdf.json'), 'utf8'));
    expect(sidecar).toMatchObject({ expired: true, expiresOn: '2026-05-31', expiryJudgedOn: '2026-06-30' });
    const text = run('pdftotext', ['-layout', b.pdfPath, '-']).out;
    expect(text).toContain('Manual evidence');
    expect(text).toContain('AI Acceptable Use Policy.pdf');
    expect(text).toMatch(/#2 +Red-team report 2025 +2025-06-01 +Sec team +EXPIRED/); // the table row, flagged
    expect(text).toContain('#2 Red-team report 2025 (expired 2026-05-31)'); // and the banner above it
    expect(text).toContain('1 manual file(s) expired');
    expect(expiredDoc.expiry.state).toBe('expired');
  });
});

describe('the vendor register in bundles', () => {
  it('exports the register under CC9.2 as CSV and JSON, flagging the SOC 2 report that expires within 30 days', () => {
    const b = bundles.get('CC9.2')!;
    const csvText = readFileSync(join(b.dir, 'vendors/register.csv'), 'utf8');
    const rows = parse(csvText, { columns: true, comment: '#' }) as Record<string, string>[];
    expect(rows.map((r) => r.name)).toEqual(['\'=HYPERLINK("x")', 'OpenAI', 'Retired Co']); // a formula is escaped for spreadsheets
    expect(rows.find((r) => r.name === 'Retired Co')!.removed_at).toBe('2026-07-15T10:00:00.000Z');
    const openai = rows.find((r) => r.name === 'OpenAI')!;
    expect(openai).toMatchObject({ personal_data: 'yes', dpa: 'signed', soc2_type2_expires: '2026-07-20', last_reviewed_on: '2026-02-01' });
    expect(openai.due).toContain('report_expiring: SOC 2 Type 2 report expires on 2026-07-20 (in 20 days)');
    const json = JSON.parse(readFileSync(join(b.dir, 'vendors/register.json'), 'utf8'));
    expect(json).toMatchObject({ format: 'evidence-locker/vendor-register/v1', asOf: '2026-06-30', criterion: 'CC9.2' });
    const text = run('pdftotext', ['-layout', b.pdfPath, '-']).out;
    expect(text).toContain('AI vendor register');
    expect(text).toMatch(/SOC 2 Type 2 report expires on\s+2026-07-20/);
  });

  it('exports only the vendors sent personal data under P6.1, and none under CC8.1', () => {
    const rows = parse(readFileSync(join(bundles.get('P6.1')!.dir, 'vendors/register.csv'), 'utf8'), { columns: true, comment: '#' }) as {
      name: string;
    }[];
    expect(rows.map((r) => r.name)).toEqual(['OpenAI']);
    expect(existsSync(join(bundles.get('CC8.1')!.dir, 'vendors/register.csv'))).toBe(false);
  });

  it('every bundle verifies with openssl, sha256sum, tools/verify.sh, tools/verify-log.mjs and our verifier', async () => {
    for (const [criterion, b] of bundles) {
      const sig = run(
        'openssl',
        ['pkeyutl', '-verify', '-pubin', '-inkey', 'signing-key.pub.pem', '-rawin', '-in', 'SHA256SUMS', '-sigfile', 'SHA256SUMS.sig'],
        b.dir,
      );
      expect(sig.code, `${criterion}: ${sig.out}`).toBe(0);
      expect(run('sha256sum', ['--strict', '--quiet', '-c', 'SHA256SUMS'], b.dir).code, criterion).toBe(0);
      const sh = run('bash', ['tools/verify.sh', b.keyFingerprint], b.dir);
      expect(sh.code, `${criterion}: ${sh.out}`).toBe(0);
      const log = run('node', ['tools/verify-log.mjs', b.keyFingerprint], b.dir);
      expect(log.code, `${criterion}: ${log.out}`).toBe(0);
      const verified = await ok(core.call('bundle.verify', { bundle: b.path, fingerprint: b.keyFingerprint }));
      expect(verified.problems, criterion).toEqual([]);
    }
  });
});
