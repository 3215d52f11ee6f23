import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import type { ExportResult } from '../../core/export/export-bundle';
import { harness, readItems, type Harness, type RunSummary } from '../fixtures/mlflow/harness';
import { api, createRun, createVersion } from '../fixtures/mlflow/rest';
import { startMlflow, type RunningMlflow } from '../fixtures/mlflow/server';
import { startWandbStub, type WandbStub } from '../fixtures/wandb/stub';
import { defaultWorld } from '../fixtures/wandb/world';
import { startMoto, type MotoServer } from '../setup/moto-server';
import { CANARY, basicAuthUrl, leakedCanaries, type CanaryName } from '../helpers/canaries';
import { s3Client, useAwsTestEnv } from './aws-helpers';
import { unzipTo } from './bundle-helpers';

/**
 * Issue 14: secrets planted where they really leak — MLflow run params and tags and model tags (a real MLflow 3.x
 * server), W&B registry metadata and audit-log lines (the W&B stub), an S3 bucket policy (a real moto_server) —
 * are redacted before anything is hashed: no canary byte sequence is in the database, its WAL, the store folder,
 * items.show, the exported ZIPs (raw and inflated), the PDFs' text; each item's IPE names the rule and the path.
 * This file starts its own MLflow and moto so that what it plants cannot disturb the shared servers' tests.
 */
const WANDB_KEY = 'canary-wandb-key-0123456789abcdef01234567';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

let mlflow: RunningMlflow;
let moto: MotoServer;
let stub: WandbStub;
let h: Harness;
let bundles: ExportResult[];

async function seedMlflowCanaries(server: RunningMlflow): Promise<void> {
  const { experiment_id } = await api<{ experiment_id: string }>(server, 'POST', '2.0/mlflow/experiments/create', { name: 'canary-training' });
  const runId = await createRun(server, experiment_id, server.admin.username, {
    'deploy.note': `pushed with ${CANARY.githubToken.value}`,
    db_password: CANARY.lowEntropyPassword.value,
  });
  await api(server, 'POST', '2.0/mlflow/runs/log-batch', {
    run_id: runId,
    params: [
      { key: 'learning_rate', value: '0.05' },
      { key: 'feature_store', value: basicAuthUrl('features.internal') },
      { key: 'aws_key_hint', value: `key ${CANARY.awsAccessKeyId.value}` },
      { key: 'signing_material', value: CANARY.pemPrivateKey.value },
    ],
  });
  await api(server, 'POST', '2.0/mlflow/registered-models/create', {
    name: 'canary-model',
    tags: [
      { key: 'team', value: 'risk' },
      { key: 'notify', value: `slack ${CANARY.slackToken.value}` },
    ],
  });
  const version = await createVersion(server, 'canary-model', { runId, experimentId: experiment_id });
  await api(server, 'POST', '2.0/mlflow/model-versions/set-tag', {
    name: 'canary-model',
    version,
    key: 'approval',
    value: `jwt ${CANARY.jwt.value}`,
  });
}

