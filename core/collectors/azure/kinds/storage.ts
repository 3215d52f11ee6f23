import type { z } from 'zod';
import { HttpError } from '../../../http';
import { toErrorBody } from '../../../util/errors';
import { errorCode, isAuthFailure } from '../errors';
import { API_VERSIONS } from '../config';
import { armIdParts, isoOrNull } from '../canonical/common';
import {
  canonicalStorage,
  storageErrors,
  type BlobService,
  type Container,
  type Lifecycle,
  type Setting,
  type StorageAccount,
} from '../canonical/storage';
import {
  blobService,
  container,
  containerDetail,
  immutabilityPolicy,
  managementPolicy,
  storageAccount,
  type RawContainer,
  type RawStorageAccount,
} from '../schemas';
import { checkAborted, type KindCollector, type KindRun } from './types';

/**
 * One setting read. A credential rejected mid-way fails the kind (it is not a fact about one account); a 404 is
 * "not configured" only where Azure documents it so (a lifecycle policy that was never created).
 */
async function read<S extends z.ZodType, T>(
  run: KindRun,
  call: string,
  url: string,
  schema: S,
  map: (v: z.output<S>) => T,
  notFoundMeansNone = false,
): Promise<Setting<T>> {
  try {
    return { status: 'configured', config: map(await run.client.get(url, schema, run.trace)) };
  } catch (err) {
    if (isAuthFailure(err)) throw err;
    if (notFoundMeansNone && err instanceof HttpError && err.status === 404) return { status: 'not_configured', code: errorCode(err) };
    return { status: 'error', call, code: errorCode(err), message: toErrorBody(err).message };
  }
}

const lifecycleOf = (v: z.output<typeof managementPolicy>): Lifecycle => ({
  lastModifiedTime: isoOrNull(v.properties.lastModifiedTime),
  rules: (v.properties.policy.rules ?? []) as Record<string, unknown>[],
});

function blobServiceOf(v: z.output<typeof blobService>): BlobService {
  const p = (v.properties ?? {}) as Record<string, unknown>;
  const pick = (k: string) => p[k] ?? null;
  return {
    deleteRetentionPolicy: pick('deleteRetentionPolicy'),
    containerDeleteRetentionPolicy: pick('containerDeleteRetentionPolicy'),
    isVersioningEnabled: p.isVersioningEnabled === true ? true : p.isVersioningEnabled === false ? false : null,
    changeFeed: pick('changeFeed'),
    restorePolicy: pick('restorePolicy'),
  };
}

async function containerOf(run: KindRun, base: string, c: RawContainer): Promise<Container> {
  const p = c.properties;
  const url = (sub: string) => run.client.url(`${base}/blobServices/default/containers/${encodeURIComponent(c.name)}${sub}`, API_VERSIONS.storage);
  const immutabilityPolicyOf = (v: z.output<typeof immutabilityPolicy>) => ({
    immutabilityPeriodSinceCreationInDays: v.properties.immutabilityPeriodSinceCreationInDays ?? null,
    state: v.properties.state ?? null,
    allowProtectedAppendWrites: v.properties.allowProtectedAppendWrites ?? null,
    allowProtectedAppendWritesAll: v.properties.allowProtectedAppendWritesAll ?? null,
  });
  const tagsOf = (v: z.output<typeof containerDetail>) => ({
    tags: (v.properties.legalHold?.tags ?? []).map((t) => ({
      tag: (t.tag as string) ?? null,
      timestamp: (t.timestamp as string) ?? null,
      upn: (t.upn as string) ?? null,
    })),
  });
  return {
    name: c.name,
    publicAccess: p.publicAccess ?? null,
    hasImmutabilityPolicy: p.hasImmutabilityPolicy === true,
    hasLegalHold: p.hasLegalHold === true,
    immutableStorageWithVersioning: p.immutableStorageWithVersioning ?? null,
    immutabilityPolicy: p.hasImmutabilityPolicy
      ? await read(run, 'BlobContainers_GetImmutabilityPolicy', url('/immutabilityPolicies/default'), immutabilityPolicy, immutabilityPolicyOf)
      : null,
    legalHold: p.hasLegalHold ? await read(run, 'BlobContainers_Get', url(''), containerDetail, tagsOf) : null,
  };
}

async function accountOf(run: KindRun, a: RawStorageAccount): Promise<StorageAccount> {
  const base = {
    name: a.name,
    resourceGroup: armIdParts(a.id).resourceGroup,
    kind: a.kind ?? null,
    location: a.location ?? null,
    allowBlobPublicAccess: a.properties?.allowBlobPublicAccess ?? null,
  };
  if (a.kind === 'FileStorage') {
    // Premium file shares only: there is no blob service to ask, and asking would only make the item partial.
    const none = { status: 'not_configured' as const, code: 'NoBlobService (FileStorage account)' };
    return { ...base, lifecycle: none, blobService: none, containers: none };
  }
  const url = (sub: string) => run.client.url(`${a.id}${sub}`, API_VERSIONS.storage);
  const lifecycle = await read(run, 'ManagementPolicies_Get', url('/managementPolicies/default'), managementPolicy, lifecycleOf, true);
  const service = await read(run, 'BlobServices_GetServiceProperties', url('/blobServices/default'), blobService, blobServiceOf);
  let containers: Setting<Container[]>;
  try {
    const list = await run.client.list(`containers of ${a.name}`, url('/blobServices/default/containers'), container, run.trace);
    const out: Container[] = [];
    for (const c of list) out.push(await containerOf(run, a.id, c));
    containers = { status: 'configured', config: out };
  } catch (err) {
    if (isAuthFailure(err)) throw err;
    containers = { status: 'error', call: 'BlobContainers_List', code: errorCode(err), message: toErrorBody(err).message };
  }
  return { ...base, lifecycle, blobService: service, containers };
}

/** azure.storage.retention: every storage account's lifecycle policy, soft delete, versioning, containers, locks and holds. */
export const collectStorage: KindCollector = async (run) => {
  const listUrl = run.client.url(`/subscriptions/${run.config.subscriptionId}/providers/Microsoft.Storage/storageAccounts`, API_VERSIONS.storage);
  const raw = await run.client.list('storageAccounts', listUrl, storageAccount, run.trace, run.hooks);
  const accounts: StorageAccount[] = [];
  for (const a of raw) {
    checkAborted(run.signal);
    accounts.push(await accountOf(run, a));
    run.progress(accounts.length);
  }
  const sub = run.config.subscriptionId;
  return {
    content: canonicalStorage(sub, accounts),
    parameters: { accounts: accounts.length },
    recordsRetrieved: accounts.length,
    azCommands: [
      `az storage account list --subscription ${sub} -o json`,
      'az storage account management-policy show -g <rg> --account-name <account> -o json   # "not found" = no lifecycle policy',
      'az storage account blob-service-properties show -g <rg> --account-name <account> -o json',
      'az storage container-rm list -g <rg> --storage-account <account> -o json',
      'az storage container immutability-policy show -g <rg> --account-name <account> -c <container> -o json',
    ],
    errors: storageErrors(accounts),
    notes: ['A lifecycle policy that answers 404 is recorded as not configured: objects are then kept until someone deletes them.'],
  };
};
