import type { Registry } from './map';

/**
 * TTL as W&B reports it (reference §2): ttlIsInherited = the team default applies; otherwise a positive
 * ttlDurationSeconds is a TTL set on the artifact, and ≤ 0 or none means it never expires (the SDK writes -2 for
 * DISABLED). The seconds of an inherited TTL are the team default's, when the server resolves them.
 */
export type TtlStatus = 'set' | 'inherited' | 'disabled';

export interface RetentionVersion {
  registry: string;
  collection: string;
  version: string;
  sourceArtifact: string;
  ttl: TtlStatus;
  ttlSeconds: number | null;
}

export interface RetentionContent {
  host: string;
  /**
   * The team default TTL is shown only in the W&B UI: the user types what it says, so it is an attestation, never
   * an API value. null when nobody attested it.
   */
  teamTtlDefault: { value: string | null; attested: true; basis: string };
  versions: RetentionVersion[];
}

export const ATTESTED_BASIS = 'typed into the source config by the user from the W&B UI (no API serves the team default TTL)';

export function ttlOf(seconds: number | null, inherited: boolean | null): { ttl: TtlStatus; ttlSeconds: number | null } {
  const positive = seconds !== null && seconds > 0 ? seconds : null;
  if (inherited) return { ttl: 'inherited', ttlSeconds: positive };
  return positive !== null ? { ttl: 'set', ttlSeconds: positive } : { ttl: 'disabled', ttlSeconds: null };
}

/** One row per registry version's source artifact; registries and their order come from the registry listing. */
export function buildRetention(host: string, teamTtlDefault: string | undefined, registries: Registry[]): RetentionContent {
  const versions: RetentionVersion[] = [];
  for (const r of registries) {
    const registry = r.legacy ? `${r.entity}/${r.name}` : r.name;
    for (const c of r.collections) {
      for (const v of c.versions)
        versions.push({
          registry,
          collection: c.name,
          version: v.version,
          sourceArtifact: v.sourceArtifact,
          ...ttlOf(v.ttlDurationSeconds, v.ttlIsInherited),
        });
    }
  }
  return { host, teamTtlDefault: { value: teamTtlDefault ?? null, attested: true, basis: ATTESTED_BASIS }, versions };
}
