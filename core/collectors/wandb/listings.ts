import { AppError } from '../../util/errors';
import { RequestTrace } from '../../http';
import type { CollectorContext } from '../../collector-runtime/types';
import type { WandbClient } from './client';
import type { WandbConfig } from './config';
import { emptyCollection, emptyRegistry, legacyVersion, membershipVersion, sortRegistries, type Registry } from './map';
import { FETCH_ORG_INFO_FROM_ENTITY, FETCH_REGISTRIES, REGISTRY_FILTER } from './queries-access';
import {
  LEGACY_REGISTRY_PROJECT,
  PROJECT_ARTIFACT_COLLECTIONS,
  PROJECT_ARTIFACTS,
  REGISTRY_COLLECTIONS,
  REGISTRY_VERSIONS,
} from './queries-registry';
import {
  orgInfoData,
  projectArtifactsData,
  projectCollectionsData,
  registriesData,
  registryCollectionsData,
  registryVersionsData,
  type RawRegistry,
} from './schemas';

export interface Fetched<T> {
  value: T;
  trace: RequestTrace;
}

type Ctx = CollectorContext<WandbConfig>;

/**
 * What several kinds need (the org, its registries, every registry version), fetched once per collection: access
 * needs the registry list for registry ACLs; registry and retention share the version listing. A failed listing
 * stays failed for every kind that needs it, and only for those.
 */
export class WandbListings {
  private cache = new Map<string, Promise<unknown>>();
  constructor(
    private readonly client: WandbClient,
    private readonly ctx: Ctx,
  ) {}

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.cache.has(key)) this.cache.set(key, load());
    return this.cache.get(key) as Promise<T>;
  }

  private paging(kind: string) {
    return {
      onPage: (p: { pages: number; records: number }) => this.ctx.progress({ kind, pages: p.pages, items: p.records }),
      saveCursor: (c: { what: string }) => this.ctx.saveCursor(`${kind} ${c.what}`, c),
    };
  }

  /** The configured organization, else the first team's (FetchOrgInfoFromEntity); null when neither exists. */
  organization(): Promise<Fetched<string | null>> {
    return this.once('org', async () => {
      const trace = new RequestTrace();
      const c = this.ctx.source.config;
      if (c.organization) return { value: c.organization, trace };
      const team = c.teams[0];
      if (!team) return { value: null, trace };
      const d = await this.client.graphql(FETCH_ORG_INFO_FROM_ENTITY, { entity: team }, orgInfoData, trace);
      return { value: d.entity?.organization?.name ?? null, trace };
    });
  }

  private async needOrg(what: string): Promise<{ org: string; trace: RequestTrace }> {
    const org = await this.organization();
    if (!org.value)
      throw new AppError('BAD_INPUT', `${this.client.label}: no organization for ${what}: set --organization, or list a team that belongs to one.`);
    const trace = new RequestTrace();
    trace.merge(org.trace);
    return { org: org.value, trace };
  }

  registries(kind: string): Promise<Fetched<RawRegistry[]>> {
    return this.once('registries', async () => {
      const { org, trace } = await this.needOrg('registries');
      const r = await this.client.relay({
        op: FETCH_REGISTRIES,
        what: `registries of ${org}`,
        variables: { organization: org, filters: REGISTRY_FILTER },
        schema: registriesData,
        connection: (d) => d.organization?.orgEntity?.projects ?? null,
        trace,
        ...this.paging(kind),
      });
      return { value: r.items, trace };
    });
  }

  /** Registries with their collections and every linked version, plus each team's legacy Model Registry. */
  registryTree(kind: string): Promise<Fetched<Registry[]>> {
    return this.once('tree', async () => {
      const regs = await this.registries(kind);
      const { org, trace } = await this.needOrg('registry versions');
      trace.merge(regs.trace);
      const byName = new Map(regs.value.map((r) => [r.name, emptyRegistry(r)]));
      const vars = { organization: org, registryFilter: REGISTRY_FILTER };
      const cols = await this.client.relay({
        op: REGISTRY_COLLECTIONS,
        what: `registry collections of ${org}`,
        variables: { ...vars, collectionTypes: ['PORTFOLIO'] },
        schema: registryCollectionsData,
        connection: (d) => d.organization?.orgEntity?.artifactCollections ?? null,
        trace,
        ...this.paging(kind),
      });
      for (const c of cols.items) byName.get(c.project?.name ?? '')?.collections.push(emptyCollection(c));
      const versions = await this.client.relay({
        op: REGISTRY_VERSIONS,
        what: `registry versions of ${org}`,
        variables: vars,
        schema: registryVersionsData,
        connection: (d) => d.organization?.orgEntity?.artifactMemberships ?? null,
        trace,
        ...this.paging(kind),
      });
      for (const m of versions.items) {
        const reg = byName.get(m.artifactCollection?.project?.name ?? '');
        const col = reg?.collections.find((c) => c.name === m.artifactCollection?.name);
        const v = membershipVersion(m);
        if (col && v) col.versions.push(v);
      }
      const legacy = [];
      for (const team of this.ctx.source.config.teams) legacy.push(await this.legacyRegistry(team, trace, kind));
      return { value: sortRegistries([...byName.values(), ...legacy.filter((r): r is Registry => r !== null)]), trace };
    });
  }

  /** A team's legacy Model Registry (project model-registry); null when the team has none. */
  private async legacyRegistry(team: string, trace: RequestTrace, kind: string): Promise<Registry | null> {
    const vars = { entity: team, project: LEGACY_REGISTRY_PROJECT };
    let exists = true;
    const cols = await this.client.relay({
      op: PROJECT_ARTIFACT_COLLECTIONS,
      what: `${team}/${LEGACY_REGISTRY_PROJECT} collections`,
      variables: vars,
      schema: projectCollectionsData,
      // A team that never used the legacy Model Registry has no such project: W&B answers project null.
      connection: (x) => x.project?.artifactCollections ?? ((exists = false), { pageInfo: { hasNextPage: false }, edges: [] }),
      trace,
      ...this.paging(kind),
    });
    if (!exists) return null;
    const registry: Registry = { name: LEGACY_REGISTRY_PROJECT, entity: team, legacy: true, access: null, createdAt: null, collections: [] };
    for (const c of cols.items.filter((x) => x.__typename === 'ArtifactPortfolio')) {
      const col = emptyCollection(c);
      const arts = await this.client.relay({
        op: PROJECT_ARTIFACTS,
        what: `${team}/${LEGACY_REGISTRY_PROJECT}/${c.name} versions`,
        variables: { ...vars, type: c.type.name, collection: c.name },
        schema: projectArtifactsData,
        connection: (x) => {
          const a = x.project?.artifactType?.artifactCollection?.artifacts;
          return a ? { pageInfo: a.pageInfo, edges: a.edges.map((e) => ({ node: e })) } : null;
        },
        trace,
        ...this.paging(kind),
      });
      col.versions = arts.items.map((e) => legacyVersion(e.node, e.version, c.name));
      registry.collections.push(col);
    }
    return registry;
  }
}
