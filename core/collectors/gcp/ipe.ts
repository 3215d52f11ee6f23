import { makeIpe, type Completeness, type Ipe, type Provenance } from '../../evidence/ipe';
import { traceIpeFields, type RequestTrace } from '../../http';
import { GCP_API_VERSIONS, type GcpConfig, type GcpKind } from './config';

/**
 * gcloud reads endpoint overrides from CLOUDSDK_API_ENDPOINT_OVERRIDES_<API>; with them the stored command
 * reaches the same server we did. Never a credential: gcloud uses whoever runs it.
 */
function overrides(kind: GcpKind, config: Pick<GcpConfig, 'resourceManagerEndpoint' | 'storageEndpoint' | 'vertexEndpoint'>): string {
  const root = (u: string) => `${u.replace(/\/+$/, '')}/`;
  if (kind === 'gcp.iam' && config.resourceManagerEndpoint)
    return `CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDRESOURCEMANAGER=${root(config.resourceManagerEndpoint)} `;
  if (kind === 'gcp.storage.retention' && config.storageEndpoint)
    return `CLOUDSDK_API_ENDPOINT_OVERRIDES_STORAGE=${root(config.storageEndpoint)}storage/v1/ `;
  if (kind === 'gcp.vertex.registry' && config.vertexEndpoint && !config.vertexEndpoint.includes('{region}'))
    return `CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM=${root(config.vertexEndpoint)} `;
  return '';
}

export function gcloudCommand(kind: GcpKind, commands: string[], config: GcpConfig): string {
  const prefix = overrides(kind, config);
  return commands.map((c) => `${prefix}${c}`).join('\n');
}

export interface GcpIpeInput {
  kind: GcpKind;
  source: { type: string; name: string };
  trace: RequestTrace | null;
  parameters: Record<string, unknown>;
  recordsRetrieved: number;
  command: string;
  completeness: Completeness;
  error: string | null;
  provenance: Provenance;
  actor: { osUser: string; host: string };
  toolVersion: string;
  startedAt: string;
  finishedAt: string;
  notes?: string[];
  importedFile?: { name: string; sha256: string; bytes: number };
}

/** One IPE shape for collections and imports of every GCP kind. */
export function gcpIpe(i: GcpIpeInput): Ipe {
  return makeIpe({
    source: i.source,
    apiVersion: GCP_API_VERSIONS[i.kind],
    serverVersion: null,
    ...traceIpeFields(i.trace, i.parameters),
    recordsRetrieved: i.recordsRetrieved,
    // Google list calls send no total count: every listing was followed until nextPageToken was absent.
    apiTotal: null,
    actor: i.actor,
    toolVersion: i.toolVersion,
    command: i.command,
    completeness: i.completeness,
    error: i.error,
    provenance: i.provenance,
    startedAt: i.startedAt,
    finishedAt: i.finishedAt,
    notes: i.notes?.length ? i.notes : undefined,
    importedFile: i.importedFile,
  });
}
