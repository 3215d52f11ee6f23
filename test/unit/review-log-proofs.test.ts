import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/api';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { signBytes } from '../../core/sign/keys';
import type { SigningKey } from '../../core/sign/keys';
import { EvidenceStore } from '../../core/store/evidence-store';
import { allLeaves, logSize } from '../../core/store/store-reads';
import { MerkleLevels } from '../../core/export/merkle-levels';
import { logEntryProver } from '../../core/export/log-entry-proof';
import { run, unzipTo, zipDir } from '../integration/bundle-helpers';
import { tempDir } from '../helpers/temp-store';

/**
 * Issue 15: a CC6.2 bundle's access-review package carries an inclusion proof of each of the review's log entries
 * (reviews/review-<id>/log/proofs.json) in the bundle's signed checkpoint; tools/verify-log.mjs checks every one and
 * names the file whose proof fails, even when whoever holds the key re-signs SHA256SUMS over the altered files.
 */
const DEMO = join(import.meta.dirname, '..', '..', 'resources', 'demo');
const REVIEW_LOG = 'reviews/review-1/log';
const tmp = tempDir('el-review-proofs-');
const secrets = new MemorySecretStore();
const today = new Date().toISOString().slice(0, 10);
let core: Core;
let dir: string;
let fingerprint: string;
let bundlePath: string;
let key: SigningKey;

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
const call = (name: string, input: unknown) => ok(core.callUntyped(name, input));
const openStore = () => EvidenceStore.open({ home: tmp.dir, secrets, actor: { osUser: 'test', host: 'test-host' }, create: false });

beforeAll(async () => {
  core = createCore({ home: tmp.dir, secrets, env: {} });
  await call('store.init', {});
  const { seq } = (await call('import.run', { type: 'mlflow', file: join(DEMO, 'mlflow-users-1.json'), source: 'mlflow-prod' })) as { seq: number };
  await call('review.start', { snapshot: seq });
  await call('review.decide', { review: 1, line: 1, decision: 'keep', reviewer: 'dana' });
  await call('review.decide', { review: 1, line: 2, decision: 'keep', reviewer: 'dana' });
  await call('review.decide', { review: 1, line: 3, decision: 'revoke', comment: 'left the company', reviewer: 'dana' });
  await call('review.decide', { review: 1, line: 3, decision: 'revoke', comment: 'left the company in May', reviewer: 'dana' });
  await call('review.decide', { review: 1, line: 4, decision: 'keep', reviewer: 'dana' });
  await call('review.close', { review: 1, reviewer: 'dana' });
  const out = (await call('export.bundle', { criterion: 'CC6.2', from: today, to: today, out: join(tmp.dir, 'b'), org: 'Acme' })) as {
    bundles?: { path: string; keyFingerprint: string }[];
    path: string;
    keyFingerprint: string;
  };
  const bundle = out.bundles ? out.bundles[0]! : out;
  fingerprint = bundle.keyFingerprint;
  bundlePath = bundle.path;
  dir = unzipTo(bundle.path, join(tmp.dir, 'x'));
});
afterAll(() => (core.close(), tmp.cleanup()));

interface ReviewProofs {
  checkpoint: { size: number; root: string };
  entries: { file: string; leafIndex: number; auditPath: string[] }[];
}
const proofsOf = (d: string) => JSON.parse(readFileSync(join(d, REVIEW_LOG, 'proofs.json'), 'utf8')) as ReviewProofs;

/** A copy of the extracted bundle, altered, with SHA256SUMS relisted and re-signed by the store's own key. */
function tampered(name: string, alter: (d: string) => string[]): string {
  const d = join(tmp.dir, name);
  cpSync(dir, d, { recursive: true });
  const changed = alter(d);
  const sums = readFileSync(join(d, 'SHA256SUMS'), 'utf8')
    .split('\n')
    .map((line) => {
      const path = line.slice(66);
      return changed.includes(path)
        ? `${createHash('sha256')
            .update(readFileSync(join(d, path)))
            .digest('hex')}  ${path}`
        : line;
    })
    .join('\n');
  writeFileSync(join(d, 'SHA256SUMS'), sums);
  writeFileSync(join(d, 'SHA256SUMS.sig'), signBytes(key, Buffer.from(sums)));
  return d;
}

/** The in-app verifier (core/verify) on the altered folder, zipped again. */
async function ourProblems(d: string): Promise<{ file: string; reason: string }[]> {
  const zip = `${d}.zip`;
  zipDir(d, zip);
  return ((await call('bundle.verify', { bundle: zip, fingerprint })) as { problems: { file: string; reason: string }[] }).problems;
}

