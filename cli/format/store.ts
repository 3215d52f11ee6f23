import type { LogEntryView, StoreStatus, StoreVerification } from '../../core/api';

export function formatStatus(s: StoreStatus): string {
  const runs =
    Object.entries(s.runs)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none';
  const kinds = Object.entries(s.itemsByKind).map(([k, v]) => `    ${k}: ${v}`);
  const lines = [
    `Store:           ${s.home}`,
    `Key fingerprint: ${s.keyFingerprint ?? '(none: run init)'}`,
    `Sources:         ${s.sources.map((x) => `${x.name} (${x.type})`).join(', ') || 'none'}`,
    `Runs:            ${runs}`,
    `Items:           ${s.items}`,
    ...kinds,
    `Log entries:     ${s.logSize}`,
    `Last checkpoint: ${s.lastCheckpoint ? `size ${s.lastCheckpoint.size} at ${s.lastCheckpoint.at}, root ${s.lastCheckpoint.root.slice(0, 16)}…` : 'none'}`,
  ];
  for (const r of s.lastRuns) lines.push(`  run #${r.id} ${r.source ?? '-'} ${r.status} ${r.startedAt}${r.reason ? ` (${r.reason})` : ''}`);
  if (s.warning) lines.push(`WARNING: ${s.warning.message}`);
  if (s.readOnly) lines.push(`Read-only:       ${s.readOnly}. Reading works; nothing can be recorded until that changes.`);
  return lines.join('\n');
}

export function formatVerification(r: StoreVerification): string {
  if (r.ok) {
    return `Store verified: ${r.logSize} log entries, ${r.items} items, ${r.checkpoints} checkpoints; root ${r.root ?? '(empty)'}`;
  }
  const first = r.problems[0]!;
  const rest = r.problems.slice(1, 10).map((p) => `  also: ${p.where}: ${p.reason}`);
  const more = r.problems.length > 10 ? [`  … ${r.problems.length - 10} more`] : [];
  return [`Store verification FAILED at ${first.where}: ${first.reason}`, ...rest, ...more].join('\n');
}

export function formatLog(entries: LogEntryView[]): string {
  if (entries.length === 0) return 'The log is empty.';
  return entries
    .map((e) => {
      const { type: _t, seq: _s, at: _a, actor, ...rest } = e.body as Record<string, unknown>;
      const who = actor as { osUser?: string; host?: string } | undefined;
      return `#${e.idx} ${e.at} ${e.type} ${who ? `${who.osUser}@${who.host}` : ''} ${JSON.stringify(rest)}`;
    })
    .join('\n');
}
