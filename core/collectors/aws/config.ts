import { z } from 'zod';

export const AWS_KINDS = [
  'aws.iam',
  'aws.credential-report',
  'aws.s3.retention',
  'aws.logs.retention',
  'aws.cloudtrail',
  'aws.sagemaker.registry',
] as const;
export type AwsKind = (typeof AWS_KINDS)[number];

/** Kinds that exist once per account; the others are collected per configured region. */
export const GLOBAL_KINDS: readonly AwsKind[] = ['aws.iam', 'aws.credential-report', 'aws.s3.retention'];

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/**
 * No credential field on purpose: credentials come only from the SDK default provider chain (environment,
 * shared config/credentials via `profile`, SSO, instance roles) and are never stored.
 */
export const awsConfigSchema = z
  .object({
    profile: z
      .string()
      .regex(/^[A-Za-z0-9._@+-]{1,64}$/, 'a profile name from ~/.aws/config')
      .optional(),
    regions: z.array(z.string().regex(REGION, 'a region such as us-east-1')).min(1).default(['us-east-1']),
    /** Custom endpoint (moto_server in tests, VPC interface endpoints); all services use it. */
    endpoint: z.url().optional(),
    kinds: z.array(z.enum(AWS_KINDS)).optional(),
    /** Per request: connect, headers and socket silence (default 30000); one attempt may take 4× this in all. */
    timeoutMs: z.coerce.number().int().min(50).max(600_000).optional(),
    /** Larger responses are cut off and the kind fails (default 64 MiB). */
    maxResponseBytes: z.coerce.number().int().min(1024).optional(),
    /** Created by an offline import: there is nothing to collect live. */
    importOnly: z.boolean().optional(),
  })
  .strict();
export type AwsConfig = z.output<typeof awsConfigSchema>;
