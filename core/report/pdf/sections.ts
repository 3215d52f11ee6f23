import type { CriterionReport, ReportItem, ReportTable } from '../types';
import { drawHeatmap } from './heatmap';
import { utc } from './cover';
import { COLORS, type Layout } from './page-layout';
import { autoColumns, drawTable } from './table';
import { drawMonoTable } from './table-mono';

const RUN_ROWS = 300;
const SECTION_TITLES: Record<ReportTable['section'], string> = {
  access: 'Access lists',
  changes: 'Joiners, leavers and access changes',
  registry: 'Model-registry timeline',
  lineage: 'Model lineage',
  retention: 'Retention settings per store',
  other: 'Audit logging and other evidence',
};

const badFill = (status: string) =>
  status === 'failed' || status === 'interrupted' ? COLORS.badFill : status === 'partial' ? COLORS.warnFill : null;

export function drawCoverage(l: Layout, r: CriterionReport): void {
  l.newPage();
  l.heading('Coverage over the period');
  const allowed = r.coverage[0]?.allowedGapHours ?? 48;
  const grace = r.coverage[0]?.graceHours ?? 24;
  l.paragraph(
    `Each row is one evidence series (kind, source, scope). Period coverage needs a complete collection within ${grace} h of both period ends and no gap above ${allowed} h (cadence + 24 h). Diff series inherit coverage from their snapshot series: their change population is complete only as far as those snapshots are.`,
    { size: 8.5 },
  );
  if (r.heatmap) drawHeatmap(l, r.heatmap);
  if (r.coverage.length === 0) {
    l.banner('No evidence series', 'Nothing mapped to this criterion was collected in the period.', 'warn');
    return;
  }
  drawTable(l, {
    title: 'Coverage per series',
    columns: [
      { header: 'Series', weight: 2.6 },
      { header: 'Complete / partial / failed', weight: 1.1, align: 'right' },
      { header: 'First', weight: 1.1 },
      { header: 'Last', weight: 1.1 },
      { header: 'Longest gap (h)', weight: 0.9, align: 'right' },
      { header: 'Baseline', weight: 1.2 },
      { header: 'Coverage, assurance', weight: 1.3 },
      { header: 'Why not period', weight: 2.8 },
    ],
    rows: r.coverage.map((c) => [
      c.series,
      `${c.collections} / ${c.partial} / ${c.failed}`,
      utc(c.first),
      utc(c.last),
      String(c.longestGapHours),
      c.baselineSeq === null ? 'none' : `#${c.baselineSeq} ${utc(c.baselineAt)}`,
      `${c.label}\n${c.assurance}`,
      [
        ...c.reasons,
        ...c.gaps.slice(0, 5).map((g) => `gap ${utc(g.from)} → ${utc(g.to)} (${g.hours} h)`),
        ...(c.gaps.length > 5 ? [`${c.gaps.length - 5} more gaps`] : []),
      ].join('; ') || '-',
    ]),
    rowFill: (row) => (row[6]!.startsWith('period') ? null : COLORS.warnFill),
  });
}

export function drawEvidenceTables(l: Layout, r: CriterionReport): void {
  let section: ReportTable['section'] | null = null;
  for (const t of r.tables) {
    if (t.section !== section) {
      section = t.section;
      l.newPage();
      l.heading(SECTION_TITLES[section]);
    } else l.y += 8;
    const asOf = t.asOf ? `As of ${utc(t.asOf)} (item #${t.seq}, latest complete snapshot of ${t.series}).` : '';
    l.heading(t.title, 2);
    if (asOf || t.note) l.paragraph([asOf, t.note ?? ''].join(' ').trim(), { size: 8, color: COLORS.muted });
    if (t.rows.length === 0) {
      if (t.columns.length) l.paragraph('No rows.', { size: 8.5 });
      continue;
    }
    drawTable(l, { columns: autoColumns(t.columns, t.rows), rows: t.rows, continuation: t.title });
    if (t.omitted > 0) {
      const where = t.seq !== null ? `evidence/${t.kind}/ (item #${t.seq})` : `evidence/${t.kind}/`;
      l.paragraph(`${t.omitted} more rows in ${where}: the table shows the first ${t.rows.length}.`, { size: 8.5, color: COLORS.bad, font: 'bold' });
    }
  }
}

