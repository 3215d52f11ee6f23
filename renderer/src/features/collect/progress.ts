import type { ProgressEvent } from '@contract';

export interface ProgressRow {
  key: string;
  source: string;
  kind: string | null;
  region?: string;
  pages: number;
  items: number;
  errors: number;
  message?: string;
  done: boolean;
  startedAt: number;
  endedAt?: number;
}

/** Folds collection progress events into one row per source and kind (and region), in arrival order. */
export function foldProgress(rows: ProgressRow[], e: ProgressEvent, now: number): ProgressRow[] {
  if (e.phase !== 'collect' || !e.source) return rows;
  const key = `${e.source}|${e.kind ?? ''}|${e.region ?? ''}`;
  const i = rows.findIndex((r) => r.key === key);
  const prev: ProgressRow = rows[i] ?? {
    key,
    source: e.source,
    kind: e.kind ?? null,
    region: e.region,
    pages: 0,
    items: 0,
    errors: 0,
    done: false,
    startedAt: now,
  };
  const next: ProgressRow = {
    ...prev,
    pages: Math.max(prev.pages, e.pages ?? 0),
    items: Math.max(prev.items, e.items ?? 0),
    errors: prev.errors + (e.errors ?? 0),
    message: e.message ?? prev.message,
    done: prev.done || Boolean(e.done),
    endedAt: e.done ? now : prev.endedAt,
  };
  // The source-level "done" closes every kind of that source still open.
  const out = i >= 0 ? rows.map((r, j) => (j === i ? next : r)) : [...rows, next];
  if (!e.kind && e.done) return out.map((r) => (r.source === e.source && !r.done ? { ...r, done: true, endedAt: now } : r));
  return out;
}

export function rowState(r: ProgressRow): 'running' | 'complete' | 'partial' | 'failed' {
  if (!r.done) return 'running';
  const m = (r.message ?? '').toLowerCase();
  if (m.startsWith('failed') || m === 'failed') return 'failed';
  if (m.startsWith('partial') || m === 'partial') return 'partial';
  return r.errors > 0 ? 'partial' : 'complete';
}
