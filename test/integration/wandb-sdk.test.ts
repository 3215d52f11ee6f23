import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WANDB_OPERATIONS } from '../../core/collectors/wandb/commands';
import { harness, readItems, type Harness, type RunSummary } from '../fixtures/mlflow/harness';
import { ensureServices } from '../fixtures/mlflow/server';
import { selectedFields } from '../fixtures/wandb/selections';
import { startWandbStub, type WandbStub } from '../fixtures/wandb/stub';
import { defaultWorld } from '../fixtures/wandb/world';
import { tempDir } from '../helpers/temp-store';

/**
 * The stub checked against the real W&B SDK (wandb 0.31.0 from PyPI in .venv-services/wandb): `wandb.Api` with the
 * stub as base_url reads the same members, registry versions and legacy collections the collector records, and
 * every field the collector selects is a field the SDK's own queries select.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const PYTHON = join(ROOT, '.venv-services', 'wandb', 'bin', 'python');
const KEY = 'sdk-cross-check-key-00112233445566778899aabb';
const world = defaultWorld();

interface SdkView {
  sdk: string;
  viewer: string;
  teams: Record<string, { username: string | null; email: string; admin: boolean; pending: boolean; accountType: string }[]>;
  registries: Record<string, { collections: string[]; versions: Record<string, unknown>[]; users: [string, string][]; teams: [string, string][] }>;
  legacy: Record<string, Record<string, { version: string; aliases: string[]; digest: string; ttl: number | null }[]> | null>;
  documents: string[];
}

function runSdk(url: string, home: string): Promise<SdkView> {
  return new Promise((resolve, reject) => {
    const env = {
      PATH: process.env.PATH,
      HOME: home,
      WANDB_API_KEY: KEY,
      WANDB_CONFIG_DIR: home,
      WANDB_DIR: home,
      WANDB_CACHE_DIR: home,
      WANDB_DATA_DIR: home,
      WANDB_SILENT: 'true',
    };
    const p = spawn(PYTHON, [join(ROOT, 'test/fixtures/wandb/sdk_read.py'), url, world.org.name, 'acme-ml', 'acme-research'], { env });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d));
    p.stderr.on('data', (d: Buffer) => (err += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), 120_000);
    p.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(out) as SdkView);
      else reject(new Error(`sdk_read.py exited ${code}: ${err.slice(-2000)}`));
    });
  });
}

let sdkStub: WandbStub;
let strictStub: WandbStub;
let sdk: SdkView;
let h: Harness;
const scratch = tempDir('el-wandb-sdk-');
const sdkOperations: string[] = [];

beforeAll(async () => {
  if (!existsSync(PYTHON)) ensureServices();
  // The SDK sends its own (larger) queries: this stub answers any that validate against the schema subset.
  sdkStub = await startWandbStub({ world, apiKey: KEY, acceptValidQueries: true, onQuery: (q) => void sdkOperations.push(q.query) });
  sdk = await runSdk(sdkStub.url, scratch.dir);
  // The collector gets a strict stub over the same world: only its known operations, verbatim.
  strictStub = await startWandbStub({ world, apiKey: KEY });
  h = await harness({ WANDB_API_KEY: KEY });
  await h.call('source.add', {
    type: 'wandb',
    name: 'sdk',
    config: { host: strictStub.url, apiKeyEnv: 'WANDB_API_KEY', teams: ['acme-ml', 'acme-research'], organization: world.org.name },
  });
  const [run] = await h.call<RunSummary[]>('collect.run', { source: 'sdk' });
  expect(run!.status).toBe('complete');
}, 300_000);

afterAll(async () => {
  await sdkStub?.close();
  await strictStub?.close();
  h?.cleanup();
  scratch.cleanup();
});

describe('the W&B SDK reads from the stub what the collector records', () => {
  it('every query the SDK sent was one the stub schema knows', () => {
    expect(sdk.sdk).toBe('0.31.0');
    expect(sdkStub.refused).toEqual([]);
    expect(strictStub.refused).toEqual([]);
    expect(sdk.viewer).toBe(world.viewer.username);
  });

  it('team members: username, email, admin, pending invite, account type', () => {
    const access = readItems(h.home, 'wandb.access').at(-1)!.content;
    for (const team of access.teams) {
      const ours = team.members.map((m: Record<string, unknown>) => ({
        username: m.username,
        email: m.email,
        admin: m.admin,
        pending: m.pending,
        accountType: m.accountType,
      }));
      expect(ours, team.name).toEqual(sdk.teams[team.name]);
    }
  });

  it('registries: collections, every version with aliases, digest, state and source artifact; user and team members with roles', () => {
    const registry = readItems(h.home, 'wandb.registry').at(-1)!.content;
    const access = readItems(h.home, 'wandb.access').at(-1)!.content;
    for (const reg of registry.registries.filter((r: { legacy: boolean }) => !r.legacy)) {
      const theirs = sdk.registries[reg.name.replace(/^wandb-registry-/, '')]!;
      expect(reg.collections.map((c: { name: string }) => c.name)).toEqual(theirs.collections);
      const ours = reg.collections.flatMap((c: { name: string; versions: Record<string, unknown>[] }) =>
        c.versions.map((v) => ({
          collection: c.name,
          version: v.version,
          aliases: v.aliases,
          digest: v.digest,
          state: v.state,
          source: v.sourceArtifact,
        })),
      );
      expect(ours).toEqual(theirs.versions);
      const acl = access.registries.find((r: { registry: string }) => r.registry === reg.name);
      expect(acl.users.map((u: { username: string; role: string }) => [u.username, u.role])).toEqual(theirs.users);
      expect(acl.teams.map((t: { team: string; role: string }) => [t.team, t.role])).toEqual(theirs.teams);
    }
  });

  it('the legacy Model Registry: versions, portfolio aliases, digest and TTL', () => {
    const registry = readItems(h.home, 'wandb.registry').at(-1)!.content;
    const retention = readItems(h.home, 'wandb.retention').at(-1)!.content;
    const legacy = registry.registries.find((r: { legacy: boolean }) => r.legacy);
    const ours = Object.fromEntries(
      legacy.collections.map((c: { name: string; versions: Record<string, unknown>[] }) => [
        c.name,
        c.versions.map((v) => ({
          version: v.version,
          aliases: v.aliases,
          digest: v.digest,
          ttl: retention.versions.find((t: { collection: string; version: string }) => t.collection === c.name && t.version === v.version).ttlSeconds,
        })),
      ]),
    );
    expect(ours).toEqual(sdk.legacy[legacy.entity]);
    // A team with no model-registry project: W&B answers project null; the collector records no legacy registry,
    // and the SDK itself cannot parse that answer (ValueError), which sdk_read.py records as null.
    expect(sdk.legacy['acme-research']).toBeNull();
    expect(registry.registries.filter((r: { legacy: boolean; entity: string }) => r.legacy && r.entity === 'acme-research')).toEqual([]);
  });

  it('every field the collector selects is one the SDK selects (its generated queries and run fragment), and never apiKey', () => {
    const theirs = selectedFields([...sdk.documents, ...sdkOperations]);
    const ours = selectedFields(WANDB_OPERATIONS.map((o) => o.query));
    expect([...ours].filter((f) => !theirs.has(f))).toEqual([]);
    expect(theirs.has('Member.apiKey')).toBe(true); // the SDK's team query does select it …
    expect(ours.has('Member.apiKey')).toBe(false); // … ours never does
  });
});
