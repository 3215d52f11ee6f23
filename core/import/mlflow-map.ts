import { z } from 'zod';
import { compareKeys } from '../diff/compare';
import type { AccessUser } from '../diff/mlflow/shapes';
import { buildRegistry, type RegistryModelContent } from '../collectors/mlflow/registry';
import { rawModel, rawVersion } from '../collectors/mlflow/schemas';

/**
 * MLflow REST JSON (snake_case, empty fields omitted; collectors.md §1) → the content shapes the live collector
 * records. Registry records use the collector's own response schemas (they keep only known fields), plus what the
 * admin's files also carry; nothing else in a file (e.g. a password_hash) is kept.
 */
export const rawVersionSchema = rawVersion.extend({ run_link: z.string().optional() });
export const rawModelSchema = rawModel.extend({ latest_versions: z.array(rawVersionSchema).optional() });

export const rawUserSchema = z.looseObject({
  id: z.union([z.number(), z.string()]).optional(),
  username: z.string(),
  is_admin: z.boolean().optional(),
  experiment_permissions: z
    .array(z.looseObject({ experiment_id: z.union([z.string(), z.number()]).transform(String), permission: z.string() }))
    .optional(),
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
  return buildRegistry(
    '',
    models,
    models.flatMap((m) => m.latest_versions ?? []),
  ).content.models;
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
