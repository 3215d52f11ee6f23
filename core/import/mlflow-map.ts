import { z } from 'zod';
import { compareKeys } from '../diff/compare';
import type { AccessUser } from '../diff/mlflow/shapes';
import { buildRegistry, type RegistryModelContent } from '../collectors/mlflow/registry';

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

/**
 * Both registry exports go through the live collector's own `buildRegistry`, so an imported snapshot has exactly
 * the collector's conventions (sorted lists, '' → null, 0 for no time) and diffs cleanly against a collected one.
 */
export function modelsFromVersions(versions: RawVersion[]): RegistryModelContent[] {
  // model-versions/search has no model records: each model is named by its versions, its alias map by theirs.
  const aliases = new Map<string, { alias: string; version: string }[]>();
  for (const v of versions) {
    const list = aliases.get(v.name) ?? [];
    for (const alias of v.aliases ?? []) list.push({ alias, version: v.version });
    aliases.set(v.name, list);
  }
  const models = [...aliases.entries()].map(([name, pairs]) => ({ name, aliases: pairs }));
  return buildRegistry('', models, versions).content.models;
}

/** registered-models/search pages → models with their latest version per stage (all this endpoint returns). */
export function modelsFromRegistered(models: RawModel[]): RegistryModelContent[] {
  return buildRegistry('', models, models.flatMap((m) => m.latest_versions ?? [])).content.models;
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
