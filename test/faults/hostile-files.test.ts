import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_CONTAINERS } from '../../core/util/json-bomb';
import { DEFAULT_ZIP_LIMITS, SafeZip, ZipRefused } from '../../core/verify/safe-zip';
import { craftHostileZip } from '../helpers/hostile-zips';
import { writeRawZip, zeroEntries } from '../helpers/raw-zip';
import { tempCore, tempDir } from '../helpers/temp-store';
import { recordCounts } from './counts';

// Issue 14, hostile files: imports that are huge, deeply nested, not UTF-8, the wrong kind or a JSON bomb, and
// bundles with zip-slip paths, symlinks, duplicate names, entry-count and ratio bombs. Each gets a clear error
// (code + message naming the file) and writes nothing: log size, items, runs and sources stay identical.
let t: Awaited<ReturnType<typeof tempCore>>;
const files = tempDir('el-fault-hostile-');
const at = (name: string) => join(files.dir, name);

beforeAll(async () => {
  t = await tempCore();
  // Something in the store already, so "nothing written" is measured against a non-empty log.
  writeFileSync(
    at('ok-users.json'),
    JSON.stringify({ user: { id: 1, username: 'alice', is_admin: false, experiment_permissions: [], registered_model_permissions: [] } }),
  );
  await t.call('import.run', { type: 'mlflow', file: at('ok-users.json') });
});
afterAll(() => (t?.cleanup(), files.cleanup()));

async function state() {
  const s = await t.call<{ logSize: number; items: number; runs: Record<string, number>; sources: unknown[] }>('store.status');
  return { logSize: s.logSize, items: s.items, runs: s.runs, sources: s.sources.length };
}

const users = (name: string) => ({ user: { id: 2, username: name, is_admin: false, experiment_permissions: [], registered_model_permissions: [] } });
const deep = (n: number) => `${'['.repeat(n)}"x"${']'.repeat(n)}`;
/** `count` empty arrays inside `prefix … suffix`, written in slices (a 90 MB string is never built twice). */
function bomb(name: string, count: number, prefix: string, suffix: string): string {
  const slice = '[],'.repeat(1_000_000);
  const parts = [prefix];
  for (let left = count; left > 0; left -= 1_000_000) parts.push(left >= 1_000_000 ? slice : '[],'.repeat(left));
  parts.push(`[]${suffix}`);
  writeFileSync(at(name), parts.join(''));
  return at(name);
}
function invalidUtf8(name: string, before: string, after: string): string {
  writeFileSync(at(name), Buffer.concat([Buffer.from(before), Buffer.from([0xff, 0xc3, 0x28]), Buffer.from(after)]));
  return at(name);
}

interface ImportCase {
  name: string;
  type: string;
  file: () => string;
  code: string;
  message: RegExp;
}

const importCases: ImportCase[] = [
  {
    name: 'huge (101 MB, sparse)',
    type: 'mlflow',
    file: () => (writeFileSync(at('huge.json'), ''), truncateSync(at('huge.json'), 101 * 1024 * 1024), at('huge.json')),
    code: 'BAD_INPUT',
    message: /huge\.json is 105906176 bytes, over the 104857600-byte import limit; nothing was imported/,
  },
  {
    name: 'deeply nested',
    type: 'mlflow',
    file: () => (writeFileSync(at('deep.json'), `{"user":${deep(5000)}}`), at('deep.json')),
    code: 'BAD_INPUT',
    message: /deep\.json nests JSON more than 64 levels deep/,
  },
  {
    name: 'invalid UTF-8 (mlflow)',
    type: 'mlflow',
    file: () =>
      invalidUtf8(
        'latin1.json',
        '{"user":{"id":2,"username":"al',
        'ice","is_admin":false,"experiment_permissions":[],"registered_model_permissions":[]}}',
      ),
    code: 'BAD_INPUT',
    message: /latin1\.json is not valid UTF-8 text \(at byte 30\)/,
  },
  {
    name: 'invalid UTF-8 (aws-gaad)',
    type: 'aws-gaad',
    file: () => invalidUtf8('gaad-latin1.json', '{"UserDetailList":[{"UserName":"b', '"}],"GroupDetailList":[],"RoleDetailList":[],"Policies":[]}'),
    code: 'BAD_INPUT',
    message: /gaad-latin1\.json is not valid UTF-8 text \(at byte 33\)/,
  },
  {
    name: 'invalid UTF-8 (wandb)',
    type: 'wandb',
    file: () => invalidUtf8('audit.jsonl', '{"timestamp":"2026-01-01T00:00:00Z","action":"user:login","actor":"', '"}\n'),
    code: 'BAD_INPUT',
    message: /audit\.jsonl is not valid UTF-8 text/,
  },
  {
    name: 'wrong kind: a GAAD given to import mlflow',
    type: 'mlflow',
    file: () => (
      writeFileSync(at('gaad.json'), JSON.stringify({ UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] })),
      at('gaad.json')
    ),
    code: 'BAD_INPUT',
    message: /gaad\.json is not a saved MLflow response .* its top-level keys are "UserDetailList"/,
  },
  {
    name: 'wrong kind: MLflow users given to aws-gaad',
    type: 'aws-gaad',
    file: () => (writeFileSync(at('users.json'), JSON.stringify(users('x'))), at('users.json')),
    code: 'BAD_INPUT',
    message: /users\.json is not GetAccountAuthorizationDetails output/,
  },
  {
    name: 'wrong kind: a PDF',
    type: 'mlflow',
    file: () => (writeFileSync(at('report.pdf'), '%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n'), at('report.pdf')),
    code: 'BAD_INPUT',
    message: /report\.pdf is not JSON/,
  },
  {
    name: 'wrong kind: a device',
    type: 'aws-gaad',
    file: () => (symlinkSync('/dev/zero', at('zero.json')), at('zero.json')),
    code: 'BAD_INPUT',
    message: /GAAD file is not a regular file \(a character device\): .*zero\.json/,
  },
  {
    name: 'JSON bomb: 30 million empty arrays in 90 MB (mlflow)',
    type: 'mlflow',
    file: () => bomb('bomb.json', 30_000_000, '{"users":[', ']}'),
    code: 'BAD_INPUT',
    message: new RegExp(`bomb\\.json holds more than ${MAX_JSON_CONTAINERS} JSON arrays and objects \\(a JSON bomb\\?\\)`),
  },
  {
    name: 'JSON bomb just past the limit (aws-gaad)',
    type: 'aws-gaad',
    file: () => bomb('gaad-bomb.json', MAX_JSON_CONTAINERS + 1, '{"UserDetailList":[],"GroupDetailList":[],"RoleDetailList":[],"Policies":[', ']}'),
    code: 'BAD_INPUT',
    message: /gaad-bomb\.json holds more than 2000000 JSON arrays and objects/,
  },
  {
    name: 'JSON bomb (wandb)',
    type: 'wandb',
    file: () => bomb('team.json', MAX_JSON_CONTAINERS + 1, '{"data":{"entity":{"name":"t","members":[', ']}}}'),
    code: 'BAD_INPUT',
    message: /team\.json holds more than 2000000 JSON arrays/,
  },
];

