import type { DueResult, PeriodView, ReadinessView, ScheduleView } from '../../core/api';

const STATUS: Record<string, string> = { covered: 'covered', at_risk: 'AT RISK', not_covered: 'NOT COVERED', not_applicable: 'n/a' };

function table(columns: string[], rows: string[][]): string[] {
  const widths = columns.map((c, i) => Math.min(60, Math.max(c.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (c.length > widths[i]! ? `${c.slice(0, widths[i]! - 1)}…` : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

export function formatPeriods(periods: PeriodView[]): string {
  if (periods.length === 0) return 'No audit periods yet. Add one with `evidence-locker period add NAME --from DAY --to DAY`.';
  return table(
    ['Name', 'Type', 'From', 'To', 'Criteria in scope', 'N/A'],
    periods.map((p) => [
      p.name,
      p.type === 'type1' ? 'Type 1' : 'Type 2',
      p.from,
      p.to,
      p.criteria.join(' '),
      p.notApplicable.map((n) => n.criterion).join(' '),
    ]),
  ).join('\n');
}

export function formatSchedules(list: ScheduleView[]): string {
  if (list.length === 0) return 'No sources yet.';
  return table(
    ['Source', 'Type', 'Cadence', 'Since', 'Next due'],
    list.map((s) => [
      s.source,
      s.sourceType,
      `${s.cadence === 'cron' ? `cron ${s.cron}` : s.cadence}${s.isDefault ? ' (default)' : ''}`,
      s.since,
      s.importOnly ? 'imports only' : (s.nextDue ?? '-'),
    ]),
  ).join('\n');
}

export function formatReadiness(r: ReadinessView): string {
  const lines: string[] = [];
  if (r.period) {
    const p = r.period;
    lines.push(`${p.name}: ${p.type === 'type1' ? `Type 1 as of ${p.from}` : `Type 2, ${p.from} .. ${p.to}`}, judged to ${r.evaluatedTo}`);
    lines.push(
      `Criteria: ${r.counts.covered} covered, ${r.counts.at_risk} at risk, ${r.counts.not_covered} not covered, ${r.counts.not_applicable} not applicable`,
      '',
    );
    const rows = r.criteria.map((c) => {
      const labels = c.series[0]?.labels;
      const why = c.status === 'not_applicable' ? `N/A: ${c.notApplicable?.justification ?? ''}` : (c.reasons[0]?.message ?? '');
      const more = c.reasons.length > 1 ? ` (+${c.reasons.length - 1} more)` : '';
      return [c.id, STATUS[c.status]!, labels ? `${labels.assurance}/${labels.coverage}/${labels.provenance}` : '-', `${why}${more}`];
    });
    lines.push(...table(['Criterion', 'Status', 'Labels (first series)', 'Why'], rows), '');
  }
  lines.push(
    ...table(
      ['Source', 'Status', 'Freshness', 'Last success', 'Next due', 'Failures', 'Missed'],
      r.sources.map((s) => [
        s.source,
        s.status.replace(/_/g, ' '),
        s.freshness.replace(/_/g, ' '),
        s.lastSuccess?.at ?? 'never',
        s.nextDue ?? '-',
        String(s.consecutiveFailures),
        String(s.missed.length),
      ]),
    ),
  );
  const overdue = r.sources.filter((s) => s.freshness === 'overdue');
  const live = overdue.filter((s) => !s.importOnly).map((s) => s.source);
  const imported = overdue.filter((s) => s.importOnly).map((s) => s.source);
  if (live.length) lines.push('', `Overdue: ${live.join(', ')}. Run \`evidence-locker collect --due\` (and check the failures above).`);
  if (imported.length) lines.push('', `Overdue imports: ${imported.join(', ')}. Import a fresh admin export (\`evidence-locker import\`).`);
  return lines.join('\n');
}

export function formatDue(r: DueResult): string {
  const lines = [`Checked at ${r.checkedAt}${r.dryRun ? ' (dry run: nothing recorded or run)' : ''}.`];
  for (const m of r.missed)
    lines.push(
      `MISSED: ${m.source} was due ${m.dueAt} (${m.cadence}); no run started before ${m.windowEnd}${r.dryRun ? '' : ' (recorded in the log)'}`,
    );
  for (const s of r.ran)
    lines.push(`ran ${s.source} (${s.type}) run #${s.runId}: ${s.status}${s.code ? ` [${s.code}]` : ''}${s.reason ? ` (${s.reason})` : ''}`);
  if (r.dryRun) for (const name of r.due) lines.push(`due: ${name}`);
  for (const s of r.skipped) lines.push(`skipped ${s.source}: ${s.reason.replace(/_/g, ' ')}${s.nextDue ? `, next due ${s.nextDue}` : ''}`);
  if (r.due.length === 0 && r.missed.length === 0) lines.push('Nothing was due.');
  return lines.join('\n');
}
