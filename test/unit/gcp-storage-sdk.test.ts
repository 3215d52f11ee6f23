import { Storage } from '@google-cloud/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gcpHarness, type GcpHarness, type Json } from '../fixtures/gcp/harness';

/**
 * The stub cannot drift from Google: the official @google-cloud/storage client reads the same stub (through its
 * emulator hook and through apiEndpoint) and must see the bucket metadata and IAM policy our collector stored,
 * which itself reached the stub only through STORAGE_EMULATOR_HOST.
 */
const SDK_TOKEN = 'ya29.sdk-cross-check-token';
let h: GcpHarness;
let stored: Json;
let emulatorHost: string;

beforeAll(async () => {
  h = await gcpHarness();
  // Node's client takes STORAGE_EMULATOR_HOST as its whole base URL (…/storage/v1); ours accepts that form too.
  emulatorHost = `${h.stub.url}/storage/v1`;
  const core = (await import('../../core/api')).createCore;
  const { MemorySecretStore } = await import('../../core/sign/secret-store');
  const emu = core({ home: `${h.dir}/emu-home`, secrets: new MemorySecretStore(), env: { STORAGE_EMULATOR_HOST: emulatorHost } });
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const r = await emu.callUntyped(name, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as T;
  };
  await call('store.init', {});
  await call('source.add', { type: 'gcp', name: 'emu', config: h.config({ kinds: ['gcp.storage.retention'] }, { storage: false }) });
  const [run] = await call<{ status: string }[]>('collect.run', {});
  expect(run!.status).toBe('complete');
  const rows = await call<{ rows: { seq: number; kind: string }[] }>('items.list', {});
  stored = (await call<{ content: Json }>('items.show', { seq: rows.rows.find((r) => r.kind === 'gcp.storage.retention')!.seq })).content;
  emu.close();
  h.stub.issued.push(SDK_TOKEN);
});
afterAll(() => h?.close());

/**
 * The official client with a fixed access token (the stub checks it like any other). A duck-typed auth client:
 * @google-cloud/storage 7 wraps it in its own google-auth-library 9, whose header format differs from the 10 we use.
 */
function sdk(options: { apiEndpoint?: string }): Storage {
  const authClient = {
    getRequestHeaders: async () => ({ Authorization: `Bearer ${SDK_TOKEN}` }),
    getAccessToken: async () => ({ token: SDK_TOKEN }),
    getProjectId: async () => 'acme-ml-prod',
  };
  return new Storage({ projectId: 'acme-ml-prod', authClient: authClient as never, useAuthWithCustomEndpoint: true, ...options });
}

async function checkAgainstStored(storage: Storage): Promise<void> {
  const [buckets] = await storage.getBuckets();
  expect(buckets.map((b) => b.name).sort()).toEqual(stored.buckets.map((b: Json) => b.name));
  for (const bucket of buckets) {
    const [meta] = await bucket.getMetadata();
    const ours = stored.buckets.find((b: Json) => b.name === bucket.name);
    // int64s are strings in Google's own client too; ours are the same strings, not numbers.
    expect(ours.retentionPolicy?.retentionPeriod ?? null).toBe(meta.retentionPolicy?.retentionPeriod ?? null);
    expect(ours.retentionPolicy?.isLocked ?? null).toBe(meta.retentionPolicy?.isLocked ?? null);
    expect(ours.softDeletePolicy?.retentionDurationSeconds ?? null).toBe(meta.softDeletePolicy?.retentionDurationSeconds ?? null);
    expect(ours.metageneration).toBe(meta.metageneration);
    expect(ours.lifecycleRules).toEqual(expect.arrayContaining(meta.lifecycle?.rule ?? []));
    expect(ours.lifecycleRules).toHaveLength(meta.lifecycle?.rule?.length ?? 0);
    expect(ours.versioning).toBe(meta.versioning?.enabled ?? false);
    expect(ours.uniformBucketLevelAccess.enabled).toBe(meta.iamConfiguration?.uniformBucketLevelAccess?.enabled ?? false);
    expect(ours.publicAccessPrevention).toBe(meta.iamConfiguration?.publicAccessPrevention ?? null);
    expect(ours.logging?.logBucket ?? null).toBe(meta.logging?.logBucket ?? null);
    expect(ours.defaultKmsKeyName).toBe(meta.encryption?.defaultKmsKeyName ?? null);
    const [policy] = await bucket.iam.getPolicy({ requestedPolicyVersion: 3 });
    const theirs = policy.bindings.map((b) => ({ role: b.role, members: [...b.members].sort() })).sort((a, b) => (a.role < b.role ? -1 : 1));
    expect(ours.iamPolicy.bindings.map((b: Json) => ({ role: b.role, members: b.members }))).toEqual(theirs);
  }
}

describe('@google-cloud/storage reads the same stub', () => {
  it('through apiEndpoint: the same buckets, settings and IAM bindings we stored', async () => {
    await checkAgainstStored(sdk({ apiEndpoint: h.stub.url }));
    expect(h.stub.hits.some((x) => x.authorization === `Bearer ${SDK_TOKEN}` && x.path.includes('optionsRequestedPolicyVersion=3'))).toBe(true);
  });

  it('through STORAGE_EMULATOR_HOST, the hook our collector used', async () => {
    const previous = process.env.STORAGE_EMULATOR_HOST;
    process.env.STORAGE_EMULATOR_HOST = emulatorHost;
    try {
      await checkAgainstStored(sdk({}));
    } finally {
      if (previous === undefined) delete process.env.STORAGE_EMULATOR_HOST;
      else process.env.STORAGE_EMULATOR_HOST = previous;
    }
  });
});
