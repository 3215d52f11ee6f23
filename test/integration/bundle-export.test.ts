import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import type { ExportResult } from '../../core/export/export-bundle';
import { manifestSchema, proofsSchema } from '../../core/export/manifest';
import { verifyCheckpointNote } from '../../core/sign/checkpoint';
import { getItem, recentLogEntries } from '../../core/store/store-reads';
import { canonicalBytes } from '../../core/util/canonical';
import { verifyBundle } from '../../core/verify/verify-bundle';
import { EvidenceStore } from '../../core/store/evidence-store';
import { FileSecretStore } from '../../core/sign/secret-store';
import { storePaths } from '../../core/store/paths';
import { runCli } from '../helpers/cli';
import { tamper } from '../helpers/tamper';
import { tempDir, tempStore } from '../helpers/temp-store';
import { exportTo, run, seedMlflow, unzipTo } from './bundle-helpers';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const PERIOD = { criterion: 'CC8.1', from: '2026-01-01', to: '2026-01-31', org: 'Acme AI, Inc.' };

let store: EvidenceStore;
let closeStore: () => void;
const tmp = tempDir('el-bundle-');
const out = join(tmp.dir, 'out');
let first: ExportResult;
let extracted: string;

beforeAll(async () => {
  ({ store, cleanup: closeStore } = tempStore());
  seedMlflow(store, '2025-12-20', 30, { partialEvery: 7 });
  mkdirSync(out, { recursive: true });
  // Leftovers of a killed export, and a file that merely looks similar and must survive.
  writeFileSync(join(out, 'Acme_CC8.1_2026-01-01_2026-01-31_deadbeef.zip.partial'), 'half a zip');
  mkdirSync(join(out, 'Acme_CC8.1_2026-01-01_2026-01-31_deadbeef.zip.partial.d'));
  writeFileSync(join(out, 'notes.partial'), 'mine');
  first = await exportTo(store, out, PERIOD);
  extracted = unzipTo(first.path, join(tmp.dir, 'first'));
});
afterAll(() => {
  closeStore();
  tmp.cleanup();
});

