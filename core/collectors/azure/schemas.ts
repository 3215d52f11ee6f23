import { z } from 'zod';

/**
 * What we read from each ARM answer, checked before anything is stored. Loose objects: Azure adds fields to
 * every api-version and those must not fail a collection; the fields we rely on are typed.
 */
const str = z.string().nullish();
const strs = z.array(z.string()).nullish();

/** authorization 2022-04-01 RoleAssignment: `{id, name, type, properties{roleDefinitionId, principalId, …}}`. */
export const roleAssignment = z.looseObject({
  id: z.string(),
  name: z.string(),
  properties: z.looseObject({
    roleDefinitionId: z.string(),
    principalId: z.string(),
    principalType: str,
    scope: z.string(),
    condition: str,
    conditionVersion: str,
    description: str,
    createdOn: str,
    updatedOn: str,
    createdBy: str,
    updatedBy: str,
    delegatedManagedIdentityResourceId: str,
  }),
});
export type RawRoleAssignment = z.infer<typeof roleAssignment>;

export const permission = z.looseObject({ actions: strs, notActions: strs, dataActions: strs, notDataActions: strs });

/** authorization 2022-04-01 RoleDefinition: `properties{roleName, type, description, assignableScopes, permissions}`. */
export const roleDefinition = z.looseObject({
  id: z.string(),
  name: z.string(),
  properties: z.looseObject({ roleName: str, type: str, description: str, assignableScopes: strs, permissions: z.array(permission).nullish() }),
});
export type RawRoleDefinition = z.infer<typeof roleDefinition>;

/** Graph v1.0 directoryObjects/getByIds: the objects that still exist (missing ids are not returned). */
export const graphObjects = z.object({
  value: z.array(z.looseObject({ id: z.string(), '@odata.type': str, displayName: str, userPrincipalName: str, appId: str })),
});

/** storage 2025-08-01 StorageAccount (list by subscription). */
export const storageAccount = z.looseObject({
  id: z.string(),
  name: z.string(),
  kind: str,
  location: str,
  properties: z.looseObject({ allowBlobPublicAccess: z.boolean().nullish(), isHnsEnabled: z.boolean().nullish() }).nullish(),
});
export type RawStorageAccount = z.infer<typeof storageAccount>;

/** ManagementPolicy: `properties{lastModifiedTime, policy{rules[]}}`. Rules are kept as Azure sends them. */
export const managementPolicy = z.looseObject({
  properties: z.looseObject({ lastModifiedTime: str, policy: z.looseObject({ rules: z.array(z.looseObject({ name: z.string() })).nullish() }) }),
});

/** BlobServiceProperties: `properties{deleteRetentionPolicy, containerDeleteRetentionPolicy, isVersioningEnabled, …}`. */
export const blobService = z.looseObject({ properties: z.looseObject({}).nullish() });

/** ListContainerItem: `properties{publicAccess, hasImmutabilityPolicy, hasLegalHold, …}`. */
export const container = z.looseObject({
  name: z.string(),
  properties: z.looseObject({
    publicAccess: str,
    hasImmutabilityPolicy: z.boolean().nullish(),
    hasLegalHold: z.boolean().nullish(),
    immutableStorageWithVersioning: z.looseObject({}).nullish(),
    legalHold: z.looseObject({}).nullish(),
  }),
});
export type RawContainer = z.infer<typeof container>;

/** ImmutabilityPolicy: `etag` and `properties{immutabilityPeriodSinceCreationInDays, state, allowProtectedAppendWrites(All)}`. */
export const immutabilityPolicy = z.looseObject({
  etag: str,
  properties: z.looseObject({
    immutabilityPeriodSinceCreationInDays: z.number().nullish(),
    state: str,
    allowProtectedAppendWrites: z.boolean().nullish(),
    allowProtectedAppendWritesAll: z.boolean().nullish(),
  }),
});

/** BlobContainer (GET one container): its legalHold tags, which the list does not carry. */
export const containerDetail = z.looseObject({
  properties: z.looseObject({
    legalHold: z.looseObject({ hasLegalHold: z.boolean().nullish(), tags: z.array(z.looseObject({})).nullish() }).nullish(),
  }),
});

/** machinelearningservices 2025-09-01: workspaces and registries (list by subscription). */
export const mlResource = z.looseObject({ id: z.string(), name: z.string() });

const systemData = z
  .looseObject({ createdBy: str, createdByType: str, createdAt: str, lastModifiedBy: str, lastModifiedByType: str, lastModifiedAt: str })
  .nullish();

/** ModelContainer: `properties{description, tags, isArchived, latestVersion}` plus `systemData`. */
export const modelContainer = z.looseObject({
  name: z.string(),
  properties: z
    .looseObject({
      description: str,
      tags: z.record(z.string(), z.string().nullable()).nullish(),
      isArchived: z.boolean().nullish(),
      latestVersion: str,
    })
    .nullish(),
  systemData,
});
export type RawModelContainer = z.infer<typeof modelContainer>;

/** ModelVersion: `properties{modelType, modelUri, jobName, flavors, stage, isArchived, isAnonymous, …}` plus `systemData`. */
export const modelVersion = z.looseObject({
  name: z.string(),
  properties: z
    .looseObject({
      description: str,
      tags: z.record(z.string(), z.string().nullable()).nullish(),
      properties: z.record(z.string(), z.string().nullable()).nullish(),
      isArchived: z.boolean().nullish(),
      isAnonymous: z.boolean().nullish(),
      stage: str,
      modelType: str,
      modelUri: str,
      jobName: str,
      flavors: z.record(z.string(), z.unknown()).nullish(),
    })
    .nullish(),
  systemData,
});
export type RawModelVersion = z.infer<typeof modelVersion>;

/** Subscriptions_Get: what `source test` shows. */
export const subscription = z.looseObject({ subscriptionId: z.string(), displayName: str, state: str, tenantId: str });
