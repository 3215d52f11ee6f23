/**
 * Turns a collector's config schema (JSON Schema generated from its zod schema, via `source.types`) into form
 * fields. What JSON Schema cannot say (cross-field rules) is checked by the core, whose message is shown as is.
 */
export type FieldType = 'text' | 'url' | 'number' | 'list' | 'choices' | 'boolean';

export interface FieldSpec {
  key: string;
  label: string;
  help?: string;
  type: FieldType;
  options?: string[];
  required: boolean;
  advanced: boolean;
  secret: boolean;
  placeholder?: string;
  defaultValue?: unknown;
}

interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  description?: string;
  anyOf?: JsonSchema[];
}

const LABELS: Record<string, string> = {
  url: 'Server URL',
  username: 'Username',
  passwordEnv: 'Password',
  tokenEnv: 'Bearer token',
  gcSchedule: 'Garbage-collection schedule',
  pageSize: 'Page size',
  timeoutMs: 'Request timeout (ms)',
  maxResponseBytes: 'Largest response (bytes)',
  profile: 'AWS profile',
  regions: 'Regions',
  endpoint: 'Custom endpoint',
  kinds: 'Evidence to collect',
  apiKeyEnv: 'API key',
  host: 'Server URL',
  teams: 'Teams',
  organization: 'Organization',
  teamTtlDefault: 'Default artifact TTL (attested)',
  auditLogs: 'Collect audit logs',
  auditLogDays: 'Audit-log window (days)',
  auditAnonymize: 'Anonymize audit-log users',
  project: 'Project ID',
  keyFile: 'Service-account key file',
  subscriptionId: 'Subscription ID',
  tenantId: 'Tenant ID',
  graphEndpoint: 'Microsoft Graph endpoint',
  resolvePrincipals: 'Resolve user and group names (Microsoft Graph)',
  workspaces: 'ML workspaces (resource-group/name)',
  registries: 'ML registries (resource-group/name)',
};
const PLACEHOLDERS: Record<string, string> = {
  url: 'https://mlflow.example.com',
  profile: 'default',
  regions: 'us-east-1, eu-west-1',
  gcSchedule: 'weekly, --older-than 30d',
};
/** Tuning knobs most people never touch. */
const ADVANCED = new Set([
  'pageSize',
  'timeoutMs',
  'maxResponseBytes',
  'endpoint',
  'kinds',
  'graphEndpoint',
  'resourceManagerEndpoint',
  'storageEndpoint',
  'vertexEndpoint',
  'tokenEndpoint',
  'auditAnonymize',
  'resolvePrincipals',
]);
/** Set by the app itself, never by hand. */
const HIDDEN = new Set(['importOnly']);

export function humanize(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function typeOf(s: JsonSchema): { type: FieldType; options?: string[] } {
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (t === 'array') return s.items?.enum ? { type: 'choices', options: s.items.enum.map(String) } : { type: 'list' };
  if (t === 'number' || t === 'integer') return { type: 'number' };
  if (t === 'boolean') return { type: 'boolean' };
  if (s.format === 'uri' || s.format === 'url') return { type: 'url' };
  return { type: 'text' };
}

export function fieldsFromSchema(
  schema: Record<string, unknown>,
  secretFields: readonly string[],
  flags: Record<string, { configKey: string; description: string }>,
): FieldSpec[] {
  const root = schema as JsonSchema;
  const required = new Set(root.required ?? []);
  const helpByKey = new Map(Object.values(flags).map((f) => [f.configKey, f.description]));
  return Object.entries(root.properties ?? {})
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, prop]) => {
      const secret = secretFields.includes(key);
      const { type, options } = typeOf(prop);
      return {
        key,
        label: LABELS[key] ?? humanize(key),
        help: secret ? undefined : (helpByKey.get(key) ?? prop.description),
        type: secret ? 'text' : type,
        options,
        required: required.has(key) && prop.default === undefined,
        advanced: ADVANCED.has(key),
        secret,
        placeholder: PLACEHOLDERS[key],
        defaultValue: prop.default,
      };
    });
}

export type FormValue = string | string[] | boolean;
export type SecretMode = 'none' | 'stored' | 'env';
export interface SecretInput {
  mode: SecretMode;
  value: string;
}

export function initialValues(fields: FieldSpec[], config?: Record<string, unknown>): Record<string, FormValue> {
  const out: Record<string, FormValue> = {};
  for (const f of fields) {
    if (f.secret) continue;
    const v = config?.[f.key] ?? (config ? undefined : f.defaultValue);
    if (f.type === 'choices') out[f.key] = Array.isArray(v) ? v.map(String) : [];
    else if (f.type === 'list') out[f.key] = Array.isArray(v) ? v.join(', ') : '';
    else if (f.type === 'boolean') out[f.key] = v === true;
    else out[f.key] = v === undefined || v === null ? '' : String(v);
  }
  return out;
}

/** The config object the core validates; empty fields are left out so schema defaults apply. */
export function toConfig(
  fields: FieldSpec[],
  values: Record<string, FormValue>,
  secrets: Record<string, SecretInput>,
): { config: Record<string, unknown>; secrets: Record<string, string> } {
  const config: Record<string, unknown> = {};
  const secretValues: Record<string, string> = {};
  for (const f of fields) {
    if (f.secret) {
      const s = secrets[f.key];
      if (!s || s.mode === 'none') continue;
      if (s.mode === 'env') config[f.key] = s.value.trim();
      else if (s.value !== '') secretValues[f.key] = s.value;
      else config[f.key] = STORED; // keep the secret already stored (editing without retyping it)
      continue;
    }
    const v = values[f.key];
    if (f.type === 'choices') {
      if (Array.isArray(v) && v.length) config[f.key] = v;
    } else if (f.type === 'list') {
      const list = String(v ?? '')
        .split(/[,\s]+/)
        .map((x) => x.trim())
        .filter(Boolean);
      if (list.length) config[f.key] = list;
    } else if (f.type === 'boolean') {
      // Always explicit: a switch turned off must not fall back to a default of true.
      config[f.key] = v === true;
    } else if (f.type === 'number') {
      if (String(v ?? '').trim() !== '') config[f.key] = Number(v);
    } else if (String(v ?? '').trim() !== '') config[f.key] = String(v).trim();
  }
  return { config, secrets: secretValues };
}

/** The value a secret field holds in a config when the app keeps the secret itself (see core/collector-runtime/secrets). */
export const STORED = '@stored';

export function secretModeOf(value: unknown): SecretMode {
  if (value === STORED) return 'stored';
  return typeof value === 'string' && value ? 'env' : 'none';
}

export const typeLabel = (type: string) =>
  ({ mlflow: 'MLflow', aws: 'AWS', wandb: 'Weights & Biases', gcp: 'Google Cloud', azure: 'Azure' })[type] ?? type;
