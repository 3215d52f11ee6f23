import { compareKeys } from '../../../diff/compare';

/**
 * Each storage setting is exactly one of these, so "not configured" is a recorded fact and never a gap:
 * configured; not configured (ARM answered 404 for a lifecycle policy); not in the imported file; or an error.
 */
export type Setting<T> =
  | { status: 'configured'; config: T }
  | { status: 'not_configured'; code: string }
  | { status: 'not_provided' }
  | { status: 'error'; call: string; code: string; message: string };

export interface Lifecycle {
  lastModifiedTime: string | null;
  /** Rules as Azure defines them (`{enabled, name, type, definition{actions, filters}}`), sorted by name. */
  rules: Record<string, unknown>[];
}

export interface BlobService {
  deleteRetentionPolicy: unknown;
  containerDeleteRetentionPolicy: unknown;
  isVersioningEnabled: boolean | null;
  changeFeed: unknown;
  restorePolicy: unknown;
}

export interface Immutability {
  immutabilityPeriodSinceCreationInDays: number | null;
  state: string | null;
  allowProtectedAppendWrites: boolean | null;
  allowProtectedAppendWritesAll: boolean | null;
}

export interface Container {
  name: string;
  publicAccess: string | null;
  hasImmutabilityPolicy: boolean;
  hasLegalHold: boolean;
  immutableStorageWithVersioning: unknown;
  /** Present only when the container reports one (hasImmutabilityPolicy). */
  immutabilityPolicy: Setting<Immutability> | null;
  /** Legal-hold tags, present only when the container reports a hold. */
  legalHold: Setting<{ tags: { tag: string | null; timestamp: string | null; upn: string | null }[] }> | null;
}

export interface StorageAccount {
  name: string;
  resourceGroup: string | null;
  kind: string | null;
  location: string | null;
  allowBlobPublicAccess: boolean | null;
  lifecycle: Setting<Lifecycle>;
  blobService: Setting<BlobService>;
  containers: Setting<Container[]>;
}

export interface StorageContent {
  subscriptionId: string;
  /** `accounts-in-file`: an import of one account's policy; accounts absent from it are not "removed". */
  coverage: 'all-accounts' | 'accounts-in-file';
  accounts: StorageAccount[];
  summary: ReturnType<typeof summarize>[];
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** Days after which base blobs are deleted, per enabled rule (by its prefixes), read from the rule definition. */
function deletionRules(
  lifecycle: Setting<Lifecycle>,
): { rule: string; prefixes: string[]; deleteAfterDays: number | null; versionsDeleteAfterDays: number | null }[] {
  if (lifecycle.status !== 'configured') return [];
  return lifecycle.config.rules
    .filter((r) => r.enabled !== false)
    .map((r) => {
      const def = obj(r.definition);
      const actions = obj(def.actions);
      const del = obj(obj(actions.baseBlob).delete);
      const days = num(del.daysAfterModificationGreaterThan) ?? num(del.daysAfterCreationGreaterThan) ?? num(del.daysAfterLastAccessTimeGreaterThan);
      const prefixes = Array.isArray(obj(def.filters).prefixMatch) ? (obj(def.filters).prefixMatch as string[]) : [];
      return {
        rule: String(r.name),
        prefixes,
        deleteAfterDays: days,
        versionsDeleteAfterDays: num(obj(obj(actions.version).delete).daysAfterCreationGreaterThan),
      };
    });
}

/** What an auditor reads first per account: expiry, soft delete, versioning, public containers, locks and holds. */
export function summarize(a: StorageAccount) {
  const bs = a.blobService.status === 'configured' ? a.blobService.config : null;
  const soft = obj(bs?.deleteRetentionPolicy);
  const containers = a.containers.status === 'configured' ? a.containers.config : [];
  const rules = deletionRules(a.lifecycle);
  return {
    account: a.name,
    lifecycle:
      a.lifecycle.status === 'configured'
        ? `${a.lifecycle.config.rules.length} rule(s)`
        : a.lifecycle.status === 'not_configured'
          ? a.lifecycle.code.startsWith('NoBlobService')
            ? 'no blob service'
            : 'not configured'
          : a.lifecycle.status,
    deletion: rules,
    wholeAccountExpiry: rules.some((r) => r.prefixes.length === 0 && r.deleteAfterDays !== null),
    blobSoftDeleteDays: bs ? (soft.enabled === true ? num(soft.days) : 0) : null,
    containerSoftDeleteDays: bs
      ? obj(bs.containerDeleteRetentionPolicy).enabled === true
        ? num(obj(bs.containerDeleteRetentionPolicy).days)
        : 0
      : null,
    versioning: bs ? bs.isVersioningEnabled === true : null,
    publicContainers:
      a.allowBlobPublicAccess === false
        ? []
        : containers.filter((c) => c.publicAccess && c.publicAccess !== 'None').map((c) => `${c.name} (${c.publicAccess})`),
    immutability: containers.flatMap((c) =>
      c.immutabilityPolicy?.status === 'configured'
        ? [{ container: c.name, days: c.immutabilityPolicy.config.immutabilityPeriodSinceCreationInDays, state: c.immutabilityPolicy.config.state }]
        : [],
    ),
    legalHolds: containers.filter((c) => c.hasLegalHold).map((c) => c.name),
  };
}

export function canonicalStorage(
  subscriptionId: string,
  accounts: StorageAccount[],
  coverage: StorageContent['coverage'] = 'all-accounts',
): StorageContent {
  const sorted = [...accounts].sort((x, y) => compareKeys(x.name, y.name));
  for (const a of sorted) {
    if (a.lifecycle.status === 'configured') a.lifecycle.config.rules.sort((x, y) => compareKeys(String(x.name), String(y.name)));
    if (a.containers.status === 'configured') a.containers.config.sort((x, y) => compareKeys(x.name, y.name));
  }
  return { subscriptionId, coverage, accounts: sorted, summary: sorted.map(summarize) };
}

/** Per-setting errors, each naming the call and the account: they make the item `partial`. */
export function storageErrors(accounts: StorageAccount[]): string[] {
  const out: string[] = [];
  for (const a of accounts) {
    for (const s of [a.lifecycle, a.blobService, a.containers]) if (s.status === 'error') out.push(`${s.call} (${a.name}): ${s.code}: ${s.message}`);
    if (a.containers.status !== 'configured') continue;
    for (const c of a.containers.config) {
      for (const s of [c.immutabilityPolicy, c.legalHold])
        if (s?.status === 'error') out.push(`${s.call} (${a.name}/${c.name}): ${s.code}: ${s.message}`);
    }
  }
  return out;
}
