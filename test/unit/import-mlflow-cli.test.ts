import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-store';

const FIX = join(import.meta.dirname, '../fixtures/mlflow-import');
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
async function store(): Promise<string> {
  const d = tempDir();
  cleanups.push(d.cleanup);
  await runCli(['--home', d.dir, 'init']);
  return d.dir;
}

describe('CLI: import', () => {
  it('lists the import types found in the procedure map', async () => {
    const r = await runCli(['import', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Import types:\n(.*\n)*\s+mlflow\s+Import JSON an MLflow admin saved/);
  });

  it('imports a file, prints its hash, and creates the source', async () => {
    const h = await store();
    const r = await runCli(['--home', h, 'import', 'mlflow', join(FIX, 'users-get-many.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/into source "imported-mlflow" as item #1 \(mlflow\.access, 3 record\(s\)\)/);
    expect(r.stdout).toMatch(/users-get-many\.json: \d+ bytes, sha256 [0-9a-f]{64}/);
    expect((await runCli(['--home', h, 'source', 'list'])).stdout).toMatch(/imported-mlflow\s+mlflow/);
  });

  it('exits 2 with the expected shapes for a wrong file, and for an unknown type or missing FILE', async () => {
    const h = await store();
    const wrong = await runCli(['--home', h, 'import', 'mlflow', join(FIX, 'wrong-shape.json')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/BAD_INPUT.*"model_versions".*"registered_models".*"user"/);
    const type = await runCli(['--home', h, 'import', 'oracle-cloud', join(FIX, 'users-get.json')]);
    expect(type.code).toBe(2);
    expect(type.stderr).toMatch(/Unknown import type "oracle-cloud". Import types: .*mlflow/);
    expect((await runCli(['--home', h, 'import', 'mlflow'])).code).toBe(2);
    expect((await runCli(['--home', h, 'status', '--json'])).stdout).toMatch(/"items": 0/);
  });
});
