import { z } from 'zod';

/**
 * Content of wandb.* items as the collector and the importer record them (core/collectors/wandb/map.ts). Loose
 * objects: fields a newer collector adds are carried through and ignored. A section that is null or absent was
 * not captured in that snapshot (an import of one admin file), and is not compared.
 */
const s = z.string().nullable().optional();

export const teamMemberSchema = z.looseObject({
  username: s,
  email: s,
  id: s,
  role: s,
  admin: z.boolean().nullable().optional(),
  pending: z.boolean().nullable().optional(),
  accountType: s,
});
export const accessSchema = z.looseObject({
  teams: z
    .array(z.looseObject({ name: z.string(), defaultAccess: s, members: z.array(teamMemberSchema) }))
    .nullable()
    .optional(),
  registries: z
    .array(
      z.looseObject({
        registry: z.string(),
        users: z.array(z.looseObject({ username: s, email: s, role: z.string() })),
        teams: z.array(z.looseObject({ team: z.string(), role: z.string() })),
      }),
    )
    .nullable()
    .optional(),
  orgUsers: z
    .looseObject({
      status: z.string(),
      users: z.array(z.looseObject({ userName: z.string(), active: z.boolean().nullable().optional(), organizationRole: s })),
    })
    .nullable()
    .optional(),
});
export type WandbAccess = z.infer<typeof accessSchema>;
export type WandbTeamMember = z.infer<typeof teamMemberSchema>;

export const versionSchema = z.looseObject({
  version: z.string(),
  aliases: z.array(z.string()).optional(),
  digest: s,
  state: s,
  sourceArtifact: s,
  linkedAt: s,
  producedBy: z.looseObject({ runId: z.string(), commit: s, user: s }).nullable().optional(),
});
export const registrySchema = z.looseObject({
  registries: z.array(
    z.looseObject({
      name: z.string(),
      entity: z.string(),
      legacy: z.boolean().optional(),
      collections: z.array(z.looseObject({ name: z.string(), versions: z.array(versionSchema) })),
    }),
  ),
});
export type WandbRegistryVersion = z.infer<typeof versionSchema>;
export type WandbRegistry = z.infer<typeof registrySchema>['registries'][number];

export const retentionSchema = z.looseObject({
  teamTtlDefault: z.looseObject({ value: s }).nullable().optional(),
  versions: z.array(
    z.looseObject({
      registry: z.string(),
      collection: z.string(),
      version: z.string(),
      ttl: z.string(),
      ttlSeconds: z.number().nullable().optional(),
    }),
  ),
});

export const auditSchema = z.looseObject({
  deployment: s,
  window: z.looseObject({ from: z.string(), to: z.string() }),
  lookbackLimitDays: z.number().nullable().optional(),
  count: z.number().optional(),
  actions: z.record(z.string(), z.number()).optional(),
});
