import type { Ipe } from '../../evidence/ipe';
import type { RequestTrace } from '../../http';
import { tracedIpe, type TracedIpeInput } from '../../collector-runtime/traced-ipe';
import { API_VERSIONS, type AzureKind } from './config';

export const KIND_API_VERSIONS: Record<AzureKind, string> = {
  'azure.rbac': `Microsoft.Authorization ${API_VERSIONS.authorization}; Microsoft Graph v1.0`,
  'azure.storage.retention': `Microsoft.Storage ${API_VERSIONS.storage}`,
  'azure.ml.registry': `Microsoft.MachineLearningServices ${API_VERSIONS.machineLearning}`,
};

/** Enough lines to re-run every kind of call; the full list is in the IPE's parameters.requests. */
const MAX_LINES = 12;

/** The first request of each endpoint, in the order made, as `az rest` lines (az adds the token itself). */
export function azRestLines(trace: RequestTrace): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const r of trace.requests) {
    if (r.includes(' → ')) continue;
    const [method, url, ...body] = r.split(' ');
    const endpoint = `${method} ${url!.replace(/\?.*$/, '')}`;
    if (seen.has(endpoint)) continue;
    seen.add(endpoint);
    lines.push(`az rest --method ${method!.toLowerCase()} --url '${url}'${body.length ? ` --body '${body.join(' ')}'` : ''}`);
  }
  if (lines.length <= MAX_LINES) return lines;
  return [
    ...lines.slice(0, MAX_LINES),
    `# … and ${lines.length - MAX_LINES} more requests of the same forms (each account, container, workspace or model): see parameters.requests`,
  ];
}

export type ItemIpeInput = TracedIpeInput<AzureKind> & { notes: string[] };

/** One IPE builder for collected and imported Azure items (ARM lists send no total count). */
export const azureIpe = (i: ItemIpeInput): Ipe => tracedIpe(KIND_API_VERSIONS[i.kind], i);
