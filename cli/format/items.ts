import type { ItemDetail, ItemPage } from '../../core/api';

const scopeText = (scope: Record<string, string>) =>
  Object.entries(scope)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');

export function formatItemPage(p: ItemPage): string {
  if (p.total === 0) return 'No items match.';
  const rows = p.rows.map(
    (r) =>
      `#${String(r.seq).padEnd(6)} ${r.collectedAt}  ${r.completeness.padEnd(8)} ${r.kind.padEnd(24)} ${(r.source ?? '-').padEnd(16)} ${scopeText(r.scope)}`,
  );
  const shown = p.rows.length ? `${p.offset + 1}–${p.offset + p.rows.length}` : 'none';
  return [
    ...rows,
    `Items ${shown} of ${p.total}${p.offset + p.rows.length < p.total ? ` (more with --offset ${p.offset + p.rows.length})` : ''}.`,
  ].join('\n');
}

function table(columns: string[], raw: string[][]): string[] {
  const rows = raw.map((r) => r.map((c) => c.replace(/\s*\n\s*/g, ' ')));
  const widths = columns.map((c, i) => Math.min(40, Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (c.length > widths[i]! ? `${c.slice(0, widths[i]! - 1)}…` : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

export function formatItem(d: ItemDetail): string {
  const i = d.integrity;
  const ipe = d.ipe as Record<string, unknown>;
  const lines = [
    `Item #${d.seq}: ${d.kind} from ${d.source ?? '-'} (${scopeText(d.scope)})`,
    `Collected ${d.collectedAt}, ${d.completeness}, ${d.provenance}${d.criteria.length ? `; supports ${d.criteria.join(', ')}` : ''}`,
    '',
  ];
  for (const t of d.tables) {
    lines.push(`${t.title}${t.note ? ` — ${t.note}` : ''}`);
    if (t.columns.length) lines.push(...table(t.columns, t.rows).map((l) => `  ${l}`));
    if (t.omitted) lines.push(`  … ${t.omitted} more rows (see --json)`);
    lines.push('');
  }
  lines.push(
    'IPE (how it was produced):',
    `  endpoints: ${(ipe.endpoints as string[] | undefined)?.join(', ') || '-'}`,
    `  parameters: ${JSON.stringify(ipe.parameters ?? {})}`,
    `  pages ${ipe.pages}, records ${ipe.recordsRetrieved}${ipe.apiTotal != null ? ` (API total ${ipe.apiTotal})` : ''}, request ids ${(ipe.requestIds as string[] | undefined)?.length ?? 0}`,
    `  command: ${ipe.command}`,
    ...((ipe.notes as string[] | undefined) ?? []).map((n) => `  note: ${n}`),
    '',
    'Integrity:',
    `  log index ${i.logIdx}, leaf ${i.leafHash}`,
    `  content sha256 ${i.contentSha256}`,
    `  ipe sha256     ${i.ipeSha256}`,
    `  stored bytes match the recorded hashes: ${i.hashesMatch ? 'yes' : 'NO'}; log entry matches: ${i.logEntryMatches ? 'yes' : 'NO'}`,
    i.checkpoint
      ? `  last checkpoint: size ${i.checkpoint.size} at ${i.checkpoint.at}, root ${i.checkpoint.root}, ${i.checkpoint.covers ? 'covers this item' : 'does not cover it yet'}`
      : '  no checkpoint yet',
  );
  return lines.join('\n');
}
