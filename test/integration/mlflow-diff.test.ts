import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../cli/main';
import type { CliIo } from '../../cli/command';
import { createCore } from '../../core/api';
import { alias, api, createUser, createVersion, grant, revoke, stage } from '../fixtures/mlflow/rest';
import { tempDir } from '../helpers/temp-store';

const { server } = inject('mlflow3');
// Names private to this file: other files read the same server, so this one only touches what it creates.
const MODEL = 'diff-model';
const NEW_USER = 'gina-diff';
const REVOKED = 'henry-diff';
const home = tempDir('el-mlflow-diff-');
const env = { MLFLOW_PASSWORD: server.admin.password };

function io(): CliIo & { text: () => string; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    out: (t) => void lines.push(t),
    err: (t) => void lines.push(t),
    status: () => undefined,
    isTTY: false,
    text: () => lines.join('\n'),
  };
}
const cli = (args: string[], out = io()) => main([...args, '--home', home.dir], out, env);

interface Change {
  type: string;
  subject: string;
  field?: string;
  before?: unknown;
  after?: unknown;
}

beforeAll(async () => {
  await api(server, 'POST', '2.0/mlflow/registered-models/create', { name: MODEL });
  for (let i = 0; i < 3; i++) await createVersion(server, MODEL);
  await stage(server, MODEL, '1', 'Staging');
  await alias(server, MODEL, 'live', '1');
  await createUser(server, REVOKED);
  await grant(server, REVOKED, { model: MODEL }, 'READ');

  expect(await cli(['init'])).toBe(0);
  expect(
    await cli([
      'source',
      'add',
      'mlflow',
      '--name',
      'prod',
      '--url',
      server.url,
      '--username',
      server.admin.username,
      '--password-env',
      'MLFLOW_PASSWORD',
      '--page-size',
      '3',
    ]),
  ).toBe(0);
  expect(await cli(['collect', '--source', 'prod', '--kind', 'mlflow.registry,mlflow.access'])).toBe(0);

  // Between the two collections: a stage transition, an alias move, a new user, a revoked grant.
  await stage(server, MODEL, '1', 'Production');
  await alias(server, MODEL, 'live', '2');
  await createUser(server, NEW_USER);
  await revoke(server, REVOKED, { model: MODEL });

  expect(await cli(['collect', '--source', 'prod', '--kind', 'mlflow.registry,mlflow.access'])).toBe(0);
});
afterAll(() => home.cleanup());

describe('changes between two collections of the real 3.x server', () => {
  it('the registry diff (procedure) shows the stage change and the alias move', async () => {
    const core = createCore({ home: home.dir, env });
    try {
      const r = await core.call('diff.run', { source: 'prod', kind: 'mlflow.registry' });
      if (!r.ok) throw new Error(r.error.message);
      const changes = (r.value as { changes: Change[] }).changes;
      expect(changes).toContainEqual(
        expect.objectContaining({ type: 'stage_changed', subject: `model ${MODEL} v1`, before: 'Staging', after: 'Production' }),
      );
      expect(changes).toContainEqual(
        expect.objectContaining({ type: 'alias_moved', subject: `model ${MODEL}`, field: 'alias live', before: '1', after: '2' }),
      );
      expect(changes.every((c) => c.subject.includes(MODEL))).toBe(true); // nothing else moved
    } finally {
      core.close();
    }
  });

  it('the access diff (procedure) shows the user added and the permission revoked', async () => {
    const core = createCore({ home: home.dir, env });
    try {
      const r = await core.call('diff.run', { source: 'prod', kind: 'mlflow.access' });
      if (!r.ok) throw new Error(r.error.message);
      const changes = (r.value as { changes: Change[] }).changes;
      expect(changes).toContainEqual(expect.objectContaining({ type: 'user_added', subject: `user ${NEW_USER}` }));
      expect(changes).toContainEqual(expect.objectContaining({ type: 'permission_revoked', subject: `user ${REVOKED}` }));
    } finally {
      core.close();
    }
  });

  it('`cli diff --json` shows the same registry changes and the store still verifies', async () => {
    const out = io();
    expect(await cli(['diff', '--source', 'prod', '--kind', 'mlflow.registry', '--json'], out)).toBe(0);
    const changes = (JSON.parse(out.lines.at(-1)!) as { value: { changes: Change[] } }).value.changes;
    expect(changes.map((c) => c.type)).toEqual(expect.arrayContaining(['stage_changed', 'alias_moved']));
    const human = io();
    expect(await cli(['diff', '--source', 'prod', '--kind', 'mlflow.registry'], human)).toBe(0);
    expect(human.text()).toMatch(/stage/i);
    expect(await cli(['verify-store'])).toBe(0);
  });
});