export function drawRuns(l: Layout, r: CriterionReport): void {
  l.newPage();
  l.heading('Failed and partial runs');
  const bad = r.runs.filter((x) => x.status !== 'complete');
  const complete = r.runs.length - bad.length;
  if (bad.length === 0) l.paragraph(`All ${r.runs.length} collection runs started in the period completed.`);
  else {
    l.banner(
      `${bad.length} run(s) in the period did not complete`,
      `${complete} of ${r.runs.length} runs completed. Every other run is listed below with its reason; evidence it did not collect is missing from the series above.`,
      'bad',
    );
    drawTable(l, {
      columns: [
        { header: 'Run', weight: 0.5 },
        { header: 'Source', weight: 1.2 },
        { header: 'Status', weight: 0.8 },
        { header: 'Started', weight: 1.2 },
        { header: 'Finished', weight: 1.2 },
        { header: 'Reason', weight: 4 },
      ],
      rows: bad.slice(0, RUN_ROWS).map((x) => [`#${x.id}`, x.source ?? '-', x.status, utc(x.startedAt), utc(x.finishedAt), x.reason ?? '-']),
      rowFill: (row) => badFill(row[2]!),
    });
    if (bad.length > RUN_ROWS)
      l.paragraph(`${bad.length - RUN_ROWS} more runs: see the store's run list (evidence-locker log).`, { font: 'bold', color: COLORS.bad });
  }
  const items = r.items.filter((i) => i.completeness !== 'complete');
  if (items.length) {
    l.heading('Partial and failed items', 2);
    drawTable(l, {
      columns: [
        { header: 'Item', weight: 0.6 },
        { header: 'Kind', weight: 1.6 },
        { header: 'Source', weight: 1 },
        { header: 'Collected', weight: 1.2 },
        { header: 'Status', weight: 0.8 },
        { header: 'Error', weight: 4 },
      ],
      rows: items.slice(0, RUN_ROWS).map((i) => [`#${i.seq}`, i.kind, i.source ?? '-', utc(i.collectedAt), i.completeness, i.ipe?.error ?? '-']),
      rowFill: (row) => badFill(row[4]!),
    });
    if (items.length > RUN_ROWS)
      l.paragraph(`${items.length - RUN_ROWS} more partial or failed items: every one is in the IPE appendix.`, { font: 'bold', color: COLORS.bad });
  }
}

const params = (p: Record<string, unknown>) =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');

/** "Redacted values: 3 in 2 items (rules …)" when core/redact replaced secrets in any item of the series. */
function redactedNote(items: readonly ReportItem[]): string[] {
  const withAny = items.filter((i) => i.ipe?.redactions);
  if (withAny.length === 0) return [];
  const count = withAny.reduce((n, i) => n + i.ipe!.redactions!.count, 0);
  const rules = [...new Set(withAny.flatMap((i) => i.ipe!.redactions!.rules))].sort();
  return [
    `Redacted values: ${count} in ${withAny.length} item${withAny.length === 1 ? '' : 's'} (rules ${rules.join(', ')}), replaced before hashing; each item's .ipe.json names the rule and JSON path of each.`,
  ];
}

/** Per series: how its items were produced (shared facts once), then one line per item. */
export function drawIpeAppendix(l: Layout, r: CriterionReport): void {
  l.newPage();
  l.heading('Appendix: how each item was produced (IPE)');
  l.paragraph(
    "Information produced by the entity: for each series, the source, endpoints, parameters and re-run command, then every item with its pages, records retrieved against the API total, request ids and content hash. Labels are provenance, coverage (pit = point_in_time) and assurance; B marks the baseline taken before the period. Each item's full record is in evidence/<kind>/<item>.ipe.json.",
    { size: 8.5 },
  );
  const bySeries = new Map<string, ReportItem[]>();
  for (const i of r.items) {
    const list = bySeries.get(i.series);
    if (list) list.push(i);
    else bySeries.set(i.series, [i]);
  }
  for (const [series, items] of bySeries) {
    const last = items.at(-1)!;
    const ipe = last.ipe;
    l.heading(series, 2);
    const commands = new Set(items.map((i) => i.ipe?.command ?? ''));
    l.paragraph(
      [
        `Source: ${last.source ?? '-'} (${ipe?.sourceType ?? '?'}), API ${ipe?.apiVersion ?? '-'}${ipe?.serverVersion ? `, server ${ipe.serverVersion}` : ''}.`,
        `Endpoints: ${ipe?.endpoints.join(', ') || '-'}.`,
        `Parameters: ${ipe ? params(ipe.parameters) || '-' : '-'}.`,
        commands.size === 1 ? `Re-run: ${[...commands][0] || '-'}` : `Re-run: per item below (${commands.size} distinct commands).`,
        ...(ipe?.notes.length ? [`Notes: ${ipe.notes.join(' ')}`] : []),
        ...redactedNote(items),
      ].join('\n'),
      { size: 7.5, font: 'cond' },
    );
    drawMonoTable(l, {
      columns: [
        { header: 'Item', chars: 7 },
        { header: 'Collected / for', chars: 17 },
        { header: 'Status', chars: 8 },
        { header: 'Labels', chars: 29 },
        { header: 'Pages', chars: 5, align: 'right' },
        { header: 'Got/total', chars: 11, align: 'right' },
        { header: commands.size === 1 ? 'Request ids' : 'Request ids / command', chars: 22 },
        { header: 'SHA-256 (prefix)', chars: 16 },
      ],
      continuation: series,
      rows: (function* () {
        for (const i of items) {
          const p = i.ipe;
          const ids = p ? p.requestIds.join(' ') + (p.requestIdsOmitted ? ` +${p.requestIdsOmitted}` : '') : '';
          yield [
            `#${i.seq}${i.baseline ? ' B' : ''}`,
            // An import of an older file: the day it is evidence for (what places it in the period), marked "for".
            i.evidenceFor ? `for ${utc(i.evidenceFor).slice(0, 10)}` : utc(i.collectedAt),
            i.completeness,
            `${i.labels.provenance} ${i.labels.coverage === 'period' ? 'period' : 'pit'} ${i.labels.assurance}`,
            String(p?.pages ?? '-'),
            `${p?.recordsRetrieved ?? '-'} / ${p?.apiTotal ?? '?'}`,
            commands.size === 1 ? ids || '-' : `${ids} ${p?.command ?? ''}`.trim(),
            i.contentSha256.slice(0, 16),
          ];
        }
      })(),
      rowFill: (row) => badFill(row[2]!),
    });
  }
}
