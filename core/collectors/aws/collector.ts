import { AppError } from '../../util/errors';
import type { Collector, CollectorContext, KindOutcome } from '../../collector-runtime/types';
import type { Scope } from '../../evidence/ipe';
import { CallLog } from './call-log';
import { awsClients } from './clients';
import { AWS_KINDS, GLOBAL_KINDS, awsConfigSchema, type AwsConfig, type AwsKind } from './config';
import { describeAwsError, isAuthFailure, toAppError } from './errors';
import { callerIdentity } from './identity';
import { awsIpe, cliCommand } from './ipe';
import { collectCloudTrail } from './kinds/cloudtrail';
import { collectCredentialReport } from './kinds/credential-report';
import { collectIam } from './kinds/iam';
import { collectLogsRetention } from './kinds/logs-retention';
import { collectS3Retention } from './kinds/s3-retention';
import { collectSageMakerRegistry } from './kinds/sagemaker-registry';
import type { AccountIdentity, KindCollector } from './kinds/types';

const KIND_COLLECTORS: Record<AwsKind, KindCollector> = {
  'aws.iam': collectIam,
  'aws.credential-report': collectCredentialReport,
  'aws.s3.retention': collectS3Retention,
  'aws.logs.retention': collectLogsRetention,
  'aws.cloudtrail': collectCloudTrail,
  'aws.sagemaker.registry': collectSageMakerRegistry,
};

/** One (kind, region) unit of work; global kinds run once, in the first configured region. */
interface Unit {
  kind: AwsKind;
  region: string;
  regional: boolean;
}
function plan(config: AwsConfig, requested?: string[]): Unit[] {
  const wanted = AWS_KINDS.filter((k) => (!config.kinds || config.kinds.includes(k)) && (!requested || requested.includes(k)));
  return wanted.flatMap((kind): Unit[] =>
    GLOBAL_KINDS.includes(kind)
      ? [{ kind, region: config.regions[0]!, regional: false }]
      : config.regions.map((region) => ({ kind, region, regional: true })),
  );
}

async function runKind(ctx: CollectorContext<AwsConfig>, identity: AccountIdentity, unit: Unit): Promise<KindOutcome> {
  const config = ctx.source.config;
  const scope: Scope = { account: identity.account, partition: identity.partition, ...(unit.regional ? { region: unit.region } : {}) };
  const log = new CallLog();
  const clients = awsClients(config, unit.region, log);
  const startedAt = ctx.now();
  const where = { kind: unit.kind, ...(unit.regional ? { region: unit.region } : {}) };
  try {
    const result = await KIND_COLLECTORS[unit.kind]({
      config,
      region: unit.region,
      clients,
      identity,
      signal: ctx.signal,
      progress: (_pages, items) => ctx.progress({ ...where, pages: log.pages, items }),
      saveCursor: (cursor) => ctx.saveCursor(unit.regional ? `${unit.kind}@${unit.region}` : unit.kind, cursor),
      now: ctx.now,
      page: () => (log.pages += 1),
    });
    const completeness = result.errors.length ? 'partial' : 'complete';
    const error = result.errors.length ? result.errors.join('; ') : null;
    ctx.record([
      {
        kind: unit.kind,
        scope,
        content: result.content,
        ipe: awsIpe({
          kind: unit.kind,
          source: { type: 'aws', name: ctx.source.name },
          log,
          parameters: { ...result.parameters, region: unit.region },
          recordsRetrieved: result.recordsRetrieved,
          apiTotal: result.apiTotal,
          command: cliCommand(result.commands, config, unit.region),
          completeness,
          error,
          provenance: 'api_snapshot',
          actor: ctx.actor,
          toolVersion: ctx.toolVersion,
          startedAt,
          finishedAt: ctx.now(),
          notes: result.notes,
        }),
      },
    ]);
    ctx.progress({ ...where, pages: log.pages, items: result.recordsRetrieved, errors: result.errors.length, message: completeness });
    return { kind: unit.kind, scope, completeness, items: 1, ...(error ? { error } : {}) };
  } catch (err) {
    // Our own errors (a malformed policy document, the store refusing a write) are not blamed on an AWS call.
    const error = err instanceof AppError ? `${unit.kind}: ${err.message}` : describeAwsError(log.lastOperation ?? unit.kind, err);
    ctx.progress({ ...where, errors: 1, message: `failed: ${error}` });
    return Object.assign(
      { kind: unit.kind, scope, completeness: 'failed' as const, items: 0, error },
      isAuthFailure(err) ? { authFailure: true } : {},
    );
  } finally {
    clients.destroy();
  }
}

export const awsCollector: Collector<AwsConfig> = {
  type: 'aws',
  description: 'AWS: IAM authorization details and credential report, S3 and CloudWatch Logs retention, CloudTrail, SageMaker model registry.',
  configSchema: awsConfigSchema,
  secretFields: [],
  kinds: AWS_KINDS,
  cliFlags: {
    profile: { configKey: 'profile', description: 'AWS profile from ~/.aws/config (SSO works); default: the SDK default credential chain' },
    regions: { configKey: 'regions', description: 'regions for regional kinds, comma-separated (default us-east-1)', list: true },
    endpoint: { configKey: 'endpoint', description: 'custom endpoint URL for every service (moto_server, VPC endpoints)' },
    'timeout-ms': { configKey: 'timeoutMs', description: 'per-request timeout in milliseconds (default 30000)' },
  },
  async test(ctx) {
    const log = new CallLog();
    const clients = awsClients(ctx.source.config, ctx.source.config.regions[0]!, log);
    try {
      const id = await callerIdentity(clients);
      return { ok: true, identity: id.arn, serverVersion: null, detail: `account ${id.account} (partition ${id.partition}) as ${id.arn}` };
    } catch (err) {
      throw toAppError('GetCallerIdentity', err);
    } finally {
      clients.destroy();
    }
  },
  async collect(ctx, options) {
    const config = ctx.source.config;
    if (config.importOnly) {
      ctx.progress({ message: 'import-only source: nothing to collect live (use `import aws-*`)' });
      return [];
    }
    const units = plan(config, options.kinds);
    if (units.length === 0) return [];
    const log = new CallLog();
    const clients = awsClients(config, units[0]!.region, log);
    let identity: AccountIdentity;
    try {
      identity = await callerIdentity(clients);
    } catch (err) {
      // Nothing else can work without an identity: every kind fails with the same message, no more calls made.
      const error = describeAwsError('GetCallerIdentity', err);
      return units.map((u) => ({
        kind: u.kind,
        ...(u.regional ? { scope: { region: u.region } } : {}),
        completeness: 'failed' as const,
        items: 0,
        error,
      }));
    } finally {
      clients.destroy();
    }
    const outcomes: KindOutcome[] = [];
    let authError: string | null = null;
    for (const unit of units) {
      if (authError) {
        outcomes.push({ kind: unit.kind, completeness: 'failed', items: 0, error: `skipped after a credential failure: ${authError}` });
        continue;
      }
      const outcome = await runKind(ctx, identity, unit);
      if ('authFailure' in outcome) {
        authError = outcome.error ?? 'credential failure';
        delete (outcome as { authFailure?: boolean }).authFailure;
      }
      outcomes.push(outcome);
    }
    return outcomes;
  },
};
