import { z } from 'zod';
import type { CliFlag } from '../../collector-runtime/types';

const parsedUrl = (u: string): URL | null => (URL.canParse(u) ? new URL(u) : null);
const httpUrl = z
  .string()
  .refine((u) => parsedUrl(u) !== null, 'must be a URL such as https://mlflow.example.com')
  .refine((u) => /^https?:$/.test(parsedUrl(u)?.protocol ?? 'http:'), 'must use http or https')
  // Credentials inside a URL would end up in the store, the log and IPE commands.
  .refine((u) => !parsedUrl(u)?.username && !parsedUrl(u)?.password, 'must not contain credentials; use --username and --password-env');

export const mlflowConfigSchema = z
  .object({
    url: httpUrl,
    username: z.string().min(1).optional(),
    passwordEnv: z.string().min(1).optional(),
    tokenEnv: z.string().min(1).optional(),
    /** The team's `mlflow gc` schedule as they state it; gc is an admin CLI, so this is an attestation. */
    gcSchedule: z.string().min(1).optional(),
    pageSize: z.coerce.number().int().min(1).max(1000).optional(),
    timeoutMs: z.coerce.number().int().min(50).max(600_000).optional(),
    maxResponseBytes: z.coerce.number().int().min(1024).optional(),
    /** Set by `import` on the sources it creates: they hold admin exports only, with no server to reach. */
    importOnly: z.literal(true).optional(),
  })
  .strict()
  .refine((c) => !(c.tokenEnv && c.passwordEnv), 'use either passwordEnv (basic auth) or tokenEnv (bearer), not both')
  .refine((c) => !c.passwordEnv || c.username, 'passwordEnv needs a username');

export type MlflowConfig = z.infer<typeof mlflowConfigSchema>;

export const MLFLOW_SECRET_FIELDS = ['passwordEnv', 'tokenEnv'] as const;

export const mlflowCliFlags: Record<string, CliFlag> = {
  url: { configKey: 'url', description: 'tracking server URL, e.g. https://mlflow.example.com' },
  username: { configKey: 'username', description: 'basic-auth user (an admin sees every user and permission)' },
  'password-env': { configKey: 'passwordEnv', description: 'name of the environment variable holding the password' },
  'token-env': { configKey: 'tokenEnv', description: 'name of the environment variable holding a bearer token (Databricks)' },
  'gc-schedule': { configKey: 'gcSchedule', description: 'attested `mlflow gc` schedule, e.g. "weekly, --older-than 30d"' },
  'page-size': { configKey: 'pageSize', description: 'max_results per page (default 100)' },
  'timeout-ms': { configKey: 'timeoutMs', description: 'per-request timeout in milliseconds (default 30000)' },
};