describe('access-review log entries in a CC6.2 bundle', () => {
  it('each has an inclusion proof in the signed checkpoint; verify-log.mjs, verify.sh and our verify pass', async () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { checkpoint: { size: number; root: string } };
    const proofs = proofsOf(dir);
    expect(proofs.checkpoint).toMatchObject({ size: manifest.checkpoint.size, root: manifest.checkpoint.root });
    // review_started, five decisions (the superseded one too), review_closed
    expect(proofs.entries.map((e) => e.file.replace(/^.*\d{8}-/, ''))).toEqual([
      'review_started.json',
      ...Array<string>(5).fill('review_decided.json'),
      'review_closed.json',
    ]);
    for (const e of proofs.entries) expect(e.file).toBe(`${REVIEW_LOG}/${String(e.leafIndex).padStart(8, '0')}-${e.file.split('-').pop()}`);
    const r = run('node', ['tools/verify-log.mjs', fingerprint], dir);
    expect(r.out).toContain('7 review log entries are included in the checkpoint');
    expect(r.code).toBe(0);
    expect(run('bash', ['tools/verify.sh', fingerprint], dir).code).toBe(0);
    const verified = (await call('bundle.verify', { bundle: bundlePath, fingerprint })) as { problems: unknown[] };
    expect(verified.problems).toEqual([]);
    core.close();
    const store = openStore();
    key = store.signingKey();
    store.close();
    core = createCore({ home: tmp.dir, secrets, env: {} });
  });

  it('fails naming the entry whose audit path was altered, though SHA256SUMS was re-signed', async () => {
    let victim = '';
    const d = tampered('audit-path', (d) => {
      const p = proofsOf(d);
      const e = p.entries[3]!;
      victim = e.file;
      e.auditPath[0] = Buffer.alloc(32, 7).toString('base64');
      writeFileSync(join(d, REVIEW_LOG, 'proofs.json'), JSON.stringify(p));
      return [`${REVIEW_LOG}/proofs.json`];
    });
    expect(run('sha256sum', ['--strict', '--quiet', '-c', 'SHA256SUMS'], d).code).toBe(0);
    const r = run('node', ['tools/verify-log.mjs', fingerprint], d);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`FAIL: ${victim}: is not included in the checkpoint`);
    expect(await ourProblems(d)).toContainEqual({ file: victim, reason: expect.stringMatching(/^is not included in the checkpoint/) });
  });

  it("fails naming a decision entry file whose bytes were altered, and one left out of the review's proofs", async () => {
    const decided = proofsOf(dir).entries.find((e) => e.file.endsWith('review_decided.json'))!.file;
    const edited = tampered('entry-bytes', (d) => {
      writeFileSync(join(d, decided), readFileSync(join(d, decided), 'utf8').replace('"decision":"keep"', '"decision":"wait"'));
      return [decided];
    });
    expect(readFileSync(join(edited, decided), 'utf8')).toContain('"decision":"wait"');
    const r = run('node', ['tools/verify-log.mjs', fingerprint], edited);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`FAIL: ${decided}: is not included in the checkpoint`);
    expect(await ourProblems(edited)).toContainEqual({ file: decided, reason: expect.stringMatching(/^is not included in the checkpoint/) });

    const dropped = tampered('entry-dropped', (d) => {
      const p = proofsOf(d);
      p.entries = p.entries.filter((e) => e.file !== decided);
      writeFileSync(join(d, REVIEW_LOG, 'proofs.json'), JSON.stringify(p));
      return [`${REVIEW_LOG}/proofs.json`];
    });
    const r2 = run('node', ['tools/verify-log.mjs', fingerprint], dropped);
    expect(r2.code).toBe(1);
    expect(r2.out).toContain(`FAIL: ${decided}: has no inclusion proof`);
    expect(await ourProblems(dropped)).toContainEqual({ file: decided, reason: expect.stringMatching(/^has no inclusion proof/) });
  });

  it('the prover refuses an entry the checkpoint does not cover', () => {
    core.close();
    const store = openStore();
    try {
      const size = logSize(store);
      const prove = logEntryProver(store, new MerkleLevels(allLeaves(store, size - 1)));
      expect(prove(0).treeSize).toBe(size - 1);
      expect(() => prove(size - 1)).toThrow(/not covered by the export's checkpoint/);
    } finally {
      store.close();
      core = createCore({ home: tmp.dir, secrets, env: {} });
    }
  });
});
