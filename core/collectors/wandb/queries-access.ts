/**
 * The GraphQL operations for wandb.access, each a subset of a W&B SDK query (wandb/wandb, snapshot b6e2950; the
 * SDK 0.31.0 wheel generates the same text into wandb/apis/_generated and wandb/sdk/artifacts/_generated). We keep
 * the SDK's operation names and field names, drop fields evidence has no use for, and never select `apiKey`
 * (the SDK's team queries do). test/integration/wandb-sdk.test.ts checks every field we select is one the SDK selects.
 */

export interface Operation {
  name: string;
  query: string;
}

const op = (name: string, query: string): Operation => ({ name, query: query.trim() });

/** tools/graphql_codegen/api/users.graphql `GetViewer` (UserFragment from api/fragments.graphql, minus apiKeys and flags). */
export const GET_VIEWER = op(
  'GetViewer',
  `
query GetViewer {
  viewer {
    id
    username
    email
    admin
    entity
    teams {
      edges {
        node {
          name
        }
      }
    }
  }
}`,
);

/**
 * tools/graphql_codegen/api/teams.graphql `GetTeamEntity`: `admin` is selected there; `role` comes from
 * TeamMemberFragment (artifacts/registry_members.graphql). `members` is a plain list (no paging). No `apiKey`.
 */
export const GET_TEAM_ENTITY = op(
  'GetTeamEntity',
  `
query GetTeamEntity($name: String!) {
  entity(name: $name) {
    id
    name
    isTeam
    entityType
    defaultAccess
    members {
      id
      username
      email
      name
      role
      admin
      pending
      accountType
    }
  }
}`,
);

/** tools/graphql_codegen/artifacts/misc.graphql `FetchOrgInfoFromEntity` (OrgInfoFragment): the org owning the registries. */
export const FETCH_ORG_INFO_FROM_ENTITY = op(
  'FetchOrgInfoFromEntity',
  `
query FetchOrgInfoFromEntity($entity: String!) {
  entity(name: $entity) {
    organization {
      name
      orgEntity {
        name
      }
    }
  }
}`,
);

/** tools/graphql_codegen/artifacts/registries.graphql `FetchRegistries` (RegistryFragment, PageInfoFragment). */
export const FETCH_REGISTRIES = op(
  'FetchRegistries',
  `
query FetchRegistries($organization: String!, $filters: JSONString, $cursor: String, $perPage: Int) {
  organization(name: $organization) {
    orgEntity {
      projects(filters: $filters, after: $cursor, first: $perPage) {
        pageInfo {
          endCursor
          hasNextPage
        }
        edges {
          node {
            id
            name
            entity {
              name
            }
            description
            createdAt
            updatedAt
            access
          }
        }
      }
    }
  }
}`,
);

/** tools/graphql_codegen/artifacts/registry_members.graphql `RegistryUserMembers` (UserRegistryMemberFragment). */
export const REGISTRY_USER_MEMBERS = op(
  'RegistryUserMembers',
  `
query RegistryUserMembers($project: String!, $entity: String!) {
  project(name: $project, entityName: $entity) {
    members {
      id
      name
      username
      email
      role {
        name
      }
    }
  }
}`,
);

/**
 * tools/graphql_codegen/artifacts/registry_members.graphql `RegistryTeamMembers` (TeamRegistryMemberFragment): the
 * team's name only; the SDK's TeamFragment would also fetch every member's apiKey.
 */
export const REGISTRY_TEAM_MEMBERS = op(
  'RegistryTeamMembers',
  `
query RegistryTeamMembers($project: String!, $entity: String!) {
  project(name: $project, entityName: $entity) {
    teamMembers {
      team {
        name
      }
      role {
        name
      }
    }
  }
}`,
);

/** Registries are projects named wandb-registry-<name> in the org entity (the SDK's REGISTRY_PREFIX). */
export const REGISTRY_PREFIX = 'wandb-registry-';
export const REGISTRY_FILTER = JSON.stringify({ name: { $regex: `^${REGISTRY_PREFIX}` } });
