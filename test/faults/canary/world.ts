import { randomBytes } from 'node:crypto';
import { PutBucketPolicyCommand, CreateBucketCommand } from '@aws-sdk/client-s3';
import { TagUserCommand } from '@aws-sdk/client-iam';
import { Agent } from 'undici';
import { awsFamily } from '../../../core/collectors/aws/family';
import { createAzureFamily } from '../../../core/collectors/azure/family';
import { gcpFamily } from '../../../core/collectors/gcp/family';
import { mlflowFamily } from '../../../core/collectors/mlflow/family';
import { wandbFamily } from '../../../core/collectors/wandb/family';
import type { SourceFamily } from '../../../core/families/types';
import { ARM_TOKEN, GRAPH_TOKEN, startArmStub, type ArmStub } from '../../fixtures/azure/arm-stub';
import { fakeCredential, stubConfig } from '../../fixtures/azure/harness';
import { writeFakeKey, type FakeKey } from '../../fixtures/gcp/fake-key';
import { defaultState, startGcpStub, type GcpStub } from '../../fixtures/gcp/stub-server';
import { api } from '../../fixtures/mlflow/rest';
import { seedMlflow } from '../../fixtures/mlflow/seed';
import { ensureServices, startMlflow, type RunningMlflow } from '../../fixtures/mlflow/server';
import { startWandbStub, type WandbStub } from '../../fixtures/wandb/stub';
import { defaultWorld } from '../../fixtures/wandb/world';
import { CANARY, basicAuthUrl } from '../../helpers/canaries';
import { tempDir } from '../../helpers/temp-store';
import { iamClient, s3Client, seedAccount, useAwsTestEnv } from '../../integration/aws-helpers';
import { startMoto, type MotoServer } from '../../setup/moto-server';
import type { Canary } from './scan';

/**
 * Every source family with canary secrets planted twice: in its credentials (MLflow password and bearer token,
 * AWS secret key and session token, W&B API key, GCP service-account key, Azure client secret and the tokens it
 * yields) and in what its server answers (MLflow run params and tags and model tags, IAM user tags, an S3 bucket
 * policy, a W&B registry description). MLflow and moto are the real servers; W&B, GCP and Azure the suite's stubs.
 */
export interface CanaryWorld {
  mlflow: RunningMlflow;
  moto: MotoServer;
  wandb: WandbStub;
  /** A second W&B stub that echoes the Authorization header inside its GraphQL errors (a forced error). */
  wandbEcho: WandbStub;
  gcp: GcpStub;
  gcpKey: FakeKey;
  azure: ArmStub;
  /** The environment a core reads source secrets from (AWS reads process.env, set here too). */
  env: Record<string, string>;
  /** Credential canaries and response canaries, all to be searched for. */
  canaries: Canary[];
  /** Families for an in-process core: Azure with a credential that hands out the stub's tokens. */
  families: SourceFamily[];
  /** Source configs by name (MLflow twice: basic auth and bearer). */
  sources: { name: string; type: string; config: Record<string, unknown> }[];
  stop(): Promise<void>;
}

const hex = (n: number) => randomBytes(n).toString('hex');

async function plantMlflow(server: RunningMlflow, runId: string): Promise<void> {
  await api(server, 'POST', '2.0/mlflow/runs/log-batch', {
    run_id: runId,
    params: [
      { key: 'db_url', value: basicAuthUrl('db.internal:5432') },
      { key: 'db_password', value: CANARY.lowEntropyPassword.value },
    ],
    tags: [
      { key: 'note', value: `deploy with ${CANARY.githubToken.value}` },
      { key: 'ci_jwt', value: CANARY.jwt.value },
      { key: 'aws_key', value: `${CANARY.awsAccessKeyId.value} ${CANARY.awsSecretKey.value}` },
      { key: 'signing_key', value: CANARY.pemPrivateKey.value },
    ],
  });
  await api(server, 'POST', '2.0/mlflow/registered-models/set-tag', { name: 'fraud', key: 'alerts', value: `slack ${CANARY.slackToken.value}` });
}

async function plantAws(endpoint: string): Promise<void> {
  await iamClient(endpoint).send(new TagUserCommand({ UserName: 'alice', Tags: [{ Key: 'ci-token', Value: CANARY.githubToken.value }] }));
  const s3 = s3Client(endpoint);
  await s3.send(new CreateBucketCommand({ Bucket: 'canary-bucket' }));
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Referer',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::canary-bucket/*',
        Condition: { StringEquals: { 'aws:Referer': CANARY.slackToken.value, 'aws:UserAgent': CANARY.jwt.value } },
      },
    ],
  };
  await s3.send(new PutBucketPolicyCommand({ Bucket: 'canary-bucket', Policy: JSON.stringify(policy) }));
}

