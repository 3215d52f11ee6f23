import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/api';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { run, unzipTo } from '../integration/bundle-helpers';
import { tempDir } from '../helpers/temp-store';
import { populationCsv } from '../../core/export/attachments/population';
import type { ManifestItem } from '../../core/export/manifest';

/**
 * index.html and criteria.csv: an auditor opens the bundle in a browser or a spreadsheet and samples from it. Both
 * are listed in SHA256SUMS, link or name only files that exist, and the bundle still verifies with openssl.
 */
const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'mlflow-import', name);
const tmp = tempDir('el-bundle-nav-');
let core: Core;
let dir: string;
let fingerprint: string;
let bundlePath: string;
const today = new Date().toISOString().slice(0, 10);

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

beforeAll(async () => {
  core = createCore({ home: tmp.dir, secrets: new MemorySecretStore(), env: {} });
  await ok(core.call('store.init', {}));
  await ok(core.call('import.run', { type: 'mlflow', file: fixture('users-get-many.json'), source: 'offline' }));
  await ok(core.call('import.run', { type: 'mlflow', file: fixture('model-versions-search.json'), source: 'offline' }));
  const out = await ok(core.call('export.bundle', { criterion: 'CC6.2', from: today, to: today, out: join(tmp.dir, 'b'), org: 'Acme <ML> & "Co"' }));
  const bundle = 'bundles' in out ? out.bundles[0]! : out;
  fingerprint = bundle.keyFingerprint;
  bundlePath = bundle.path;
  dir = unzipTo(bundle.path, join(tmp.dir, 'x'));
});
afterAll(() => (core.close(), tmp.cleanup()));

const sums = () =>
  new Map(
    readFileSync(join(dir, 'SHA256SUMS'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => [l.slice(66), l.slice(0, 64)] as const),
  );

describe('index.html and criteria.csv in a bundle', () => {
  it('are listed in SHA256SUMS and the bundle verifies with openssl, sha256sum, verify.sh, verify-log.mjs and our verify', async () => {
    expect(sums().has('index.html')).toBe(true);
    expect(sums().has('criteria.csv')).toBe(true);
    expect(run('sha256sum', ['--strict', '--quiet', '-c', 'SHA256SUMS'], dir).code).toBe(0);
    expect(run('bash', ['tools/verify.sh', fingerprint], dir).code).toBe(0);
    expect(run('node', ['tools/verify-log.mjs', fingerprint], dir).code).toBe(0);
    const verified = await core.call('bundle.verify', { bundle: bundlePath, fingerprint });
    expect(verified.ok && verified.value.problems).toEqual([]);
  });

  it('index.html runs nothing, escapes what it prints, and links every other listed file with its hash', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script|javascript:|\son\w+=|https?:\/\//i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('Acme &lt;ML&gt; &amp; &quot;Co&quot;');
    const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    for (const link of links) expect(existsSync(join(dir, link)), link).toBe(true);
    for (const [path, sha] of sums()) {
      if (path === 'index.html') continue;
      expect(links, path).toContain(path);
      if (path !== 'criteria.csv') expect(html, path).toContain(sha);
    }
  });

  it('criteria.csv maps the criterion to each evidence file with its hash, date and completeness', () => {
    const rows = parse(readFileSync(join(dir, 'criteria.csv')), { columns: true }) as Record<string, string>[];
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      items: { evidence: string; contentSha256: string; completeness: string; collectedAt: string; kind: string }[];
    };
    expect(manifest.items.length).toBeGreaterThan(0);
    for (const item of manifest.items) {
      const row = rows.find((r) => r.criterion === 'CC6.2' && r.file === item.evidence);
      expect(row, item.evidence).toMatchObject({
        sha256: item.contentSha256,
        completeness: item.completeness,
        evidence_date: item.collectedAt,
        kind: item.kind,
      });
    }
    // An item supports more than the bundle's criterion: the other criteria it maps to are rows too.
    expect(new Set(rows.map((r) => r.criterion)).size).toBeGreaterThan(1);
    for (const r of rows) expect(sums().get(r.file!), r.file).toBe(r.sha256);
  });

  it('carries the population of every access snapshot as CSV beside it, one row per principal-role, citing the snapshot hash', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      items: { seq: number; kind: string; evidence: string; ipe: string; contentSha256: string }[];
      attachments: { path: string; kind: string; sha256: string; derivedFrom: number[] }[];
    };
    const access = manifest.items.filter((i) => i.kind === 'mlflow.access');
    expect(access.length).toBe(1);
    const item = access[0]!;
    const path = item.evidence.replace(/\.json$/, '.population.csv');
    expect(manifest.attachments).toContainEqual(
      expect.objectContaining({ path, kind: 'population-csv', derivedFrom: [item.seq], sha256: sums().get(path) }),
    );
    const text = readFileSync(join(dir, path), 'utf8');
    expect(text).toContain(`content SHA-256 ${item.contentSha256}`);
    expect(text).toContain(item.ipe);
    const rows = parse(text, { columns: true, comment: '#' }) as Record<string, string>[];
    const users = (JSON.parse(readFileSync(join(dir, item.evidence), 'utf8')) as { users: { username: string }[] }).users;
    // Every user of the snapshot appears, the admin flagged privileged, alice once per permission she holds.
    expect(new Set(rows.map((r) => r.principal))).toEqual(new Set(users.map((u) => u.username)));
    expect(rows.find((r) => r.principal === 'admin')).toMatchObject({ privileged: 'yes' });
    expect(rows.filter((r) => r.principal === 'alice').length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.mfa === 'unknown')).toBe(true); // MLflow basic auth cannot say
  });

  it('escapes population cells a spreadsheet would run as a formula', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { items: ManifestItem[] };
    const item = manifest.items.find((i) => i.kind === 'mlflow.access')!;
    const content = JSON.parse(readFileSync(join(dir, item.evidence), 'utf8')) as { users: { username: string }[] };
    content.users[0]!.username = '=HYPERLINK("http://evil.invalid","x")';
    const rows = parse(populationCsv(item, content).csv, { columns: true, comment: '#' }) as Record<string, string>[];
    expect(rows.map((r) => r.principal)).toContain(`'=HYPERLINK("http://evil.invalid","x")`);
  });
});
