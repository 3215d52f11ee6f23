import type { RawModel, RawVersion } from './schemas';
import { naturalCompare, orNull, tagObject } from './util';

/** `mlflow.registry` content. The registry differ depends on exactly these keys and orders. */
export interface RegistryVersionContent {
  version: string;
  currentStage: string;
  aliases: string[];
  tags: Record<string, string>;
  source: string | null;
  runId: string | null;
  status: string | null;
  userId: string | null;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  description: string | null;
}

export interface RegistryModelContent {
  name: string;
  description: string | null;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  tags: Record<string, string>;
  aliases: Record<string, string>;
  versions: RegistryVersionContent[];
}

export interface RegistryContent {
  server: string;
  models: RegistryModelContent[];
}

/**
 * Joins registered-models/search (model fields, alias → version map) with model-versions/search (every version;
 * it carries no aliases, so each version's aliases come from its model's map). Versions whose model was not
 * listed (created between the two listings) are left out and counted so the caller can say so.
 */
export function buildRegistry(server: string, models: RawModel[], versions: RawVersion[]): { content: RegistryContent; orphanVersions: number } {
  const byModel = new Map<string, RawVersion[]>();
  for (const v of versions) {
    const list = byModel.get(v.name);
    if (list) list.push(v);
    else byModel.set(v.name, [v]);
  }
  let matched = 0;
  const out = [...models]
    .sort((a, b) => naturalCompare(a.name, b.name))
    .map((m): RegistryModelContent => {
      const aliasPairs = [...(m.aliases ?? [])].sort((a, b) => naturalCompare(a.alias, b.alias));
      const mine = byModel.get(m.name) ?? [];
      matched += mine.length;
      return {
        name: m.name,
        description: orNull(m.description),
        creationTimestamp: m.creation_timestamp ?? 0,
        lastUpdatedTimestamp: m.last_updated_timestamp ?? 0,
        tags: tagObject(m.tags),
        aliases: Object.fromEntries(aliasPairs.map((a) => [a.alias, a.version])),
        versions: mine
          .map((v): RegistryVersionContent => ({
            version: v.version,
            currentStage: v.current_stage ?? 'None',
            aliases: [...new Set([...(v.aliases ?? []), ...aliasPairs.filter((a) => a.version === v.version).map((a) => a.alias)])].sort(
              naturalCompare,
            ),
            tags: tagObject(v.tags),
            source: orNull(v.source),
            runId: orNull(v.run_id),
            status: orNull(v.status),
            userId: orNull(v.user_id),
            creationTimestamp: v.creation_timestamp ?? 0,
            lastUpdatedTimestamp: v.last_updated_timestamp ?? 0,
            description: orNull(v.description),
          }))
          .sort((a, b) => naturalCompare(a.version, b.version)),
      };
    });
  return { content: { server, models: out }, orphanVersions: versions.length - matched };
}
