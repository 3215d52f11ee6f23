import { z } from 'zod';
import { AppError, formatZodError } from '../../util/errors';

/**
 * Content of `mlflow.registry` and `mlflow.access` items, as the live collector and the offline import both
 * record them. Loose objects: fields a newer collector adds are carried through and ignored by the differs.
 */
const stringMap = z.record(z.string(), z.string());
const millis = z.number().nullable().optional();

export const registryVersionSchema = z.looseObject({
  version: z.string(),
  currentStage: z.string().nullable().optional(),
  aliases: z.array(z.string()).optional(),
  tags: stringMap.optional(),
  source: z.string().nullable().optional(),
  runId: z.string().nullable().optional(),
  status: z.string().nullable().optional(),
  userId: z.string().nullable().optional(),
  creationTimestamp: millis,
  lastUpdatedTimestamp: millis,
  description: z.string().nullable().optional(),
});

export const registryModelSchema = z.looseObject({
  name: z.string(),
  description: z.string().nullable().optional(),
  creationTimestamp: millis,
  lastUpdatedTimestamp: millis,
  tags: stringMap.optional(),
  aliases: stringMap.optional(),
  versions: z.array(registryVersionSchema),
});

export const registryContentSchema = z.looseObject({
  server: z.string().nullable().optional(),
  models: z.array(registryModelSchema),
});

export const accessUserSchema = z.looseObject({
  username: z.string(),
  id: z.union([z.string(), z.number()]).nullable().optional(),
  isAdmin: z.boolean().nullable().optional(),
  experimentPermissions: z.array(z.looseObject({ experimentId: z.string(), permission: z.string() })).optional(),
  registeredModelPermissions: z.array(z.looseObject({ name: z.string(), permission: z.string() })).optional(),
});

export const accessContentSchema = z.looseObject({
  server: z.string().nullable().optional(),
  enumeration: z.unknown().optional(),
  users: z.array(accessUserSchema),
});

export type RegistryVersion = z.infer<typeof registryVersionSchema>;
export type RegistryModel = z.infer<typeof registryModelSchema>;
export type RegistryContent = z.infer<typeof registryContentSchema>;
export type AccessUser = z.infer<typeof accessUserSchema>;
export type AccessContent = z.infer<typeof accessContentSchema>;

/** Parses a snapshot's content or says which side and kind did not match. */
export function parseSnapshot<T>(schema: z.ZodType<T>, value: unknown, kind: string, side: 'before' | 'after'): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError('BAD_INPUT', `The ${side} snapshot is not ${kind} content: ${formatZodError(r.error)}`);
  return r.data;
}

export const retentionContentSchema = z.looseObject({
  server: z.string().nullable().optional(),
  gcSchedule: z.string().nullable().optional(),
  deletedExperiments: z.array(z.looseObject({ experimentId: z.string(), name: z.string().nullable().optional() })),
  deletedRuns: z.array(
    z.looseObject({ runId: z.string(), experimentId: z.string(), runName: z.string().nullable().optional(), user: z.string().nullable().optional() }),
  ),
});
export type RetentionContent = z.infer<typeof retentionContentSchema>;
