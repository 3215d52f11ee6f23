import type { Tone } from '../components/ui';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const number = new Intl.NumberFormat();

export const fmtNumber = (n: number | null | undefined) => (n === null || n === undefined ? '—' : number.format(n));
export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : date.format(d);
}
export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
export function fmtDuration(ms: number): string {
  if (ms < 10_000) return `${(Math.max(0, ms) / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}
export function relative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const diff = now - new Date(iso).getTime();
  const mins = Math.round(diff / 60_000);
  if (mins < 1) return 'just now';
  if (mins < 60) return `${mins} min ago`;
  const hours = Math.round(mins / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}
/** Hex digits in groups of four: easier to read aloud and compare by eye. */
export const groupHex = (hex: string) => hex.replace(/(.{4})/g, '$1 ').trim();
export const shortHash = (hex: string) => `${hex.slice(0, 12)}…`;
export const today = () => new Date().toISOString().slice(0, 10);
export function daysAgo(n: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

export function toneOf(status: string): Tone {
  switch (status) {
    case 'complete':
    case 'valid':
    case 'ok':
      return 'ok';
    case 'partial':
    case 'interrupted':
      return 'warn';
    case 'failed':
    case 'connection_error':
    case 'invalid':
      return 'bad';
    case 'running':
      return 'info';
    default:
      return 'muted';
  }
}

export const kindLabel = (kind: string) => kind;
