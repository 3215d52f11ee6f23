import type { Operation } from './queries-access';

/**
 * The GraphQL operations for wandb.registry and wandb.retention, subsets of W&B SDK queries (wandb/wandb snapshot
 * b6e2950, SDK 0.31.0). Field selections and names are the SDK's; see queries-access.ts for the rules.
 */
const op = (name: string, query: string): Operation => ({ name, query: query.trim() });

/**
 * The producing run of a version, in the version's own page so 5,000 versions cost 50 requests, not 5,050:
 * `createdBy { ... on Run { RunInfoFragment } }` is artifacts/artifacts.graphql `ArtifactCreatedBy`; `commit` and
 * `user { username }` are the same Run fields as api/fragments.graphql `LightweightRunFragment`.
 */
const CREATED_BY = `
      createdBy {
        __typename
        ... on Run {
          id
          name
          project {
            name
            entity {
              name
            }
          }
          commit
          user {
            username
          }
        }
      }`;

/**
 * tools/graphql_codegen/artifacts/registries.graphql `RegistryCollections` (RegistryCollectionFragment): every
 * registry collection (PORTFOLIO, the SDK default), including ones with no version yet.
 */
export const REGISTRY_COLLECTIONS = op(
  'RegistryCollections',
  `
query RegistryCollections($organization: String!, $registryFilter: JSONString, $collectionTypes: [ArtifactCollectionType!], $cursor: String, $perPage: Int) {
  organization(name: $organization) {
    orgEntity {
      name
      artifactCollections(projectFilters: $registryFilter, collectionTypes: $collectionTypes, after: $cursor, first: $perPage) {
        totalCount
        pageInfo {
          endCursor
          hasNextPage
        }
        edges {
          node {
            __typename
            id
            name
            description
            createdAt
            updatedAt
            project {
              name
              entity {
                name
              }
            }
            type: defaultArtifactType {
              name
            }
          }
        }
      }
    }
  }
}`,
);

/**
 * tools/graphql_codegen/artifacts/registries.graphql `RegistryVersions` (ArtifactMembershipFragment and
 * ArtifactFragment from artifacts/artifacts.graphql): every linked version across the org's registries, with its
 * registry aliases, link time, the source artifact's digest, state, TTL and producing run.
 */
export const REGISTRY_VERSIONS = op(
  'RegistryVersions',
  `
query RegistryVersions($organization: String!, $registryFilter: JSONString, $cursor: String, $perPage: Int) {
  organization(name: $organization) {
    orgEntity {
      name
      artifactMemberships(projectFilters: $registryFilter, after: $cursor, first: $perPage) {
        pageInfo {
          endCursor
          hasNextPage
        }
        edges {
          node {
            id
            versionIndex
            createdAt
            aliases {
              alias
            }
            artifactCollection {
              __typename
              name
              project {
                name
                entity {
                  name
                }
              }
            }
            artifact {
              id
              versionIndex
              state
              digest
              createdAt
              updatedAt
              ttlDurationSeconds
              ttlIsInherited
              artifactType {
                name
              }
              artifactSequence {
                name
                project {
                  name
                  entity {
                    name
                  }
                }
              }${CREATED_BY}
            }
          }
        }
      }
    }
  }
}`,
);

/**
 * tools/graphql_codegen/artifacts/artifact_collections.graphql `ProjectArtifactCollections`
 * (ArtifactCollectionFragment): the legacy Model Registry's collections (portfolios in a team's `model-registry`).
 */
export const PROJECT_ARTIFACT_COLLECTIONS = op(
  'ProjectArtifactCollections',
  `
query ProjectArtifactCollections($entity: String!, $project: String!, $cursor: String, $perPage: Int) {
  project(entityName: $entity, name: $project) {
    artifactCollections(after: $cursor, first: $perPage) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          __typename
          id
          name
          description
          createdAt
          updatedAt
          type: defaultArtifactType {
            name
          }
        }
      }
    }
  }
}`,
);

/**
 * tools/graphql_codegen/artifacts/artifacts.graphql `ProjectArtifacts` (ArtifactFragment): the versions of one
 * legacy Model Registry collection; `aliases` (with their collection) as the SDK selects them with includeAliases.
 */
export const PROJECT_ARTIFACTS = op(
  'ProjectArtifacts',
  `
query ProjectArtifacts($entity: String!, $project: String!, $type: String!, $collection: String!, $cursor: String, $perPage: Int) {
  project(entityName: $entity, name: $project) {
    artifactType(name: $type) {
      artifactCollection(name: $collection) {
        artifacts(after: $cursor, first: $perPage) {
          totalCount
          pageInfo {
            endCursor
            hasNextPage
          }
          edges {
            version
            node {
              id
              versionIndex
              state
              digest
              createdAt
              updatedAt
              ttlDurationSeconds
              ttlIsInherited
              artifactSequence {
                name
                project {
                  name
                  entity {
                    name
                  }
                }
              }
              aliases {
                alias
                artifactCollection {
                  name
                }
              }${CREATED_BY}
            }
          }
        }
      }
    }
  }
}`,
);

/** The legacy Model Registry lives in this project of each team entity. */
export const LEGACY_REGISTRY_PROJECT = 'model-registry';
