import { z } from 'zod';

export const AZURE_KINDS = ['azure.rbac', 'azure.storage.retention', 'azure.ml.registry'] as const;
export type AzureKind = (typeof AZURE_KINDS)[number];

/**
 * Pinned api-versions (docs/azure.md). A new version is a deliberate change: shapes are checked against the REST
 * specs (Azure/azure-rest-api-specs) and the official SDKs before the pin moves.
 */
export const API_VERSIONS = {
  /** authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01 (what @azure/arm-authorization 9.0.0 sends). */
  authorization: '2022-04-01',
  /** storage/resource-manager/Microsoft.Storage/stable/2025-08-01 (what @azure/arm-storage 20.0.0 sends). */
  storage: '2025-08-01',
  /** machinelearningservices/…/stable/2025-09-01 (GA; @azure/arm-machinelearning is stuck on 2022-10-01, so raw REST). */
  machineLearning: '2025-09-01',
  /** resources/…/subscriptions/stable/2022-12-01: Subscriptions_Get for `source test`. */
  subscriptions: '2022-12-01',
} as const;

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** `resourceGroup/name`: workspaces and registries live in resource groups. */
const RG_AND_NAME = /^[-\w.()]{1,90}\/[A-Za-z0-9][-\w]{1,63}$/;
/** The bearer token goes only to an https endpoint (the Azure SDKs refuse plain http for the same reason). */
const httpsUrl = z.url().refine((u) => u.startsWith('https://'), 'an https:// URL (the bearer token is never sent in clear text)');

/**
 * No credential field on purpose: tokens come from DefaultAzureCredential (environment, workload or managed
 * identity, `az login`) at collection time and are never stored; the config names the subscription only.
 */
export const azureConfigSchema = z
  .object({
    subscriptionId: z.string().regex(GUID, 'a subscription id (GUID)'),
    /** Passed to DefaultAzureCredential when the login spans several tenants. */
    tenantId: z.string().regex(GUID, 'a tenant id (GUID)').optional(),
    /** Azure Resource Manager; other clouds (or a local stub in tests) by URL. The token scope is `<origin>/.default`. */
    endpoint: httpsUrl.default('https://management.azure.com'),
    /** Microsoft Graph, only to find principals that no longer exist (orphaned role assignments). */
    graphEndpoint: httpsUrl.default('https://graph.microsoft.com'),
    /** Look principals up in Graph (needs Directory.Read.All or similar); off: only principalType "Unknown" flags orphans. */
    resolvePrincipals: z.boolean().default(true),
    /** Azure ML workspaces and registries as `resourceGroup/name`; default: every one in the subscription. */
    workspaces: z.array(z.string().regex(RG_AND_NAME, 'resourceGroup/workspaceName')).optional(),
    registries: z.array(z.string().regex(RG_AND_NAME, 'resourceGroup/registryName')).optional(),
    kinds: z.array(z.enum(AZURE_KINDS)).optional(),
    timeoutMs: z.number().int().min(1000).max(600_000).optional(),
    /** Created by an offline import: there is nothing to collect live. */
    importOnly: z.boolean().optional(),
  })
  .strict();
export type AzureConfig = z.output<typeof azureConfigSchema>;
