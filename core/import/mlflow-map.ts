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

const tagMap = (tags: { key: string; value?: string }[] | undefined) => Object.fromEntries((tags ?? []).map((t) => [t.key, t.value ?? '']));
const byVersion = (a: RegistryVersion, b: RegistryVersion) => compareKeys(a.version, b.version);

export function mapVersion(v: RawVersion): RegistryVersion {
  return {
    version: v.version,
    currentStage: v.current_stage ?? null,
    aliases: [...(v.aliases ?? [])].sort(),
    tags: tagMap(v.tags),
    source: v.source ?? null,
    runId: v.run_id ?? null,
    status: v.status ?? null,
    userId: v.user_id ?? null,
    creationTimestamp: v.creation_timestamp ?? null,
    lastUpdatedTimestamp: v.last_updated_timestamp ?? null,
    description: v.description ?? null,
  };
}

/** model-versions/search pages → models grouped by name; aliases come from the versions (no model map there). */
export function modelsFromVersions(versions: RawVersion[]): RegistryModel[] {
  const groups = new Map<string, RegistryVersion[]>();
  for (const v of versions) groups.set(v.name, [...(groups.get(v.name) ?? []), mapVersion(v)]);
  return [...groups.entries()].sort(([a], [b]) => compareKeys(a, b)).map(([name, vs]) => ({
    name,
    description: null,
    creationTimestamp: null,
    lastUpdatedTimestamp: null,
    tags: {},
    aliases: Object.fromEntries(vs.flatMap((v) => (v.aliases ?? []).map((a) => [a, v.version] as const)).sort(([a], [b]) => compareKeys(a, b))),
    versions: vs.sort(byVersion),
  }));
}

/** registered-models/search pages → models with their latest version per stage (all this endpoint returns). */
export function modelsFromRegistered(models: RawModel[]): RegistryModel[] {
  return [...models].sort((a, b) => compareKeys(a.name, b.name)).map((m) => ({
    name: m.name,
    description: m.description ?? null,
    creationTimestamp: m.creation_timestamp ?? null,
    lastUpdatedTimestamp: m.last_updated_timestamp ?? null,
    tags: tagMap(m.tags),
    aliases: Object.fromEntries((m.aliases ?? []).map((a) => [a.alias, a.version] as const).sort(([a], [b]) => compareKeys(a, b))),
    versions: (m.latest_versions ?? []).map(mapVersion).sort(byVersion),
  }));
}

export function mapUser(u: RawUser): AccessUser {
  return {
    username: u.username,
    id: u.id ?? null,
    isAdmin: u.is_admin ?? false,
    experimentPermissions: (u.experiment_permissions ?? [])
      .map((p) => ({ experimentId: p.experiment_id, permission: p.permission }))
      .sort((a, b) => compareKeys(a.experimentId, b.experimentId)),
    registeredModelPermissions: (u.registered_model_permissions ?? [])
      .map((p) => ({ name: p.name, permission: p.permission }))
      .sort((a, b) => compareKeys(a.name, b.name)),
  };
}
