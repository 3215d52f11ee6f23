import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appearsInFiles, harness, type Harness, type RunSummary } from '../fixtures/mlflow/harness';
import { startWandbStub, type WandbStub } from '../fixtures/wandb/stub';
import { defaultWorld } from '../fixtures/wandb/world';

/** What the app's Sources screen does with a W&B source: the generic form's schema, test, add with a typed key. */
const KEY = 'typed-in-app-key-4e5f60718293a4b5c6d7e8f9a0b1c2d3';
let h: Harness;
let stub: WandbStub;
beforeAll(async () => {
  h = await harness({}); // no environment variable: the key is typed into the app
  stub = await startWandbStub({ world: defaultWorld(), apiKey: KEY });
});
afterAll(async () => {
  expect(stub.refused).toEqual([]);
  await stub.close();
  h?.cleanup();
});

describe('a W&B source through the generic config form', () => {
  it('publishes its config schema, flags and kinds', async () => {
    const types =
      await h.call<{ type: string; kinds: string[]; secretFields: string[]; configSchema: { properties: Record<string, unknown> } }[]>(
        'source.types',
      );
    const wandb = types.find((t) => t.type === 'wandb')!;
    expect(wandb.kinds).toEqual(['wandb.access', 'wandb.registry', 'wandb.retention', 'wandb.audit-log']);
    expect(wandb.secretFields).toEqual(['apiKeyEnv']);
    expect(Object.keys(wandb.configSchema.properties)).toEqual(
      expect.arrayContaining(['host', 'apiKeyEnv', 'teams', 'organization', 'teamTtlDefault']),
    );
  });

  it('tests a typed key before saving (nothing stored), then adds and collects with the key kept outside the store', async () => {
    const config = { host: stub.url, apiKeyEnv: 'WANDB_API_KEY', teams: ['acme-ml'], organization: 'acme' };
    const bad = await h.call<{ ok: boolean; detail: string }>('source.check', {
      type: 'wandb',
      config,
      secrets: { apiKeyEnv: 'not-the-key-0000000000000000000000000000' },
    });
    expect(bad).toMatchObject({ ok: false, detail: expect.stringContaining('401') });
    const good = await h.call<{ ok: boolean; identity: string; detail: string }>('source.check', {
      type: 'wandb',
      config,
      secrets: { apiKeyEnv: KEY },
    });
    expect(good).toMatchObject({ ok: true, identity: 'ana' });
    expect(good.detail).toContain('teams: acme-ml, acme-research');
    const added = await h.call<{ config: Record<string, unknown> }>('source.add', {
      type: 'wandb',
      name: 'app',
      config,
      secrets: { apiKeyEnv: KEY },
      test: true,
    });
    expect(added.config.apiKeyEnv).toBe('@stored');
    const [run] = await h.call<RunSummary[]>('collect.run', { source: 'app' });
    expect(run!.status).toBe('complete');
    // Kept by the app's credential store (keys/credentials), never in the evidence database, its WAL or the checkpoint.
    for (const f of ['evidence.db', 'evidence.db-wal', 'checkpoint.txt']) expect(readFileSync(join(h.home, f)).includes(KEY), f).toBe(false);
    expect(appearsInFiles(join(h.home, 'keys', 'credentials'), KEY)).toBe(true);
  });
});
