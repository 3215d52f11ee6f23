import { z } from 'zod';
import type { CliFlag } from '../../collector-runtime/types';

export const GCP_KINDS = ['gcp.iam', 'gcp.storage.retention', 'gcp.vertex.registry'] as const;
export type GcpKind = (typeof GCP_KINDS)[number];

/** Pinned REST versions (docs/gcp.md): the JSON shapes we parse are those of these versions. */
export const GCP_API_VERSIONS: Record<GcpKind, string> = {
  'gcp.iam': 'cloudresourcemanager v3 (Policy version 3)',
  'gcp.storage.retention': 'storage v1 (JSON API)',
  'gcp.vertex.registry': 'aiplatform v1',
};

// Project ids: 6-30 characters, lowercase letters, digits, hyphens (resource-manager naming rules).
// The legacy "domain:project" form and a project number are accepted too (every API here takes either).
const PROJECT = /^(([a-z][a-z0-9.-]{0,62}:)?[a-z][a-z0-9-]{4,28}[a-z0-9]|\d{6,20})$/;
const REGION = /^[a-z]+(-[a-z]+)*\d{1,2}$/;
const parsedUrl = (u: string): URL | null => (URL.canParse(u) ? new URL(u) : null);
// An endpoint override may carry `{region}` (Vertex regional hosts); credentials in a URL would be stored.
const endpoint = z
  .string()
  .refine((u) => /^https?:$/.test(parsedUrl(u.replace('{region}', 'r'))?.protocol ?? ''), 'an http(s) URL')
  .refine((u) => !parsedUrl(u.replace('{region}', 'r'))?.username, 'must not contain credentials');

/**
 * No secret in here, on purpose: credentials come from google-auth-library — the key FILE named by `keyFile`
 * (a service-account key or an external-account/workload-identity configuration), else application default
 * credentials (GOOGLE_APPLICATION_CREDENTIALS, `gcloud auth application-default login`, the metadata server).
 * The file's path is stored; its contents are read at collection time and never copied.
 */
export const gcpConfigSchema = z
  .object({
    project: z.string().regex(PROJECT, 'a project id such as my-project-123 (or a project number)'),
    keyFile: z.string().min(1).optional(),
    regions: z.array(z.string().regex(REGION, 'a region such as us-central1')).min(1).default(['us-central1']),
    kinds: z.array(z.enum(GCP_KINDS)).optional(),
    /** Endpoint overrides (Private Service Connect, or a local server in tests); defaults are Google's. */
    resourceManagerEndpoint: endpoint.optional(),
    storageEndpoint: endpoint.optional(),
    vertexEndpoint: endpoint.optional(),
    tokenEndpoint: endpoint.optional(),
    pageSize: z.coerce.number().int().min(1).max(1000).optional(),
    timeoutMs: z.coerce.number().int().min(50).max(600_000).optional(),
    /** Created by `import gcp`: admin exports only, nothing to collect live. */
    importOnly: z.literal(true).optional(),
  })
  .strict();
export type GcpConfig = z.output<typeof gcpConfigSchema>;

export const gcpCliFlags: Record<string, CliFlag> = {
  project: { configKey: 'project', description: 'project id, e.g. acme-ml-prod' },
  'key-file': {
    configKey: 'keyFile',
    description: 'path of a service-account key or external-account JSON (default: application default credentials)',
  },
  regions: { configKey: 'regions', description: 'Vertex AI regions, comma-separated (default us-central1)', list: true },
  'resource-manager-endpoint': {
    configKey: 'resourceManagerEndpoint',
    description: 'Cloud Resource Manager root URL (default https://cloudresourcemanager.googleapis.com)',
  },
  'storage-endpoint': {
    configKey: 'storageEndpoint',
    description: 'Cloud Storage root URL (default https://storage.googleapis.com; STORAGE_EMULATOR_HOST also works)',
  },
  'vertex-endpoint': {
    configKey: 'vertexEndpoint',
    description: 'Vertex AI root URL; {region} is replaced (default https://{region}-aiplatform.googleapis.com)',
  },
  'token-endpoint': {
    configKey: 'tokenEndpoint',
    description: 'OAuth token URL for service-account keys (default https://oauth2.googleapis.com/token)',
  },
  'page-size': { configKey: 'pageSize', description: 'page size for listings (default 100)' },
  'timeout-ms': { configKey: 'timeoutMs', description: 'per-request timeout in milliseconds (default 30000)' },
};
