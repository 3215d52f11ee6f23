import { z } from 'zod';
import type { CliFlag } from '../../collector-runtime/types';

export const MULTI_TENANT_HOST = 'https://api.wandb.ai';

const parsedUrl = (u: string): URL | null => (URL.canParse(u) ? new URL(u) : null);
const hostUrl = z
  .string()
  .refine((u) => parsedUrl(u) !== null, 'must be a URL such as https://api.wandb.ai')
  .refine((u) => /^https?:$/.test(parsedUrl(u)?.protocol ?? 'http:'), 'must use http or https')
  // Credentials inside a URL would end up in the store, the log and IPE commands.
  .refine((u) => !parsedUrl(u)?.username && !parsedUrl(u)?.password, 'must not contain credentials; use --api-key-env');

const name = z.string().min(1).max(200);
/** A boolean from the app (true/false) or the CLI ("true"/"false"). */
const flag = z.union([z.boolean(), z.stringbool()]);

export const wandbConfigSchema = z
  .object({
    /** API host: https://api.wandb.ai (multi-tenant), a Dedicated Cloud or a self-managed URL. */
    host: hostUrl.default(MULTI_TENANT_HOST),
    /** Names the environment variable holding the API key (Basic auth `api:<key>`); the key itself is never stored. */
    apiKeyEnv: z.string().min(1).optional(),
    /** Teams (entities) whose members, legacy model registry and TTLs are collected. */
    teams: z.array(name).default([]),
    /** The organization owning the registries; looked up from the first team when absent. */
    organization: name.optional(),
    /**
     * The team default artifact TTL as the admin reads it in the W&B UI (no API serves it): an attestation, e.g.
     * "90 days" or "none". Recorded in wandb.retention labelled attested.
     */
    teamTtlDefault: z.string().min(1).max(200).optional(),
    /** Collect audit logs (Enterprise): multi-tenant keeps 7 days at most, so collect at least weekly. */
    auditLogs: flag.default(true),
    /**
     * Treat the host as multi-tenant cloud (7 days of audit log, /audit_logs) though its name is not api.wandb.ai,
     * e.g. when it is reached through an egress proxy. Default: decided from the host name.
     */
    multiTenant: flag.optional(),
    /** Days of audit log to ask for; multi-tenant serves at most 7. */
    auditLogDays: z.coerce.number().int().min(1).max(365).optional(),
    /** Ask W&B to anonymize audit-log PII (self-managed and Dedicated only; multi-tenant always sends it). */
    auditAnonymize: flag.optional(),
    pageSize: z.coerce.number().int().min(1).max(1000).optional(),
    timeoutMs: z.coerce.number().int().min(50).max(600_000).optional(),
    maxResponseBytes: z.coerce.number().int().min(1024).optional(),
    /** Set by `import` on the sources it creates: they hold admin exports only, with no server to reach. */
    importOnly: z.literal(true).optional(),
  })
  .strict();

export type WandbConfig = z.output<typeof wandbConfigSchema>;

export const WANDB_SECRET_FIELDS = ['apiKeyEnv'] as const;

/** Multi-tenant cloud serves audit logs from its own path and keeps only 7 days of them. */
export function isMultiTenant(host: string, override?: boolean): boolean {
  return override ?? parsedUrl(host)?.hostname === 'api.wandb.ai';
}

export function baseUrl(config: Pick<WandbConfig, 'host'>): string {
  return config.host.replace(/\/+$/, '');
}

export const wandbCliFlags: Record<string, CliFlag> = {
  host: { configKey: 'host', description: 'API host (default https://api.wandb.ai; Dedicated or self-managed URL otherwise)' },
  'api-key-env': { configKey: 'apiKeyEnv', description: 'name of the environment variable holding the API key, e.g. WANDB_API_KEY' },
  teams: { configKey: 'teams', description: 'comma-separated team (entity) names to collect', list: true },
  organization: { configKey: 'organization', description: 'organization owning the registries (default: looked up from the first team)' },
  'team-ttl-default': {
    configKey: 'teamTtlDefault',
    description: 'attested team default artifact TTL as shown in the W&B UI, e.g. "90 days" or "none"',
  },
  'audit-logs': { configKey: 'auditLogs', description: 'collect Enterprise audit logs: true (default) or false' },
  'multi-tenant': { configKey: 'multiTenant', description: 'true when the host is multi-tenant cloud behind another name (a proxy)' },
  'audit-log-days': { configKey: 'auditLogDays', description: 'days of audit log to fetch (multi-tenant: at most 7; default 7)' },
  'page-size': { configKey: 'pageSize', description: 'items per GraphQL page (default 100)' },
  'timeout-ms': { configKey: 'timeoutMs', description: 'per-request timeout in milliseconds (default 30000)' },
};
