import { z } from 'zod';

/**
 * MLflow REST responses (mlflow/protos/*.proto): snake_case, empty fields omitted. Plain z.object strips every
 * field not named here, so nothing unexpected (e.g. a password hash) travels further than the parser.
 */
const int64 = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(Number);
const keyValues = z.array(z.object({ key: z.string(), value: z.string().optional() })).optional();
const id = z.union([z.string(), z.number()]).transform(String);

export const rawVersion = z.object({
  name: z.string(),
  version: id,
  creation_timestamp: int64.optional(),
  last_updated_timestamp: int64.optional(),
  user_id: z.string().optional(),
  current_stage: z.string().optional(),
  description: z.string().optional(),
  source: z.string().optional(),
  run_id: z.string().optional(),
  status: z.string().optional(),
  tags: keyValues,
  aliases: z.array(z.string()).optional(),
});
export type RawVersion = z.output<typeof rawVersion>;

export const rawModel = z.object({
  name: z.string(),
  creation_timestamp: int64.optional(),
  last_updated_timestamp: int64.optional(),
  description: z.string().optional(),
  tags: keyValues,
  aliases: z.array(z.object({ alias: z.string(), version: id })).optional(),
});
export type RawModel = z.output<typeof rawModel>;

export const modelsPage = z.object({ registered_models: z.array(rawModel).optional(), next_page_token: z.string().optional() });
export const versionsPage = z.object({ model_versions: z.array(rawVersion).optional(), next_page_token: z.string().optional() });

export const rawExperiment = z.object({
  experiment_id: id,
  name: z.string(),
  lifecycle_stage: z.string().optional(),
  creation_time: int64.optional(),
  last_update_time: int64.optional(),
});
export const experimentsPage = z.object({ experiments: z.array(rawExperiment).optional(), next_page_token: z.string().optional() });

const runInfo = z.object({
  run_id: z.string(),
  experiment_id: id,
  run_name: z.string().optional(),
  user_id: z.string().optional(),
  status: z.string().optional(),
  start_time: int64.optional(),
  end_time: int64.optional(),
  lifecycle_stage: z.string().optional(),
});
export const rawRun = z.object({
  info: runInfo,
  data: z
    .object({
      metrics: z
        .array(
          z.object({ key: z.string(), value: z.union([z.number(), z.string()]).optional(), timestamp: int64.optional(), step: int64.optional() }),
        )
        .optional(),
      params: keyValues,
      tags: keyValues,
    })
    .optional(),
  inputs: z
    .object({
      dataset_inputs: z
        .array(
          z.object({
            tags: keyValues,
            dataset: z.object({ name: z.string(), digest: z.string().optional(), source_type: z.string().optional(), source: z.string().optional() }),
          }),
        )
        .optional(),
    })
    .optional(),
});
export type RawRun = z.output<typeof rawRun>;
export const runsPage = z.object({ runs: z.array(rawRun).optional(), next_page_token: z.string().optional() });
export const runGet = z.object({ run: rawRun });

const permissionRow = { permission: z.string() };
export const rawUser = z.object({
  id: id.optional(),
  username: z.string(),
  is_admin: z.boolean().optional(),
  experiment_permissions: z.array(z.object({ experiment_id: id, ...permissionRow })).optional(),
  registered_model_permissions: z.array(z.object({ name: z.string(), ...permissionRow })).optional(),
});
export type RawUser = z.output<typeof rawUser>;
export const usersList = z.object({ users: z.array(rawUser) });
export const userGet = z.object({ user: rawUser });

/** 3.x RBAC: every grant across the user's roles (direct grants sit on a synthetic `__user_<id>__` role). */
export const userPermissionsList = z.object({
  is_admin: z.boolean().optional(),
  permissions: z.array(
    z.object({ resource_type: z.string(), resource_pattern: z.string(), permission: z.string(), role_name: z.string().optional() }),
  ),
});