async function seedS3Canaries(endpoint: string): Promise<void> {
  const s3 = s3Client(endpoint);
  await s3.send(new CreateBucketCommand({ Bucket: 'canary-bucket' }));
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: 'canary-bucket',
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'RefererGate',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::canary-bucket/*',
            Condition: {
              StringNotLike: { 'aws:Referer': [CANARY.awsSecretKey.value] },
              StringNotEquals: { 'aws:UserAgent': `ci-bot ${CANARY.githubToken.value}` },
            },
          },
        ],
      }),
    }),
  );
}

function wandbWorld() {
  const world = defaultWorld();
  // The registry description is not among the fields the collector keeps (layer 1); an alias is free text it keeps.
  world.registries[0]!.description = `Production models. Deploy token: ${CANARY.slackToken.value}`;
  world.registries[0]!.collections[0]!.versions[2]!.aliases.push(`hook-${CANARY.slackToken.value}`);
  world.audit.push({
    timestamp: new Date(Date.now() - 3_600_000).toISOString(),
    action: 'api_key:create',
    actor_user_id: 'u1',
    actor_email: 'ana@acme.test',
    response_code: 200,
    request_url: basicAuthUrl('api.wandb.test'),
    authorization: `Bearer ${CANARY.jwt.value}`,
  });
  return world;
}

beforeAll(async () => {
  useAwsTestEnv();
  [mlflow, moto] = await Promise.all([startMlflow(3, { workers: 1 }), startMoto()]);
  await Promise.all([seedMlflowCanaries(mlflow), seedS3Canaries(moto.endpoint)]);
  stub = await startWandbStub({ world: wandbWorld(), apiKey: WANDB_KEY });
  h = await harness({ ...process.env, MLFLOW_PASSWORD: mlflow.admin.password, WANDB_API_KEY: WANDB_KEY });
  await h.call('source.add', {
    type: 'mlflow',
    name: 'ml',
    config: { url: mlflow.url, username: mlflow.admin.username, passwordEnv: 'MLFLOW_PASSWORD' },
  });
  await h.call('source.add', {
    type: 'wandb',
    name: 'wb',
    config: { host: stub.url, apiKeyEnv: 'WANDB_API_KEY', teams: ['acme-ml'], organization: 'acme' },
  });
  await h.call('source.add', { type: 'aws', name: 'aws', config: { endpoint: moto.endpoint, regions: ['us-east-1'] } });
  for (const [source, kinds] of [
    ['ml', undefined],
    ['wb', undefined],
    ['aws', ['aws.s3.retention']],
  ] as const) {
    const [run] = await h.call<RunSummary[]>('collect.run', { source, ...(kinds ? { kinds } : {}) });
    expect(run!.status, `${source}: ${run!.reason}`).toBe('complete');
  }
  bundles = (await h.call<{ bundles: ExportResult[] }>('export.bundle', { all: true, from: day(-1), to: day(1), out: join(h.home, 'bundles') }))
    .bundles;
}, 600_000);

afterAll(async () => {
  await Promise.allSettled([mlflow?.stop(), moto?.stop(), stub?.close()]);
  h?.cleanup();
});

/** Every regular file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const redactionsOf = (kind: string) => readItems(h.home, kind).flatMap((i) => (i.ipe.redactions ?? []) as { rule: string; path: string }[]);

describe('canaries planted in MLflow, W&B and S3 are redacted before hashing', () => {
  it('the IPE of each item names the rule and the JSON path of every planted secret', () => {
    const lineage = redactionsOf('mlflow.lineage');
    expect(lineage).toEqual(
      expect.arrayContaining([
        { rule: 'el/basic-auth-url', path: expect.stringMatching(/\['params'\]\['feature_store'\]$/) },
        { rule: 'el/aws-access-key-id', path: expect.stringMatching(/\['params'\]\['aws_key_hint'\]$/) },
        { rule: 'secretlint/privatekey', path: expect.stringMatching(/\['params'\]\['signing_material'\]$/) },
      ]),
    );
    expect(redactionsOf('mlflow.registry')).toEqual(
      expect.arrayContaining([
        { rule: 'secretlint/slack', path: expect.stringMatching(/\['tags'\]\['notify'\]$/) },
        { rule: 'el/jwt', path: expect.stringMatching(/\['tags'\]\['approval'\]$/) },
      ]),
    );
    expect(redactionsOf('wandb.registry')).toEqual(
      expect.arrayContaining([{ rule: 'secretlint/slack', path: expect.stringMatching(/\['aliases'\]\[\d+\]$/) }]),
    );
    expect(redactionsOf('wandb.audit-log')).toEqual(
      expect.arrayContaining([
        { rule: 'el/basic-auth-url', path: expect.stringMatching(/\['request_url'\]$/) },
        { rule: 'key/authorization', path: expect.stringMatching(/\['authorization'\]$/) },
      ]),
    );
    expect(redactionsOf('aws.s3.retention')).toEqual(
      expect.arrayContaining([
        { rule: 'el/high-entropy', path: expect.stringMatching(/\['aws:Referer'\]\[0\]$/) },
        { rule: 'secretlint/github', path: expect.stringMatching(/\['aws:UserAgent'\]$/) },
      ]),
    );
    // Everything else of the same items is still there: the evidence is intact around the marker.
    const policyText = JSON.stringify(readItems(h.home, 'aws.s3.retention').at(-1)!.content);
    expect(policyText).toContain('"Sid":"RefererGate"');
    expect(policyText).toContain('ci-bot [REDACTED:secretlint/github]');
  });

  it('no canary is in the database, its WAL or any other file of the store folder', () => {
    const storeFiles = filesUnder(h.home).filter((f) => !f.includes(`${join(h.home, 'bundles')}`));
    expect(storeFiles.some((f) => f.endsWith('evidence.db'))).toBe(true);
    for (const f of storeFiles) expect(leakedCanaries(readFileSync(f)), f).toEqual([]);
  });

  it('items.show of every item carries no canary', async () => {
    const { rows } = await h.call<{ rows: { seq: number }[] }>('items.list', { limit: 500 });
    expect(rows.length).toBeGreaterThan(5);
    for (const { seq } of rows) expect(leakedCanaries(Buffer.from(JSON.stringify(await h.call('items.show', { seq })))), `#${seq}`).toEqual([]);
  });

  it('no canary in any exported ZIP (raw and inflated), nor in the PDFs (bytes and text); the PDF notes redacted values', () => {
    expect(bundles.length).toBeGreaterThan(0);
    let notes = 0;
    for (const b of bundles) {
      expect(leakedCanaries(readFileSync(b.path)), b.path).toEqual([]);
      const dir = unzipTo(b.path, join(h.home, 'x', b.criterion));
      for (const f of filesUnder(dir)) expect(leakedCanaries(readFileSync(f)), f).toEqual([]);
      const text = execFileSync('pdftotext', ['-layout', b.pdfPath, '-']);
      expect(leakedCanaries(text), b.pdfPath).toEqual([]);
      if (text.includes('Redacted values:')) notes++;
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      expect(manifest.redaction.ruleSet.name).toBe('@secretlint/secretlint-rule-preset-recommend');
    }
    expect(notes).toBeGreaterThan(0);
    const redacted = bundles.map(
      (b) => JSON.parse(readFileSync(join(h.home, 'x', b.criterion, 'manifest.json'), 'utf8')).redaction.redactedValues as number,
    );
    expect(Math.max(...redacted)).toBeGreaterThan(0);
  });

  it('every canary was actually served (so its absence is redaction, not a missing field)', () => {
    const planted: CanaryName[] = ['githubToken', 'slackToken', 'jwt', 'awsAccessKeyId', 'awsSecretKey', 'basicAuthPassword', 'pemPrivateKey'];
    const rules = new Set(
      ['mlflow.lineage', 'mlflow.registry', 'wandb.registry', 'wandb.audit-log', 'aws.s3.retention'].flatMap((k) =>
        redactionsOf(k).map((r) => r.rule),
      ),
    );
    for (const name of planted) expect(rules.has(CANARY[name].rule), `${name}: ${CANARY[name].rule}`).toBe(true);
  });
});
