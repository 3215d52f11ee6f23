import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '../../core/export/export-bundle';
import { FileSecretStore } from '../../core/sign/secret-store';
import { EvidenceStore } from '../../core/store/evidence-store';
import { storePaths } from '../../core/store/paths';
import { checkBundleContents, checkBundleContentsInMemory } from '../../core/verify/check-contents';
import { confirmBundleContents } from '../../core/verify/confirm-contents';
import { SafeZip } from '../../core/verify/safe-zip';
import { createPublicKey } from 'node:crypto';
import { mappings, resources } from '../helpers/catalog';
import { seedLargeStore } from '../helpers/export-children';
import { tempDir } from '../helpers/temp-store';

// verify BUNDLE.zip first confirms manifest.json and log/proofs.json as they inflate (confirm-contents.ts) and reads
// them whole only when that fails. Whatever the bundle holds, the answer must be the in-memory check's.

const tmp = tempDir('el-confirm-');
let bundle: string;
let fingerprint: string;
beforeAll(async () => {
  const home = join(tmp.dir, 'home');
  fingerprint = seedLargeStore(home, 300);
  const store = EvidenceStore.open({ home, secrets: new FileSecretStore(storePaths(home).keysDir), actor: { osUser: 't', host: 'h' } });
  try {
    const r = await exportBundle(store, {
      criterion: 'CC8.1',
      from: '2026-01-01',
      to: '2026-12-31',
      org: 'T',
      outDir: join(tmp.dir, 'out'),
      mappings,
      resources,
    });
    bundle = r.path;
  } finally {
    store.close();
  }
});
afterAll(() => tmp.cleanup());

/** The bundle with one file changed, zipped again with Info-ZIP. */
function variant(name: string, file: string, change: (text: string) => string): string {
  const dir = join(tmp.dir, name);
  mkdirSync(dir);
  execFileSync('unzip', ['-q', bundle, '-d', dir]);
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
  const out = join(tmp.dir, `${name}.zip`);
  execFileSync('zip', ['-q', '-X', '-r', out, '.'], { cwd: dir });
  rmSync(dir, { recursive: true });
  return out;
}

async function bothWays(path: string) {
  const zip = await SafeZip.open(path);
  try {
    const hashes = new Map<string, string>();
    for (const name of zip.files.keys()) if (!name.startsWith('SHA256SUMS')) hashes.set(name, await zip.sha256(name));
    const pem = (await zip.read('signing-key.pub.pem', 65536)).toString('utf8');
    const publicKeyRaw = createPublicKey(pem).export({ type: 'spki', format: 'der' }).subarray(12);
    const run = async (check: typeof checkBundleContents) => {
      const problems: { file: string; reason: string }[] = [];
      const checked = await check(zip, { publicKeyRaw, fingerprint, hashes, problem: (file, reason) => problems.push({ file, reason }) });
      return { checked, problems };
    };
    const confirmed = await confirmBundleContents(zip, { publicKeyRaw, fingerprint, hashes, problem: () => expect.fail('confirm reports nothing') });
    return { confirmed, full: await run(checkBundleContents), inMemory: await run(checkBundleContentsInMemory) };
  } finally {
    zip.close();
  }
}

const manifest = (f: (m: { items: { seq: number }[]; counts: { complete: number } }) => void) => (text: string) => {
  const m = JSON.parse(text);
  f(m);
  return JSON.stringify(m);
};
const proofs = (f: (p: { items: { seq: number; auditPath: string[] }[] }) => void) => (text: string) => {
  const p = JSON.parse(text);
  f(p);
  return JSON.stringify(p);
};

describe('verify: the confirming pass and the in-memory check agree', () => {
  it('confirms an untouched bundle, with the in-memory result', async () => {
    const r = await bothWays(bundle);
    expect(r.confirmed).not.toBeNull();
    expect(r.full).toEqual(r.inMemory);
    expect(r.inMemory.problems).toEqual([]);
  });

  const cases: [string, string, (t: string) => string, boolean][] = [
    ['manifest pretty-printed', 'manifest.json', (t) => JSON.stringify(JSON.parse(t), null, 1), true],
    ['a count changed', 'manifest.json', manifest((m) => (m.counts.complete += 1)), true],
    ['two manifest items swapped', 'manifest.json', manifest((m) => ([m.items[0], m.items[1]] = [m.items[1]!, m.items[0]!])), false],
    ['a manifest item dropped', 'manifest.json', manifest((m) => m.items.splice(5, 1)), true],
    ['an audit path hash changed', 'log/proofs.json', proofs((p) => (p.items[3]!.auditPath[0] = p.items[4]!.auditPath[0]!)), true],
    ['proofs in reverse order', 'log/proofs.json', proofs((p) => p.items.reverse()), false],
    ['proofs pretty-printed', 'log/proofs.json', (t) => JSON.stringify(JSON.parse(t), null, 2), false],
    ['proofs cut short', 'log/proofs.json', (t) => t.slice(0, t.length / 2), true],
    ['manifest items not an array', 'manifest.json', manifest((m) => ((m as { items: unknown }).items = {})), true],
  ];
  for (const [name, file, change, hasProblems] of cases) {
    it(`gives the same answer when ${name}`, async () => {
      const r = await bothWays(variant(name.replace(/\W+/g, '-'), file, change));
      expect(r.full).toEqual(r.inMemory);
      expect(r.inMemory.problems.length > 0).toBe(hasProblems);
      if (hasProblems) expect(r.confirmed).toBeNull();
    });
  }
});
