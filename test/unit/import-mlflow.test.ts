import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../core/api';
import type { Ipe } from '../../core/evidence/ipe';
import { EvidenceStore } from '../../core/store/evidence-store';
import { getItem } from '../../core/store/store-reads';
import type { SecretStore } from '../../core/sign/secret-store';
import { tempCore, tempDir } from '../helpers/temp-store';
import { buildRegistry } from '../../core/collectors/mlflow/registry';
import { rawModel, rawVersion } from '../../core/collectors/mlflow/schemas';
import { mlflowConfigSchema } from '../../core/collectors/mlflow/config';

const FIX = join(import.meta.dirname, '../fixtures/mlflow-import');
const fixture = (name: string) => join(FIX, name);

interface Imported {
  source: string;
  kind: string;
  export: string;
  records: number;
  completeness: string;
  seq: number;
  contentSha256: string;
  file: { name: string; sha256: string; bytes: number };
}
interface Status {
  logSize: number;
  items: number;
  sources: { name: string; type: string }[];
}

describe('import.mlflow', () => {
  let core: Core;
  let home: string;
  let call: <T>(name: string, input?: unknown) => Promise<T>;
  let cleanup: () => void;
  beforeEach(async () => ({ core, home, call, cleanup } = await tempCore()));
  afterEach(() => cleanup());

  /** Item content and IPE, read through a second handle on the same store (closed again at once). */
  const readItem = (seq: number) => {
    core.close();
    const secrets = { description: 'unused' } as unknown as SecretStore;
    const store = EvidenceStore.open({ home, secrets, actor: { osUser: 't', host: 't' } });
    try {
      const row = getItem(store, seq);
      return { row, content: JSON.parse(row.content.toString()) as Record<string, unknown>, ipe: JSON.parse(row.ipe.toString()) as Ipe };
    } finally {
      store.close();
    }
  };

  it('imports model-versions/search into the live registry shape, labelled admin_export, under a new mlflow source', async () => {
    const r = await call<Imported>('import.run', { type: 'mlflow', file: fixture('model-versions-search.json') });
    const bytes = readFileSync(fixture('model-versions-search.json'));
    expect(r).toMatchObject({
      source: 'imported-mlflow',
      kind: 'mlflow.registry',
      export: 'model-versions/search',
      records: 5,
      completeness: 'complete',
    });
    expect(r.file).toEqual({ name: 'model-versions-search.json', bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    const sources = await call<{ name: string; type: string; config: Record<string, unknown> }[]>('source.list');
    expect(sources).toEqual([
      expect.objectContaining({ name: 'imported-mlflow', type: 'mlflow', config: { url: 'https://imported.invalid', importOnly: true } }),
    ]);

    const { row, content, ipe } = readItem(r.seq);
    expect(row.provenance).toBe('admin_export');
    expect(JSON.parse(row.scope)).toEqual({ server: 'https://imported.invalid' });
    expect(content.server).toBe('https://imported.invalid');
    const models = content.models as { name: string; aliases: Record<string, string>; versions: Record<string, unknown>[] }[];
    expect(models.map((m) => m.name)).toEqual(['churn', 'fraud']);
    expect(models[1]!.aliases).toEqual({ challenger: '10', champion: '2' });
    expect(models[1]!.versions.map((v) => v.version)).toEqual(['1', '2', '3', '10']);
    expect(models[1]!.versions[1]).toEqual({
      version: '2',
      currentStage: 'Staging',
      aliases: ['champion'],
      tags: { validated: 'true' },
      source: expect.stringMatching(/^mlflow-artifacts:/),
      runId: expect.any(String),
      status: 'READY',
      userId: 'alice@example.com',
      creationTimestamp: 1_732_350_002_000,
      lastUpdatedTimestamp: 1_732_350_004_000,
      description: null,
    });
    expect(ipe).toMatchObject({
      provenance: 'admin_export',
      completeness: 'complete',
      endpoints: ['GET /api/2.0/mlflow/model-versions/search'],
      importedFile: r.file,
    });
    expect(ipe.command).toMatch(
      /^curl -sf -u "\$MLFLOW_USERNAME:\$MLFLOW_PASSWORD" "\$MLFLOW_TRACKING_URI\/api\/2\.0\/mlflow\/model-versions\/search\?max_results=1000/,
    );
    expect(ipe.notes!.join(' ')).toMatch(/Imported from model-versions-search\.json/);
  });

  it('imports registered-models/search (model tags, aliases, descriptions; latest versions only → partial)', async () => {
    const r = await call<Imported>('import.run', { type: 'mlflow', file: fixture('registered-models-search.json'), source: 'offline' });
    expect(r).toMatchObject({ source: 'offline', kind: 'mlflow.registry', export: 'registered-models/search', records: 2, completeness: 'partial' });
    const { content, ipe } = readItem(r.seq);
    const fraud = (content.models as Record<string, unknown>[]).find((m) => m.name === 'fraud')!;
    expect(fraud).toMatchObject({ description: 'Card fraud scorer', tags: { team: 'risk' }, aliases: { champion: '2', challenger: '10' } });
    expect((fraud.versions as { version: string }[]).map((v) => v.version)).toEqual(['1', '3', '10']);
    expect(ipe.error).toMatch(/latest version per stage/);
  });

  it('imports users/get answers (one or several) into the access shape and never keeps a password hash', async () => {
    const one = await call<Imported>('import.run', { type: 'mlflow', file: fixture('users-get.json') });
    expect(one).toMatchObject({ kind: 'mlflow.access', export: 'users/get', records: 1 });
    const many = await call<Imported>('import.run', { type: 'mlflow', file: fixture('users-get-many.json') });
    expect(many).toMatchObject({ kind: 'mlflow.access', records: 3, source: 'imported-mlflow' });
    const { row, content, ipe } = readItem(many.seq);
    expect(content.users).toEqual([
      { username: 'admin', id: '1', isAdmin: true, experimentPermissions: [], registeredModelPermissions: [] },
      {
        username: 'alice',
        id: '2',
        isAdmin: false,
        experimentPermissions: [{ experimentId: '1', permission: 'EDIT' }],
        registeredModelPermissions: [{ name: 'fraud', permission: 'MANAGE' }],
      },
      {
        username: 'bob',
        id: '3',
        isAdmin: false,
        experimentPermissions: [
          { experimentId: '1', permission: 'READ' },
          { experimentId: '2', permission: 'MANAGE' },
        ],
        registeredModelPermissions: [],
      },
    ]);
    expect(ipe.notes!.join(' ')).toMatch(/may not hold every user/);
    expect(ipe.command).toMatch(/users\/get\?username=/);
    // Nowhere in the store: not in the item, not in the log.
    for (const blob of [row.content, row.ipe, readFileSync(join(home, 'evidence.db'))]) {
      expect(blob.includes('not-a-real-hash')).toBe(false);
      expect(blob.includes('password_hash')).toBe(false);
    }
  });

  it('records a file that ends with a next_page_token as partial, and accepts pages combined with jq -s', async () => {
    const cut = await call<Imported>('import.run', { type: 'mlflow', file: fixture('model-versions-truncated.json') });
    expect(cut).toMatchObject({ completeness: 'partial', records: 2 });
    expect(readItem(cut.seq).ipe.error).toMatch(/next_page_token/);
    const pages = await call<Imported>('import.run', { type: 'mlflow', file: fixture('model-versions-pages.json') });
    expect(pages).toMatchObject({ completeness: 'complete', records: 5 });
    const { ipe } = readItem(pages.seq);
    expect(ipe.pages).toBe(2);
    // The page token sits inside the quoted URL (an & outside quotes would background curl).
    expect(ipe.command).toMatch(
      /^curl -sf -u "\$MLFLOW_USERNAME:\$MLFLOW_PASSWORD" "\$MLFLOW_TRACKING_URI\/api\/2\.0\/mlflow\/model-versions\/search\?max_results=1000&page_token=\$NEXT" > page-N\.json .*jq -s \. page-\*\.json > model-versions-pages\.json$/,
    );
  });

  it('two imports can be diffed, and everything verifies', async () => {
    await call('import.run', { type: 'mlflow', file: fixture('model-versions-search.json') });
    await call('import.run', { type: 'mlflow', file: fixture('model-versions-search-later.json') });
    const d = await call<{ changes: { type: string; subject: string; before?: unknown; after?: unknown }[] }>('diff.run', {
      source: 'imported-mlflow',
      kind: 'mlflow.registry',
    });
    expect(d.changes).toEqual([
      { type: 'alias_moved', subject: 'model fraud', field: 'alias champion', before: '2', after: '3' },
      { type: 'stage_changed', subject: 'model fraud v3', field: 'stage', before: 'Staging', after: 'Production' },
    ]);
    expect(await call<{ ok: boolean }>('store.verify')).toMatchObject({ ok: true });
  });

  it('refuses collecting from or testing an import-only source', async () => {
    await call('import.run', { type: 'mlflow', file: fixture('users-get.json') });
    for (const [name, input] of [
      ['collect.run', { source: 'imported-mlflow' }],
      ['collect.run', {}],
      ['source.test', { name: 'imported-mlflow' }],
    ] as const) {
      expect(await core.call(name, input)).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT', message: expect.stringMatching(/imported files only/) },
      });
    }
  });

  it('records users without permission lists (MLflow 3.x users/get) as partial: their grants are unknown', async () => {
    const d = tempDir('el-import-');
    try {
      const file = join(d.dir, 'users3.json');
      writeFileSync(file, JSON.stringify({ user: { id: 4, username: 'erin', is_admin: false } }));
      const r = await call<Imported>('import.run', { type: 'mlflow', file });
      expect(r.completeness).toBe('partial');
      expect(readItem(r.seq).ipe.error).toMatch(/no permissions for erin/);
    } finally {
      d.cleanup();
    }
  });

  it('maps exactly as the live collector does, and stores a config the mlflow collector accepts', async () => {
    const r = await call<Imported>('import.run', { type: 'mlflow', file: fixture('registered-models-search.json') });
    const raw = JSON.parse(readFileSync(fixture('registered-models-search.json'), 'utf8')) as { registered_models: { latest_versions: unknown[] }[] };
    const models = raw.registered_models.map((m) => rawModel.parse(m));
    const versions = raw.registered_models.flatMap((m) => m.latest_versions.map((v) => rawVersion.parse(v)));
    expect(readItem(r.seq).content).toEqual(buildRegistry('https://imported.invalid', models, versions).content);
    const source = (await call<{ config: Record<string, unknown> }[]>('source.list'))[0]!;
    const { importOnly, ...config } = source.config;
    expect(importOnly).toBe(true);
    expect(mlflowConfigSchema.safeParse(config).success).toBe(true);
  });

  describe('bad files leave the store untouched', () => {
    const cases: [string, () => string, string, RegExp][] = [
      ['not JSON', () => fixture('not-json.json'), 'BAD_INPUT', /not-json\.json is not JSON/],
      [
        'wrong shape',
        () => fixture('wrong-shape.json'),
        'BAD_INPUT',
        /"model_versions".*"registered_models".*"user".*top-level keys are "experiments"/,
      ],
      ['mixed responses', () => fixture('mixed.json'), 'BAD_INPUT', /mixes responses of model-versions\/search and users\/get/],
      ['a field of the wrong type', () => fixture('bad-version.json'), 'BAD_INPUT', /does not match model-versions\/search: 0\.tags/],
      ['the same page twice', () => fixture('model-versions-duplicate.json'), 'BAD_INPUT', /lists model fraud v1 twice/],
      ['missing file', () => fixture('nope.json'), 'NOT_FOUND', /ENOENT/],
      ['a folder', () => FIX, 'BAD_INPUT', /not a regular file/],
      ['an empty response without --kind', () => writeTemp('empty.json', '{}'), 'BAD_INPUT', /pass --kind mlflow.registry/],
      ['too big (checked before reading)', () => bigFile(), 'BAD_INPUT', /over the 104857600-byte import limit/],
    ];
    const temp = tempDir('el-import-');
    afterAll(() => temp.cleanup());
    function writeTemp(name: string, text: string): string {
      writeFileSync(join(temp.dir, name), text);
      return join(temp.dir, name);
    }
    function bigFile(): string {
      // Sparse: 101 MB on paper, nothing on disk; a reader that did not check the size first would spend the memory.
      const path = writeTemp('huge.json', '{"model_versions": [');
      truncateSync(path, 101 * 1024 * 1024);
      return path;
    }
    for (const [what, file, code, message] of cases) {
      it(what, async () => {
        const before = await call<Status>('store.status');
        const r = await core.call('import.run', { type: 'mlflow', file: file() });
        expect(r).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) } });
        const after = await call<Status>('store.status');
        expect([after.logSize, after.items, after.sources]).toEqual([before.logSize, before.items, before.sources]);
      });
    }
    it('a kind that does not match the file', async () => {
      const r = await core.call('import.run', { type: 'mlflow', file: fixture('users-get.json'), kind: 'mlflow.registry' });
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT', message: expect.stringMatching(/holds users\/get \(mlflow.access\), not mlflow.registry/) },
      });
    });
    it('an empty registry response with --kind mlflow.registry is an empty snapshot', async () => {
      const r = await call<Imported>('import.run', { type: 'mlflow', file: writeTemp('empty2.json', '{}'), kind: 'mlflow.registry' });
      expect(readItem(r.seq).content).toEqual({ server: 'https://imported.invalid', models: [] });
    });
  });
});
