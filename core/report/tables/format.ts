/** Small, defensive helpers that turn unknown JSON into short table cells. */

import type { ReportItem, ReportTable } from '../types';

export type Json = unknown;

/** Rows kept per table; the rest are counted and named in an "N more rows" line, never dropped silently. */
export const MAX_ROWS = 300;

/** A table for one snapshot item, capped at MAX_ROWS. */
export function snapshotTable(
  section: ReportTable['section'],
  title: string,
  item: ReportItem,
  columns: string[],
  rows: string[][],
  note: string | null = null,
): ReportTable {
  return {
    section,
    title,
    kind: item.kind,
    series: item.series,
    asOf: item.evidenceFor ?? item.collectedAt, // an imported file speaks for the day it shows, not the import
    seq: item.seq,
    columns,
    rows: rows.slice(0, MAX_ROWS),
    omitted: Math.max(0, rows.length - MAX_ROWS),
    note,
  };
}
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function cell(v: unknown, max = 90): string {
  let s: string;
  if (v === undefined || v === null || v === '') s = '-';
  else if (typeof v === 'string') s = v;
  else if (typeof v === 'number' || typeof v === 'boolean') s = String(v);
  else if (Array.isArray(v)) s = v.every((x) => typeof x !== 'object' || x === null) ? v.join(', ') || '-' : `${v.length} entries`;
  else
    s = Object.entries(v as Obj)
      .map(([k, x]) => `${k}: ${typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x)}`)
      .join(', ');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** The first present field among `names` (case-insensitive), e.g. a user name spelled by different providers. */
export function pick(o: Obj, names: readonly string[]): unknown {
  for (const n of names) if (o[n] !== undefined) return o[n];
  const lower = new Map(Object.keys(o).map((k) => [k.toLowerCase(), k]));
  for (const n of names) {
    const k = lower.get(n.toLowerCase());
    if (k !== undefined && o[k] !== undefined) return o[k];
  }
  return undefined;
}

/** The main list of records in a snapshot: a preferred field if present, else the longest array of objects. */
export function mainList(content: Json, preferred: readonly string[]): { field: string; list: Obj[] } | null {
  if (Array.isArray(content)) return { field: '(root)', list: content.filter(isObj) };
  if (!isObj(content)) return null;
  for (const f of preferred) {
    const v = content[f];
    if (Array.isArray(v)) return { field: f, list: v.filter(isObj) };
  }
  let best: { field: string; list: Obj[] } | null = null;
  for (const [k, v] of Object.entries(content)) {
    if (Array.isArray(v) && v.some(isObj) && (!best || v.length > best.list.length)) best = { field: k, list: v.filter(isObj) };
  }
  return best;
}

const NAME_FIELDS = ['username', 'userName', 'user', 'name', 'email', 'principal', 'member', 'arn', 'id', 'Name', 'bucket', 'logGroupName'];

export function subjectOf(o: Obj): string {
  return cell(pick(o, NAME_FIELDS));
}

/** Whole days between an ISO time and the snapshot time, or '-' when the field is absent or not a date. */
export function ageDays(iso: unknown, asOf: string): string {
  if (typeof iso !== 'string') return '-';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return cell(iso, 20);
  return String(Math.max(0, Math.floor((Date.parse(asOf) - t) / 86_400_000)));
}

export function yesNo(v: unknown): string {
  if (v === true || v === 'true' || v === 'TRUE') return 'yes';
  if (v === false || v === 'false' || v === 'FALSE') return 'no';
  return cell(v, 20);
}

/** ISO timestamps as "2026-01-03 10:00Z" (UTC, minutes); anything else as a plain cell. */
export function dateCell(v: unknown): string {
  if (typeof v === 'number' && Number.isFinite(v)) return `${new Date(v).toISOString().slice(0, 16).replace('T', ' ')}Z`;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))) {
    return `${new Date(Date.parse(v)).toISOString().slice(0, 16).replace('T', ' ')}Z`;
  }
  return cell(v, 25);
}
