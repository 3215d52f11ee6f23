import type { Ipe } from '../../evidence/ipe';
import { tracedIpe, type TracedIpeInput } from '../../collector-runtime/traced-ipe';
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

export type GcpIpeInput = TracedIpeInput<GcpKind>;

/** One IPE shape for collections and imports of every GCP kind; Google list calls send no total count. */
export const gcpIpe = (i: GcpIpeInput): Ipe => tracedIpe(GCP_API_VERSIONS[i.kind], i);
