import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { basicConfig, harness, readItems, type Harness } from '../fixtures/mlflow/harness';
import type { MlflowServerInfo } from '../fixtures/mlflow/server';
import { tempDir } from '../helpers/temp-store';

/**
 * The offline import against what a real MLflow server answers: the admin's curl commands (as stored in the IPE)
 * are run for real, the files imported, and the result compared with what the live collector recorded.
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- stored JSON navigated freely

/** Runs the admin's shell command with the credentials in the environment, as the IPE command says. */
function adminShell(server: MlflowServerInfo, command: string, out: string): void {
  execFileSync('sh', ['-c', command], {
    env: {
      PATH: process.env.PATH,
      MLFLOW_USERNAME: server.admin.username,
      MLFLOW_PASSWORD: server.admin.password,
      MLFLOW_TRACKING_URI: server.url,
      OUT: out,
    },
  });
}
const curl = (query: string) => `curl -sf -u "$MLFLOW_USERNAME:$MLFLOW_PASSWORD" "$MLFLOW_TRACKING_URI/api/2.0/mlflow/${query}"`;

for (const major of [2, 3] as const) {
  describe(`import mlflow against files saved from a real MLflow ${major}.x server`, () => {
    const { server } = inject(major === 3 ? 'mlflow3' : 'mlflow2');
    const files = tempDir('el-import-real-');
    let h: Harness;
    let live: { registry: Json; access: Json };
    beforeAll(async () => {
      h = await harness({ MLFLOW_PASSWORD: server.admin.password });
      await h.call('source.add', { type: 'mlflow', name: 'prod', config: basicConfig(server) });
      await h.call('collect.run', { source: 'prod', kinds: ['mlflow.registry', 'mlflow.access'] });
      live = { registry: readItems(h.home, 'mlflow.registry')[0]!.content, access: readItems(h.home, 'mlflow.access')[0]!.content };
    });
    afterAll(() => (h?.cleanup(), files.cleanup()));

    const importFile = async (file: string, source: string) =>
      h.call<{ seq: number; kind: string; completeness: string; source: string }>('import.run', { type: 'mlflow', file, source });
    const stored = (kind: string, seq: number) => readItems(h.home, kind).find((i) => i.seq === seq)!;
    const liveVersion = (model: string, version: string) =>
      live.registry.models.find((m: Json) => m.name === model).versions.find((v: Json) => v.version === version);

    it('model-versions/search: every version maps to the same fields the collector records', async () => {
      const file = join(files.dir, 'versions.json');
      adminShell(server, `${curl('model-versions/search?max_results=1000')} > "$OUT"`, file);
      const r = await importFile(file, 'offline');
      expect(r).toMatchObject({ kind: 'mlflow.registry', completeness: 'complete', source: 'offline' });
      const item = stored('mlflow.registry', r.seq);
      const versions = item.content.models.flatMap((m: Json) => m.versions.map((v: Json) => ({ model: m.name, v })));
      expect(versions.length).toBe(live.registry.models.reduce((n: number, m: Json) => n + m.versions.length, 0));
      for (const { model, v } of versions) {
        // Aliases come from the model map in a live snapshot; the versions search may not carry them.
        const { aliases: _a, ...rest } = liveVersion(model, v.version);
        expect({ ...v, aliases: undefined }).toEqual({ ...rest, aliases: undefined });
      }
      expect(item.ipe.importedFile.name).toBe('versions.json');
    });

    it('registered-models/search: model fields, aliases and latest versions equal the live snapshot', async () => {
      const file = join(files.dir, 'models.json');
      adminShell(server, `${curl('registered-models/search?max_results=1000')} > "$OUT"`, file);
      const r = await importFile(file, 'offline');
      expect(r.completeness).toBe('partial'); // latest versions only, by design of the endpoint
      for (const m of stored('mlflow.registry', r.seq).content.models as Json[]) {
        const { versions: liveVersions, ...liveModel } = live.registry.models.find((x: Json) => x.name === m.name);
        const { versions, ...model } = m;
        expect(model).toEqual(liveModel);
        for (const v of versions) expect(v).toEqual(liveVersions.find((x: Json) => x.version === v.version));
      }
    });

    it('users/get for each user: same users and grants as the live snapshot; diffed against it, nothing changed', async () => {
      const file = join(files.dir, 'users.json');
      const names = live.access.users.map((u: Json) => u.username).join(' ');
      adminShell(server, `for U in ${names}; do ${curl('users/get?username=$U')}; done | jq -s . > "$OUT"`, file);
      // Importing into the live source itself: same scope, so the two snapshots can be compared.
      const r = await importFile(file, 'prod');
      const item = stored('mlflow.access', r.seq);
      expect(item.ipe.command).toBe(`for U in <usernames>; do ${curl('users/get?username=$U')}; done | jq -s . > users.json`);
      if (major === 2) {
        // 2.x users/get lists each user's grants: the import is the live snapshot, field for field.
        expect(r.completeness).toBe('complete');
        expect(item.content).toEqual(live.access);
        const d = await h.call<{ changes: unknown[]; warnings: string[] }>('diff.run', { source: 'prod', kind: 'mlflow.access' });
        expect(d.changes).toEqual([]);
        // The live 2.x snapshot is itself partial (derived population); the warning about how each was produced is ours.
        expect(d.warnings).toContainEqual(
          expect.stringMatching(/produced differently \(api_snapshot via .* vs admin_export via GET \/api\/2\.0\/mlflow\/users\/get\)/),
        );
        expect(d.warnings.filter((w) => !/produced differently|is a partial snapshot/.test(w))).toEqual([]);
      } else {
        // 3.x keeps grants on roles; users/get leaves them out, so the import says the grants are unknown.
        expect(r.completeness).toBe('partial');
        expect(item.ipe.error).toMatch(/no permissions for .*MLflow 3\.x users\/get omits role grants/);
        expect(item.content.users.map((u: Json) => [u.username, u.isAdmin])).toEqual(live.access.users.map((u: Json) => [u.username, u.isAdmin]));
      }
      expect((await h.call<{ ok: boolean }>('store.verify')).ok).toBe(true);
    });
  });
}
