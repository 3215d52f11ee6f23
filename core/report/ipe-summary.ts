import type { IpeSummary } from './types';

const MAX_REQUEST_IDS = 5;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** How many values core/redact replaced in the item, and by which rules (never where: the .ipe.json has the paths). */
function redactionsOf(v: unknown): Pick<IpeSummary, 'redactions'> {
  if (!Array.isArray(v) || v.length === 0) return {};
  const rules = [...new Set(v.map((r) => (r && typeof r === 'object' ? String((r as { rule?: unknown }).rule) : '?')))].sort();
  return { redactions: { count: v.length, rules } };
}

/** The IPE facts an auditor reads per item (source, query, pages, counts, request ids, re-run command). */
export function summarizeIpe(bytes: Buffer): IpeSummary | null {
  let ipe: Record<string, unknown>;
  try {
    ipe = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
  const source = (ipe.source ?? {}) as Record<string, unknown>;
  const requestIds = strings(ipe.requestIds);
  const params = ipe.parameters;
  return {
    sourceType: str(source.type) ?? 'unknown',
    endpoints: strings(ipe.endpoints),
    apiVersion: str(ipe.apiVersion),
    serverVersion: str(ipe.serverVersion),
    parameters: params && typeof params === 'object' && !Array.isArray(params) ? (params as Record<string, unknown>) : {},
    pages: num(ipe.pages) ?? 0,
    recordsRetrieved: num(ipe.recordsRetrieved) ?? 0,
    apiTotal: num(ipe.apiTotal),
    requestIds: requestIds.slice(0, MAX_REQUEST_IDS),
    requestIdsOmitted: Math.max(0, requestIds.length - MAX_REQUEST_IDS),
    command: str(ipe.command) ?? '',
    error: str(ipe.error),
    notes: strings(ipe.notes),
    ...redactionsOf(ipe.redactions),
  };
}
