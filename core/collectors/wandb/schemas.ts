import { z } from 'zod';

/**
 * The `data` of each operation, as the SDK's generated pydantic models type it (wandb/sdk/artifacts/_generated,
 * wandb/apis/_generated in SDK 0.31.0). Plain z.object strips any field not named here, so nothing we did not ask
 * for (an apiKey a proxy adds, say) travels past the parser. Int64 may arrive as a number or a digit string.
 */
const int64 = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(Number);
const str = z.string().nullable().optional();
const named = z.object({ name: z.string() });
const projectRef = z.object({ name: z.string(), entity: named });

export const pageInfo = z.object({ endCursor: z.string().nullable().optional(), hasNextPage: z.boolean() });
const connection = <T extends z.ZodType>(node: T) =>
  z.object({ totalCount: z.number().int().nullable().optional(), pageInfo, edges: z.array(z.object({ node })) });

export const viewerData = z.object({
  viewer: z
    .object({
      id: z.string(),
      username: str,
      email: str,
      admin: z.boolean().nullable().optional(),
      entity: str,
      teams: z
        .object({ edges: z.array(z.object({ node: named })) })
        .nullable()
        .optional(),
    })
    .nullable(),
});

export const member = z.object({
  id: str,
  username: str,
  email: str,
  name: z.string().nullable(),
  role: str,
  admin: z.boolean().nullable().optional(),
  pending: z.boolean().nullable().optional(),
  accountType: str,
});
export type RawMember = z.output<typeof member>;

export const teamData = z.object({
  entity: z
    .object({ id: z.string(), name: z.string(), isTeam: z.boolean(), entityType: str, defaultAccess: str, members: z.array(member) })
    .nullable(),
});

export const orgInfoData = z.object({
  entity: z.object({ organization: z.object({ name: z.string(), orgEntity: named.nullable() }).nullable() }).nullable(),
});

export const registryNode = z.object({
  id: z.string(),
  name: z.string(),
  entity: named,
  description: str,
  createdAt: z.string(),
  updatedAt: str,
  access: str,
});
export type RawRegistry = z.output<typeof registryNode>;
const orgEntity = <T extends z.ZodRawShape>(shape: T) => z.object({ organization: z.object({ orgEntity: z.object(shape).nullable() }).nullable() });
export const registriesData = orgEntity({ projects: connection(registryNode) });

export const registryMembersData = z.object({
  project: z.object({ members: z.array(z.object({ id: z.string(), name: str, username: str, email: str, role: named })) }).nullable(),
});
export const registryTeamMembersData = z.object({
  project: z.object({ teamMembers: z.array(z.object({ team: named, role: named })) }).nullable(),
});

const createdBy = z
  .object({
    __typename: z.string(),
    id: z.string().optional(),
    name: z.string().optional(),
    project: projectRef.nullable().optional(),
    commit: str,
    user: z.object({ username: str }).nullable().optional(),
  })
  .nullable()
  .optional();

const artifactCore = {
  id: z.string(),
  versionIndex: z.number().int().nullable().optional(),
  state: z.string(),
  digest: z.string(),
  createdAt: z.string(),
  updatedAt: str,
  ttlDurationSeconds: int64.nullable().optional(),
  ttlIsInherited: z.boolean().nullable().optional(),
  artifactSequence: z.object({ name: z.string(), project: projectRef.nullable() }),
  createdBy,
};

export const collectionNode = z.object({
  __typename: z.string(),
  id: z.string(),
  name: z.string(),
  description: str,
  createdAt: z.string(),
  updatedAt: str,
  project: projectRef.nullable().optional(),
  type: named,
});
export type RawCollection = z.output<typeof collectionNode>;
export const registryCollectionsData = orgEntity({ name: z.string(), artifactCollections: connection(collectionNode) });

export const membershipNode = z.object({
  id: z.string(),
  versionIndex: z.number().int().nullable(),
  createdAt: z.string(),
  aliases: z.array(z.object({ alias: z.string() })),
  artifactCollection: z.object({ __typename: z.string(), name: z.string(), project: projectRef.nullable() }).nullable(),
  artifact: z.object({ ...artifactCore, artifactType: named }).nullable(),
});
export type RawMembership = z.output<typeof membershipNode>;
export const registryVersionsData = orgEntity({ name: z.string(), artifactMemberships: connection(membershipNode) });

export const projectCollectionsData = z.object({ project: z.object({ artifactCollections: connection(collectionNode) }).nullable() });

export const legacyArtifact = z.object({
  ...artifactCore,
  aliases: z.array(z.object({ alias: z.string(), artifactCollection: named.nullable().optional() })),
});
export type RawLegacyArtifact = z.output<typeof legacyArtifact>;
export const projectArtifactsData = z.object({
  project: z
    .object({
      artifactType: z
        .object({
          artifactCollection: z
            .object({
              artifacts: z.object({
                totalCount: z.number().int().nullable().optional(),
                pageInfo,
                edges: z.array(z.object({ version: z.string(), node: legacyArtifact })),
              }),
            })
            .nullable(),
        })
        .nullable(),
    })
    .nullable(),
});

/** SCIM 2.0 ListResponse from /scim/Users (RFC 7644 §3.4.2); only what an access review needs is kept. */
export const scimUser = z.object({
  id: z.string(),
  userName: z.string(),
  displayName: str,
  active: z.boolean().nullable().optional(),
  // RFC 7643 says a list of {value}; W&B's own export sample reads a single {Value} object: accept both.
  emails: z.union([z.array(z.object({ value: z.string() })), z.object({ Value: z.string() }).transform((e) => [{ value: e.Value }])]).optional(),
  organizationRole: str,
  teamRoles: z.array(z.object({ teamName: z.string(), roleName: z.string() })).optional(),
});
export type RawScimUser = z.output<typeof scimUser>;
export const scimUsersPage = z.object({
  totalResults: z.number().int().optional(),
  itemsPerPage: z.number().int().optional(),
  startIndex: z.number().int().optional(),
  Resources: z.array(scimUser).optional(),
});
