import { z } from 'zod';
import { compareKeys } from '../diff/compare';
import type { AccessUser, RegistryModel, RegistryVersion } from '../diff/mlflow/shapes';

/**
 * MLflow REST JSON (snake_case, empty fields omitted; collectors.md §1) → the content shapes the live collector
 * records. Only known fields are copied, so nothing else in an admin's file (e.g. a password_hash) is kept.
 */
const int64 = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(Number).optional();
const keyValues = z.array(z.looseObject({ key: z.string(), value: z.string().optional() })).optional();

export const rawVersionSchema = z.looseObject({
  name: z.string(),
  version: z.union([z.string(), z.number()]).transform(String),
  creation_timestamp: int64,
  last_updated_timestamp: int64,
  user_id: z.string().optional(),
  current_stage: z.string().optional(),
  description: z.string().optional(),
  source: z.string().optional(),
  run_id: z.string().optional(),
  status: z.string().optional(),
  tags: keyValues,
  aliases: z.array(z.string()).optional(),
  run_link: z.string().optional(),
});

export const rawModelSchema = z.looseObject({
  name: z.string(),
  creation_timestamp: int64,
  last_updated_timestamp: int64,
  description: z.string().optional(),
  latest_versions: z.array(rawVersionSchema).optional(),
  tags: keyValues,
  aliases: z.array(z.looseObject({ alias: z.string(), version: z.union([z.string(), z.number()]).transform(String) })).optional(),
});

export const rawUserSchema = z.looseObject({
  id: z.union([z.number(), z.string()]).optional(),
  username: z.string(),
  is_admin: z.boolean().optional(),
  experiment_permissions: z.array(z.looseObject({ experiment_id: z.union([z.string(), z.number()]).transform(String), permission: z.string() })).optional(),
  registered_model_permissions: z.array(z.looseObject({ name: z.string(), permission: z.string() })).optional(),
});

type RawVersion = z.output<typeof rawVersionSchema>;
type RawModel = z.output<typeof rawModelSchema>;
type RawUser = z.output<typeof rawUserSchema>;

/** Same conventions as the live collector (core/collectors/mlflow/registry.ts): sorted tags, '' → null, 0 for no time. */
const tagMap = (tags: { key: string; value?: string }[] | undefined) =>
  Object.fromEntries([...(tags ?? [])].sort((a, b) => compareKeys(a.key, b.key)).map((t) => [t.key, t.value ?? '']));
const orNull = (v: string | undefined) => (v === undefined || v === '' ? null : v);
const byVersion = (a: RegistryVersion, b: RegistryVersion) => compareKeys(a.version, b.version);
const sortedPairs = (pairs: (readonly [string, string])[]) => Object.fromEntries([...pairs].sort(([a], [b]) => compareKeys(a, b)));

/** One version; `modelAliases` (alias → version) adds the aliases a model map assigns to it, as the collector does. */
export function mapVersion(v: RawVersion, modelAliases: Record<string, string> = {}): RegistryVersion {
  const fromModel = Object.entries(modelAliases).filter(([, version]) => version === v.version).map(([alias]) => alias);
  return {
    version: v.version,
    currentStage: v.current_stage ?? 'None',
    aliases: [...new Set([...(v.aliases ?? []), ...fromModel])].sort(compareKeys),
    tags: tagMap(v.tags),
    source: orNull(v.source),
    runId: orNull(v.run_id),
    status: orNull(v.status),
    userId: orNull(v.user_id),
    creationTimestamp: v.creation_timestamp ?? 0,
    lastUpdatedTimestamp: v.last_updated_timestamp ?? 0,
    description: orNull(v.description),
  };
}

/** model-versions/search pages → models grouped by name; aliases come from the versions (no model map there). */
export function modelsFromVersions(versions: RawVersion[]): RegistryModel[] {
  const groups = new Map<string, RegistryVersion[]>();
  for (const v of versions) groups.set(v.name, [...(groups.get(v.name) ?? []), mapVersion(v)]);
  return [...groups.entries()].sort(([a], [b]) => compareKeys(a, b)).map(([name, vs]) => ({
    name,
    description: null,
    creationTimestamp: 0,
    lastUpdatedTimestamp: 0,
    tags: {},
    aliases: sortedPairs(vs.flatMap((v) => (v.aliases ?? []).map((a) => [a, v.version] as const))),
    versions: vs.sort(byVersion),
  }));
}

/** registered-models/search pages → models with their latest version per stage (all this endpoint returns). */
export function modelsFromRegistered(models: RawModel[]): RegistryModel[] {
  return [...models].sort((a, b) => compareKeys(a.name, b.name)).map((m) => {
    const aliases = sortedPairs((m.aliases ?? []).map((a) => [a.alias, a.version] as const));
    return {
      name: m.name,
      description: orNull(m.description),
      creationTimestamp: m.creation_timestamp ?? 0,
      lastUpdatedTimestamp: m.last_updated_timestamp ?? 0,
      tags: tagMap(m.tags),
      aliases,
      versions: (m.latest_versions ?? []).map((v) => mapVersion(v, aliases)).sort(byVersion),
    };
  });
}

export function mapUser(u: RawUser): AccessUser {
  return {
    username: u.username,
    id: u.id === undefined ? null : String(u.id),
    isAdmin: u.is_admin ?? false,
    experimentPermissions: (u.experiment_permissions ?? [])
      .map((p) => ({ experimentId: p.experiment_id, permission: p.permission }))
      .sort((a, b) => compareKeys(a.experimentId, b.experimentId)),
    registeredModelPermissions: (u.registered_model_permissions ?? [])
      .map((p) => ({ name: p.name, permission: p.permission }))
      .sort((a, b) => compareKeys(a.name, b.name)),
  };
}