export async function startCanaryWorld(): Promise<CanaryWorld> {
  ensureServices();
  useAwsTestEnv();
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };
  try {
    const [mlflow, moto] = await Promise.all([startMlflow(3, { workers: 1 }), startMoto()]);
    stops.push(
      () => mlflow.stop(),
      () => moto.stop(),
    );
    const seed = await seedMlflow(mlflow);
    await plantMlflow(mlflow, seed.trainingRunId);
    await seedAccount(moto.endpoint);
    await plantAws(moto.endpoint);

    const wandbKey = hex(20); // a W&B API key is 40 hex characters
    const world = defaultWorld();
    // A description the collector's field allow-list drops, and run metadata it keeps (layer 1, then layers 2-3).
    world.registries[0]!.description = `pull with ${CANARY.githubToken.value}`;
    const produced = world.registries.flatMap((r) => r.collections.flatMap((c) => c.versions)).find((v) => v.run)!;
    produced.run = { ...produced.run!, commit: `${CANARY.githubToken.value}` };
    const wandb = await startWandbStub({ world, apiKey: wandbKey, scimAdmin: true });
    stops.push(() => wandb.close());
    const wandbEcho = await startWandbStub({
      world: defaultWorld(),
      apiKey: wandbKey,
      faults: { GetViewer: 'echo-key', FetchRegistries: 'echo-key' },
    });
    stops.push(() => wandbEcho.close());
    const gcp = await startGcpStub(defaultState());
    stops.push(() => gcp.close());
    const keyDir = tempDir('el-canary-gcp-');
    stops.push(() => keyDir.cleanup());
    const gcpKey = writeFakeKey(keyDir.dir, gcp);
    const azure = await startArmStub();
    stops.push(() => azure.close());
    const dispatcher = new Agent({ connect: { ca: azure.cert.cert, timeout: 5000 } });
    stops.push(() => dispatcher.close());
    const azureSecret = `Cn4ry~az.${hex(16)}`;

    // AWS takes credentials only from the SDK's default chain: the process environment, as in production.
    const awsSecret = `Cn4ryAwsSecret/${hex(12)}+Q`;
    const awsSession = `FwoGZXIvYXdzECn4ry${hex(24)}`;
    Object.assign(process.env, { AWS_SECRET_ACCESS_KEY: awsSecret, AWS_SESSION_TOKEN: awsSession });
    const env = {
      MLFLOW_PASSWORD: mlflow.admin.password,
      MLFLOW_TOKEN: mlflow.bearerToken!,
      WANDB_API_KEY: wandbKey,
      AZURE_CLIENT_SECRET: azureSecret,
    };
    Object.assign(process.env, { AZURE_CLIENT_SECRET: azureSecret });
    const canaries: Canary[] = [
      { name: 'mlflow password', value: mlflow.admin.password },
      { name: 'mlflow bearer token', value: mlflow.bearerToken! },
      { name: 'aws secret key', value: awsSecret },
      { name: 'aws session token', value: awsSession },
      { name: 'wandb api key', value: wandbKey },
      { name: 'gcp key id', value: gcpKey.secrets[0]! },
      ...gcpKey.secrets.slice(1).map((value, i) => ({ name: `gcp key secret ${i + 1}`, value })),
      { name: 'azure client secret', value: azureSecret },
      { name: 'azure arm token', value: ARM_TOKEN.split('.')[1]! },
      { name: 'azure graph token', value: GRAPH_TOKEN.split('.')[1]! },
      ...Object.entries(CANARY).map(([name, c]) => ({ name: `response ${name}`, value: c.value })),
    ];
    const families = [
      mlflowFamily,
      awsFamily,
      gcpFamily,
      wandbFamily,
      createAzureFamily({ credential: () => fakeCredential(), http: { dispatcher } }),
    ];
    const mlflowBase = { url: mlflow.url, pageSize: 50 };
    const sources = [
      { name: 'mlflow-basic', type: 'mlflow', config: { ...mlflowBase, username: mlflow.admin.username, passwordEnv: 'MLFLOW_PASSWORD' } },
      { name: 'mlflow-bearer', type: 'mlflow', config: { ...mlflowBase, tokenEnv: 'MLFLOW_TOKEN' } },
      { name: 'aws', type: 'aws', config: { endpoint: moto.endpoint, regions: ['us-east-1'] } },
      {
        name: 'wandb',
        type: 'wandb',
        config: { host: wandb.url, apiKeyEnv: 'WANDB_API_KEY', teams: ['acme-ml', 'acme-research'], organization: 'acme', teamTtlDefault: '30 days' },
      },
      {
        name: 'gcp',
        type: 'gcp',
        config: {
          project: 'acme-ml-prod',
          keyFile: gcpKey.path,
          tokenEndpoint: `${gcp.url}/token`,
          resourceManagerEndpoint: gcp.url,
          storageEndpoint: gcp.url,
          vertexEndpoint: gcp.url,
        },
      },
      { name: 'azure', type: 'azure', config: stubConfig(azure) },
    ];
    return { mlflow, moto, wandb, wandbEcho, gcp, gcpKey, azure, env, canaries, families, sources, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