describe('a criterion bundle', () => {
  it('is named <org>_<criterion>_<from>_<to>_<shortid>.zip, with the PDF beside it, and leftovers of killed exports are gone', () => {
    expect(first.path).toBe(join(out, `Acme-AI-Inc._CC8.1_2026-01-01_2026-01-31_${first.bundleId.slice(0, 8)}.zip`));
    expect(readFileSync(first.pdfPath).equals(readFileSync(join(extracted, 'report/CC8.1.pdf')))).toBe(true);
    expect(readdirSync(out).sort()).toEqual(
      [first.path, first.pdfPath]
        .map((p) => p.slice(out.length + 1))
        .concat('notes.partial')
        .sort(),
    );
  });

  it('verifies with openssl 3 and coreutils exactly as README.txt says', () => {
    const readme = readFileSync(join(extracted, 'README.txt'), 'utf8');
    expect(readme).toContain('openssl pkeyutl -verify -pubin -inkey signing-key.pub.pem -rawin -in SHA256SUMS -sigfile SHA256SUMS.sig');
    expect(readme).toContain('LibreSSL');
    const fp = run('bash', ['-c', 'set -o pipefail; openssl pkey -pubin -in signing-key.pub.pem -outform DER | sha256sum'], extracted);
    expect(fp).toEqual({ code: 0, out: `${first.keyFingerprint}  -\n` });
    const sig = run(
      'openssl',
      ['pkeyutl', '-verify', '-pubin', '-inkey', 'signing-key.pub.pem', '-rawin', '-in', 'SHA256SUMS', '-sigfile', 'SHA256SUMS.sig'],
      extracted,
    );
    expect(sig).toEqual({ code: 0, out: 'Signature Verified Successfully\n' });
    const sums = run('sha256sum', ['--strict', '-c', 'SHA256SUMS'], extracted);
    expect(sums.code).toBe(0);
    expect(sums.out.trim().split('\n')).toHaveLength(readFileSync(join(extracted, 'SHA256SUMS'), 'utf8').trim().split('\n').length);
    const unlisted = run('bash', ['-c', readme.match(/diff <\(cut[\s\S]*?LC_ALL=C sort\)\n/)![0].replace(/\\\n\s*/g, '')], extracted);
    expect(unlisted).toEqual({ code: 0, out: '' });
    const sh = run('bash', ['tools/verify.sh', first.keyFingerprint], extracted);
    expect(sh.code, sh.out).toBe(0);
    expect(sh.out).toMatch(/^OK: signature valid; \d+ files match SHA256SUMS; no unlisted files\.$/m);
    const log = run('node', ['tools/verify-log.mjs', first.keyFingerprint], extracted);
    expect(log.code, log.out).toBe(0);
    expect(log.out).toContain(`${first.items} items are included in it and match their log entries`);
  });

  it('holds exactly the documented files, evidence byte-identical to the store, a canonical manifest and valid proofs', () => {
    const sumsText = readFileSync(join(extracted, 'SHA256SUMS'), 'utf8');
    const listed = sumsText
      .trim()
      .split('\n')
      .map((l) => l.slice(66));
    const manifestBytes = readFileSync(join(extracted, 'manifest.json'));
    const m = manifestSchema.parse(JSON.parse(manifestBytes.toString()));
    expect(canonicalBytes(JSON.parse(manifestBytes.toString())).equals(manifestBytes)).toBe(true);
    const evidence = m.items.flatMap((i) => [i.evidence, i.ipe]);
    const fixed = [
      'README.txt',
      'criteria.csv',
      'index.html',
      'log/checkpoint.txt',
      'log/proofs.json',
      'manifest.json',
      'report/CC8.1.pdf',
      'signing-key.pub.pem',
      'tools/verify-log.mjs',
      'tools/verify.sh',
    ];
    // A registry bundle has no access snapshot, so no population CSV or other attachment.
    expect(m.attachments).toEqual([]);
    expect([...listed].sort()).toEqual([...fixed, ...evidence].sort());
    expect(readFileSync(join(extracted, 'SHA256SUMS.sig'))).toHaveLength(64);
    expect(readFileSync(join(extracted, 'report/CC8.1.pdf')).subarray(0, 5).toString()).toBe('%PDF-');

    expect(m).toMatchObject({
      bundleId: first.bundleId,
      org: 'Acme AI, Inc.',
      criterion: { id: 'CC8.1' },
      period: { from: '2026-01-01', to: '2026-01-31' },
    });
    expect(m.keyFingerprint).toBe(first.keyFingerprint);
    expect(m.previousBundle).toBeNull();
    expect(m.redaction.exportRedaction).toBe('none');
    expect(m.items.length).toBe(first.items);
    expect(m.items.filter((i) => i.baseline)).toHaveLength(1); // the last snapshot before 2026-01-01
    expect(m.counts.partial).toBeGreaterThan(0);
    expect(m.counts.complete + m.counts.partial + m.counts.failed).toBe(m.items.length);
    for (const item of m.items) {
      const row = getItem(store, item.seq);
      expect(readFileSync(join(extracted, item.evidence)).equals(row.content)).toBe(true);
      expect(readFileSync(join(extracted, item.ipe)).equals(row.ipe)).toBe(true);
      expect(sha256(row.content)).toBe(item.contentSha256);
    }

    const note = readFileSync(join(extracted, 'log/checkpoint.txt'), 'utf8');
    const publicKeyRaw = Buffer.from(store.signingKey().publicKeyRaw);
    const cp = verifyCheckpointNote(note, publicKeyRaw)!;
    expect(cp.checkpoint).toMatchObject({ origin: store.origin, size: m.checkpoint.size });
    const proofs = proofsSchema.parse(JSON.parse(readFileSync(join(extracted, 'log/proofs.json'), 'utf8')));
    expect(proofs.items.map((p) => p.seq)).toEqual(m.items.map((i) => i.seq));
    expect(proofs.consistency).toBeNull();
  });

  it('is a reproducible ZIP: entries in byte order of their paths, every mtime = generatedAt', async () => {
    const m = JSON.parse(readFileSync(join(extracted, 'manifest.json'), 'utf8')) as { generatedAt: string };
    const zip = await yauzl.openPromise(first.path, { lazyEntries: true });
    const names: string[] = [];
    for await (const entry of zip.eachEntry()) {
      names.push(entry.fileName);
      const dosTime = Math.floor(Date.parse(m.generatedAt) / 2000) * 2000; // DOS dates have 2 s resolution
      expect(entry.getLastModDate({ timezone: 'UTC' }).getTime()).toBe(dosTime);
    }
    zip.close();
    expect(names).toEqual([...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    expect(names[0]).toBe('README.txt');
  });

  it('passes our verify, which reads straight from the ZIP, with and without the expected fingerprint', async () => {
    const v = await verifyBundle(first.path, { fingerprint: first.keyFingerprint.toUpperCase() });
    expect(v).toMatchObject({ ok: true, problems: [], fingerprintMatched: true, bundleId: first.bundleId, items: first.items });
    const unchecked = await verifyBundle(first.path);
    expect(unchecked).toMatchObject({ ok: true, fingerprintMatched: false });
    const wrong = await verifyBundle(first.path, { fingerprint: 'ab'.repeat(32) });
    expect(wrong.ok).toBe(false);
    expect(wrong.problems).toEqual([{ file: 'signing-key.pub.pem', reason: expect.stringMatching(/is not the expected abab/) }]);
  });

  it('logs export_created and chains the next bundle of the same criterion to it with a consistency proof', async () => {
    const entry = recentLogEntries(store, 50, 'export_created').find((e) => (e.body.export as { bundleId: string }).bundleId === first.bundleId);
    expect(entry?.body.export).toMatchObject({ criterion: 'CC8.1', period: { from: '2026-01-01', to: '2026-01-31' }, sumsSha256: first.sumsSha256 });
    expect(sha256(readFileSync(join(extracted, 'SHA256SUMS')))).toBe(first.sumsSha256);

    const second = await exportTo(store, out, { ...PERIOD, to: '2026-01-15' });
    const dir = unzipTo(second.path, join(tmp.dir, 'second'));
    const m = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    expect(m.previousBundle).toMatchObject({ id: first.bundleId, sumsSha256: first.sumsSha256, checkpoint: first.checkpoint });
    const proofs = proofsSchema.parse(JSON.parse(readFileSync(join(dir, 'log/proofs.json'), 'utf8')));
    expect(proofs.consistency).toMatchObject({ fromBundle: first.bundleId, fromSize: first.checkpoint.size });
    expect(second.checkpoint.size).toBeGreaterThan(first.checkpoint.size);
    expect((await verifyBundle(second.path, { fingerprint: second.keyFingerprint })).problems).toEqual([]);
    const log = run('node', ['tools/verify-log.mjs', second.keyFingerprint], dir);
    expect(log.code, log.out).toBe(0);
    expect(log.out).toContain(`the log only grew since bundle ${first.bundleId}`);

    // Another criterion starts its own chain.
    const other = await exportTo(store, out, { ...PERIOD, criterion: 'CC6.2' });
    expect(other.previousBundle).toBeNull();
    expect(existsSync(other.path)).toBe(true);
  });
});

describe('evidence-locker export / verify (CLI)', () => {
  it('exports every criterion with evidence (--all), prints bundle and PDF paths, and verifies them', async () => {
    const home = join(tmp.dir, 'cli-home');
    const s = EvidenceStore.open({ home, secrets: new FileSecretStore(storePaths(home).keysDir), actor: { osUser: 't', host: 'h' }, create: true });
    s.initialize();
    seedMlflow(s, '2026-03-01', 3);
    const fingerprint = s.signingKey().fingerprint;
    s.close();
    const dest = join(tmp.dir, 'cli-out');
    const base = ['--home', home, '--from', '2026-03-01', '--to', '2026-03-31', '--out', dest];

    const r = await runCli(['export', '--all', '--org', 'Acme', ...base]);
    expect(r.code, r.stderr).toBe(0);
    const bundles = [...r.stdout.matchAll(/^ {2}bundle: (.+\.zip)$/gm)].map((m) => m[1]!);
    const pdfs = [...r.stdout.matchAll(/^ {2}report: (.+\.pdf)$/gm)].map((m) => m[1]!);
    expect(bundles.length).toBeGreaterThan(1); // registry and access evidence support several criteria
    expect(bundles.some((b) => b.includes('_CC8.1_2026-03-01_2026-03-31_'))).toBe(true);
    expect(bundles.some((b) => b.includes('_CC6.2_2026-03-01_2026-03-31_'))).toBe(true);
    expect(pdfs.every((p) => existsSync(p))).toBe(true);
    expect(r.stdout).toContain(`Key fingerprint (send to the auditor out of band): ${fingerprint}`);
    for (const b of bundles) {
      const v = await runCli(['verify', b, '--fingerprint', fingerprint, '--home', home]);
      expect(v.code, v.stdout).toBe(0);
    }

    const both = await runCli(['export', '--criterion', 'CC8.1', '--all', ...base]);
    expect(both.code).toBe(2);
    const unknown = await runCli(['export', '--criterion', 'CC99.9', ...base]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/BAD_INPUT/);
    const badDate = await runCli(['export', '--criterion', 'CC8.1', ...base.slice(0, 2), '--from', '2026-3-1', '--to', '2026-03-31', '--out', dest]);
    expect(badDate.code).toBe(2);
  });
});

describe('chaining refuses a rewritten log', () => {
  it("will not export when the log is no longer an extension of the previous bundle's checkpoint", async () => {
    const t = tempStore();
    try {
      seedMlflow(t.store, '2026-04-01', 2);
      const dest = join(tmp.dir, 'rewritten');
      const prev = await exportTo(t.store, dest, { ...PERIOD, from: '2026-04-01', to: '2026-04-30' });
      // What a restored-and-rewritten store looks like to the exporter: the previous bundle's recorded root differs.
      tamper(t.store.paths.database, (db) => {
        const row = db.prepare("SELECT idx, body FROM log_entry WHERE type = 'export_created' ORDER BY idx DESC LIMIT 1").get() as {
          idx: number;
          body: Buffer;
        };
        const body = JSON.parse(row.body.toString()) as { export: { checkpoint: { root: string } } };
        body.export.checkpoint.root = Buffer.alloc(32, 7).toString('base64');
        db.prepare('UPDATE log_entry SET body = ? WHERE idx = ?').run(Buffer.from(JSON.stringify(body)), row.idx);
      });
      await expect(exportTo(t.store, dest, { ...PERIOD, from: '2026-04-01', to: '2026-04-30' })).rejects.toThrow(
        new RegExp(`not an extension of the one bundle ${prev.bundleId}`),
      );
      expect(readdirSync(dest).filter((n) => n.endsWith('.zip'))).toEqual([prev.path.slice(dest.length + 1)]);
    } finally {
      t.cleanup();
    }
  });
});
