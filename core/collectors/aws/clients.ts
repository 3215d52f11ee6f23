import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsConfig } from './config';
import { CallLog, header } from './call-log';
import { BoundedHttpHandler, awsHttpLimits } from './http-handler';

type AnyClient = IAMClient | S3Client | STSClient | CloudTrailClient | CloudWatchLogsClient | SageMakerClient;

interface HttpBits {
  hostname?: string;
  protocol?: string;
  port?: number;
  headers?: Record<string, string>;
  statusCode?: number;
}

type Handler = (args: { request: unknown }) => Promise<{ response: unknown }>;
/** The slice of the Smithy middleware stack we use (the clients' own types do not unify across services). */
interface Stack {
  add(mw: (next: Handler, context: { commandName?: string }) => Handler, options: { step: 'deserialize'; name: string; override: boolean }): void;
}

/** Records every attempt (the SDK's retry step sits above deserialize, so each retry passes here). */
function attachCallLog(client: AnyClient, service: string, log: CallLog): void {
  (client.middlewareStack as unknown as Stack).add(
    (next, context) => async (args) => {
      const req = args.request as HttpBits;
      const endpoint = `${req.protocol ?? 'https:'}//${req.hostname ?? ''}${req.port ? `:${req.port}` : ''}`;
      const op = `${service}:${String(context.commandName ?? '').replace(/Command$/, '')}`;
      try {
        const out = await next(args);
        const res = out.response as HttpBits;
        log.noteAttempt(
          op,
          endpoint,
          header(res.headers, 'x-amzn-requestid') ?? header(res.headers, 'x-amz-request-id'),
          header(res.headers, 'date'),
        );
        return out;
      } catch (err) {
        const e = err as { $metadata?: { requestId?: string }; $response?: HttpBits };
        log.noteAttempt(
          op,
          endpoint,
          e.$metadata?.requestId ?? header(e.$response?.headers, 'x-amzn-requestid'),
          header(e.$response?.headers, 'date'),
        );
        throw err;
      }
    },
    { step: 'deserialize', name: 'evidenceLockerCallLog', override: true },
  );
}

/**
 * Client options shared by every service: the SDK's own standard retry (3 attempts), timeouts, a deadline and a
 * body cap on its request handler, and no stored credentials.
 */
export function clientOptions(config: AwsConfig, region: string) {
  return {
    region,
    maxAttempts: 3,
    retryMode: 'standard',
    requestHandler: new BoundedHttpHandler(awsHttpLimits(config)),
    ...(config.profile ? { profile: config.profile } : {}),
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
  } as const;
}

export interface AwsClients {
  iam: IAMClient;
  s3: S3Client;
  sts: STSClient;
  cloudtrail: CloudTrailClient;
  logs: CloudWatchLogsClient;
  sagemaker: SageMakerClient;
  destroy(): void;
}

/** Clients for one region, created lazily, all reporting into `log`. */
export function awsClients(config: AwsConfig, region: string, log: CallLog): AwsClients {
  const base = clientOptions(config, region);
  const cache = new Map<string, AnyClient>();
  const make = <T extends AnyClient>(service: string, create: () => T): T => {
    let c = cache.get(service) as T | undefined;
    if (!c) {
      c = create();
      attachCallLog(c, service, log);
      cache.set(service, c);
    }
    return c;
  };
  return {
    get iam() {
      return make('iam', () => new IAMClient(base));
    },
    get s3() {
      // Path-style only for custom endpoints (moto); real S3 follows region redirects for buckets elsewhere.
      return make('s3', () => new S3Client({ ...base, forcePathStyle: Boolean(config.endpoint), followRegionRedirects: true }));
    },
    get sts() {
      return make('sts', () => new STSClient(base));
    },
    get cloudtrail() {
      return make('cloudtrail', () => new CloudTrailClient(base));
    },
    get logs() {
      return make('logs', () => new CloudWatchLogsClient(base));
    },
    get sagemaker() {
      return make('sagemaker', () => new SageMakerClient(base));
    },
    destroy() {
      for (const c of cache.values()) c.destroy();
      cache.clear();
    },
  };
}
