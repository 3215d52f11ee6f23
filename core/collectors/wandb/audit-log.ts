import { z } from 'zod';
import { AppError, formatZodError } from '../../util/errors';
import { compareKeys } from '../../diff/compare';
import { canonicalText } from '../../util/canonical';
import { jsonTooDeep, tooDeepMessage } from '../../util/json-depth';

/** Multi-tenant cloud serves at most this much audit log; anything older is gone unless someone kept it. */
export const MULTI_TENANT_LOOKBACK_DAYS = 7;

/** One audit-log line (W&B docs, "Audit log schema"): every key kept; timestamp and action must be there. */
export const auditLine = z.looseObject({
  timestamp: z.string().refine((t) => !Number.isNaN(Date.parse(t)), 'must be an RFC 3339 time'),
  action: z.string().min(1),
});
export type AuditLine = z.output<typeof auditLine>;

export interface AuditLogContent {
  host: string;
  deployment: 'multi-tenant' | 'dedicated-or-self-managed' | 'unknown';
  /** The period the request covered (collection) or the entries span (import, `source: "entries"`). */
  window: { from: string; to: string; days: number | null; source: 'request' | 'entries' };
  /** 7 on multi-tenant cloud: two collections further apart than this leave a gap nobody can fill later. */
  lookbackLimitDays: number | null;
  count: number;
  actions: Record<string, number>;
  entries: AuditLine[];
  /**
   * Hours between the previous snapshot's window and this one that no snapshot covers. Present only when there is
   * such a gap: recorded at collection time, so it is in the signed log whether or not anyone runs a diff.
   */
  gapBefore?: AuditGap;
}

export interface AuditGap {
  previousItem: number;
  from: string;
  to: string;
  hours: number;
  /** False on multi-tenant cloud: W&B no longer serves those hours, so nobody can fetch them later. */
  recoverable: boolean;
}

/** The uncovered stretch between the previous snapshot's window and this one's, or null when they overlap or touch. */
export function auditGap(previous: { seq: number; content: unknown } | null, from: string, multiTenant: boolean): AuditGap | null {
  const prevTo = (previous?.content as { window?: { to?: unknown } } | undefined)?.window?.to;
  if (!previous || typeof prevTo !== 'string' || Date.parse(from) <= Date.parse(prevTo)) return null;
  const hours = Math.round(((Date.parse(from) - Date.parse(prevTo)) / 3_600_000) * 10) / 10;
  return { previousItem: previous.seq, from: prevTo, to: from, hours, recoverable: !multiTenant };
}

/**
 * Parses newline-delimited JSON as W&B serves it. Every line must parse and carry a timestamp and action, or the
 * whole answer is refused (a half-read log stored as complete would hide what it lost). Line numbers in errors.
 */
export function parseAuditJsonl(text: string, what: string): AuditLine[] {
  if (/^\s*</.test(text))
    throw new AppError('BAD_RESPONSE', `${what} returned an HTML page instead of JSON lines (a login page or proxy in the way?)`);
  const out: AuditLine[] = [];
  const lines = text.split(/\r?\n/);
  // A JSON array of lines (some tools save it that way) is accepted too.
  const trimmed = text.trim();
  const values: unknown[] = trimmed.startsWith('[') ? (parseOrThrow(trimmed, what, 1) as unknown[]) : [];
  if (!trimmed.startsWith('[')) {
    lines.forEach((line, i) => {
      if (line.trim()) values.push(parseOrThrow(line, what, i + 1));
    });
  }
  values.forEach((v, i) => {
    const r = auditLine.safeParse(v);
    if (!r.success) throw new AppError('BAD_RESPONSE', `${what}: entry ${i + 1} is not an audit-log line: ${formatZodError(r.error)}`);
    out.push(r.data);
  });
  return out;
}

function parseOrThrow(text: string, what: string, line: number): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new AppError('BAD_RESPONSE', `${what}: line ${line} is not JSON (${(err as Error).message.slice(0, 80)})`);
  }
  // Sorting and canonical JSON recurse over each line: depth is bounded as for every other answer (json-depth.ts).
  if (jsonTooDeep(value)) throw new AppError('BAD_RESPONSE', `${what}: line ${line} ${tooDeepMessage('').trim()}`);
  return value;
}

/** Sorted by time, then by content, so the same log always hashes the same; actions counted for the report. */
export function auditContent(
  host: string,
  deployment: AuditLogContent['deployment'],
  window: AuditLogContent['window'],
  lines: AuditLine[],
): AuditLogContent {
  const entries = lines
    .map((l) => ({ l, key: canonicalText(l) }))
    .sort((a, b) => compareKeys(a.l.timestamp, b.l.timestamp) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.l);
  const actions: Record<string, number> = {};
  for (const e of entries) actions[e.action] = (actions[e.action] ?? 0) + 1;
  const sorted = Object.fromEntries(Object.entries(actions).sort(([a], [b]) => compareKeys(a, b)));
  return {
    host,
    deployment,
    window,
    lookbackLimitDays: deployment === 'multi-tenant' ? MULTI_TENANT_LOOKBACK_DAYS : null,
    count: entries.length,
    actions: sorted,
    entries,
  };
}

/** The audit-log path and query for a deployment (W&B docs "Fetch audit logs using API"). */
export function auditRequest(
  multiTenant: boolean,
  days: number,
  anonymize: boolean | undefined,
): { path: string; params: Record<string, string | number> } {
  if (multiTenant) return { path: '/audit_logs', params: { numDays: Math.min(days, MULTI_TENANT_LOOKBACK_DAYS) } };
  return { path: '/admin/audit_logs', params: { numDays: days, ...(anonymize ? { anonymize: 'true' } : {}) } };
}
