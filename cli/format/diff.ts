import type { DiffView as DiffResult } from '../../core/api';

/** A value in one table cell: strings bare, absent as "-", anything else as compact JSON. */
function cell(v: unknown): string {
  if (v === undefined || v === null) return '-';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

const snapshot = (s: DiffResult['from']) =>
  `#${s.seq} (${s.collectedAt}, sha256 ${s.contentSha256.slice(0, 12)}…${s.completeness === 'complete' ? '' : `, ${s.completeness}`})`;

/** Header naming both snapshots, then one row per change: type, subject, field, before → after. */
export function formatDiff(r: DiffResult): string {
  const lines = [`${r.kind} of source "${r.source}": ${snapshot(r.from)} → ${snapshot(r.to)}`];
  for (const w of r.warnings) lines.push(`WARNING: ${w}`);
  if (r.changes.length === 0) {
    lines.push('No changes.');
  } else {
    const rows = r.changes.map((c) => [c.type, c.subject, c.field ?? '', `${cell(c.before)} → ${cell(c.after)}`]);
    const header = ['TYPE', 'SUBJECT', 'FIELD', 'BEFORE → AFTER'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    const line = (row: string[]) =>
      row
        .map((v, i) => (i === row.length - 1 ? v : v.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd();
    lines.push('', line(header), ...rows.map(line));
    lines.push(
      '',
      Object.entries(r.counts)
        .map(([t, n]) => `${t}: ${n}`)
        .join(', '),
    );
  }
  lines.push(
    r.recorded.reused
      ? `Already recorded as evidence item #${r.recorded.seq} (${r.recorded.kind}); nothing new was logged.`
      : `Recorded as evidence item #${r.recorded.seq} (${r.recorded.kind}).`,
  );
  return lines.join('\n');
}
