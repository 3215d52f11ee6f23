import { compareKeys } from '../../../diff/compare';
import type { RawModelContainer, RawModelVersion } from '../schemas';
import { isoOrNull } from './common';

export interface MlVersion {
  version: string;
  /** Azure ML's lifecycle stage (newer api-versions; e.g. Development, Production, Archived), null when unset. */
  stage: string | null;
  isArchived: boolean;
  isAnonymous: boolean;
  modelType: string | null;
  modelUri: string | null;
  jobName: string | null;
  description: string | null;
  tags: Record<string, string | null>;
  properties: Record<string, string | null>;
  flavors: string[];
  createdBy: string | null;
  createdByType: string | null;
  createdAt: string | null;
  lastModifiedBy: string | null;
  lastModifiedByType: string | null;
  lastModifiedAt: string | null;
}

export interface MlModel {
  name: string;
  description: string | null;
  tags: Record<string, string | null>;
  isArchived: boolean;
  latestVersion: string | null;
  createdBy: string | null;
  createdAt: string | null;
  lastModifiedBy: string | null;
  lastModifiedAt: string | null;
  versions: MlVersion[];
}

/** A workspace or a registry (registries share models across workspaces and regions). */
export interface MlHost {
  type: 'workspace' | 'registry';
  name: string;
  resourceGroup: string | null;
  /** Set when listing this host's models failed; the item is then partial. */
  error: string | null;
  models: MlModel[];
}

export interface MlContent {
  subscriptionId: string;
  hosts: MlHost[];
}

const sorted = (r: Record<string, string | null> | null | undefined) =>
  Object.fromEntries(Object.entries(r ?? {}).sort(([a], [b]) => compareKeys(a, b)));

export function mlVersion(v: RawModelVersion): MlVersion {
  const p = v.properties ?? {};
  const s = v.systemData ?? {};
  return {
    version: v.name,
    stage: p.stage ?? null,
    isArchived: p.isArchived === true,
    isAnonymous: p.isAnonymous === true,
    modelType: p.modelType ?? null,
    modelUri: p.modelUri ?? null,
    jobName: p.jobName ?? null,
    description: p.description ?? null,
    tags: sorted(p.tags),
    properties: sorted(p.properties),
    flavors: Object.keys(p.flavors ?? {}).sort(),
    createdBy: s.createdBy ?? null,
    createdByType: s.createdByType ?? null,
    createdAt: isoOrNull(s.createdAt),
    lastModifiedBy: s.lastModifiedBy ?? null,
    lastModifiedByType: s.lastModifiedByType ?? null,
    lastModifiedAt: isoOrNull(s.lastModifiedAt),
  };
}

export function mlModel(m: RawModelContainer, versions: RawModelVersion[]): MlModel {
  const p = m.properties ?? {};
  const s = m.systemData ?? {};
  return {
    name: m.name,
    description: p.description ?? null,
    tags: sorted(p.tags),
    isArchived: p.isArchived === true,
    latestVersion: p.latestVersion ?? null,
    createdBy: s.createdBy ?? null,
    createdAt: isoOrNull(s.createdAt),
    lastModifiedBy: s.lastModifiedBy ?? null,
    lastModifiedAt: isoOrNull(s.lastModifiedAt),
    versions: versions.map(mlVersion).sort((a, b) => compareKeys(a.version, b.version)),
  };
}

export function canonicalMl(subscriptionId: string, hosts: MlHost[]): MlContent {
  for (const h of hosts) h.models.sort((a, b) => compareKeys(a.name, b.name));
  return {
    subscriptionId,
    hosts: [...hosts].sort((a, b) => compareKeys(`${a.type}/${a.resourceGroup}/${a.name}`, `${b.type}/${b.resourceGroup}/${b.name}`)),
  };
}