describe('hostile import files: clear error, nothing written', () => {
  for (const c of importCases) {
    it(c.name, async () => {
      const before = await state();
      const r = await t.core.callUntyped('import.run', { type: c.type, file: c.file() });
      const after = await state();
      recordCounts(`hostile import ${c.name}`, { trials: 1, faults: 1, corrupt: JSON.stringify(after) === JSON.stringify(before) ? 0 : 1 });
      expect(r).toMatchObject({ ok: false, error: { code: c.code, message: expect.stringMatching(c.message) } });
      expect(after).toEqual(before);
    });
  }
});

interface BundleCase {
  name: string;
  file: () => string;
  /** The entry the refusal names and why. */
  problem: { file: string; reason: RegExp };
}

const crafted = (name: string, file: string, reason: RegExp): BundleCase => ({
  name,
  file: () => craftHostileZip(files.dir, name),
  problem: { file, reason },
});
const bundleCases: BundleCase[] = [
  crafted('absolute', '/etc/cron.d/evil', /absolute path/),
  crafted('dotdot', 'evidence/../../evil.sh', /\.\./),
  crafted('backslash', 'evidence\\evil.json', /backslash/),
  crafted('symlink', 'evidence/link.json', /symbolic link/),
  crafted('device', 'evidence/dev', /not a regular file/),
  crafted('duplicate', 'manifest.json', /duplicate name/),
  crafted('casefold', 'Manifest.json', /duplicate name/),
  crafted('bomb', 'evidence/bomb.json', /compression ratio \d+:1 exceeds 200:1/),
  {
    name: 'archive ratio bomb: 8,000 entries of 1 MiB in a 9 MB file',
    file: () => (writeRawZip(at('many.zip'), zeroEntries(8000, 1024 * 1024 - 1)), at('many.zip')),
    problem: { file: 'many.zip', reason: /declares 8388600000 bytes uncompressed .* exceeds 200:1 \(zip bomb\?\)/ },
  },
  {
    name: 'not a ZIP',
    file: () => (writeFileSync(at('plain.zip'), '{"not":"a zip"}'), at('plain.zip')),
    problem: { file: 'plain.zip', reason: /not a readable ZIP/ },
  },
];

describe('hostile bundles: verification fails naming the entry, nothing written', () => {
  for (const c of bundleCases) {
    it(c.name, async () => {
      const before = await state();
      const r = await t.core.callUntyped('bundle.verify', { bundle: c.file() });
      const after = await state();
      recordCounts(`hostile bundle ${c.name}`, { trials: 1, faults: 1, corrupt: JSON.stringify(after) === JSON.stringify(before) ? 0 : 1 });
      expect(r).toMatchObject({
        ok: true,
        value: { ok: false, problems: [{ file: c.problem.file, reason: expect.stringMatching(c.problem.reason) }] },
      });
      expect(after).toEqual(before);
    });
  }

  it('entry-count bomb: more entries than the limit is refused from the central directory (limit lowered to keep the file small)', async () => {
    writeRawZip(at('count.zip'), zeroEntries(1001, 1));
    const err = await SafeZip.open(at('count.zip'), { ...DEFAULT_ZIP_LIMITS, maxEntries: 1000 }).then(
      (z) => (z.close(), null),
      (e: unknown) => e,
    );
    recordCounts('hostile bundle entry count', { trials: 1, faults: 1 });
    expect(err).toBeInstanceOf(ZipRefused);
    expect(err).toMatchObject({ file: '(archive)', reason: '1001 entries; the limit is 1000' });
  });
});

describe('the files the suite wrote stay where they were put', () => {
  it('no verify or import wrote outside its temp folder (zip-slip targets absent)', () => {
    mkdirSync(at('probe'), { recursive: true });
    for (const p of ['/etc/cron.d/evil', join(files.dir, '..', 'evil.sh')]) expect(() => truncateSync(p, 0)).toThrow();
  });
});
