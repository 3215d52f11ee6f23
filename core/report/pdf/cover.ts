import type { CriterionReport } from '../types';
import { COLORS, type Layout } from './page-layout';

export const utc = (iso: string | null): string => (iso ? `${iso.slice(0, 16).replace('T', ' ')}Z` : '-');

/** Failed and partial runs and items: named on the cover, listed in full later, never hidden. */
export function problemCounts(r: CriterionReport) {
  return {
    failedRuns: r.runs.filter((x) => x.status === 'failed' || x.status === 'interrupted').length,
    partialRuns: r.runs.filter((x) => x.status === 'partial').length,
    seriesWithGaps: r.coverage.filter((c) => c.gaps.length > 0).length,
  };
}

function field(l: Layout, label: string, value: string, mono = false): void {
  const doc = l.doc;
  const y = doc.y;
  l.font('sans', 9, COLORS.muted).text(label, l.left, y, { width: 120 });
  l.font(mono ? 'mono' : 'bold', mono ? 9 : 10.5, COLORS.text).text(value, l.left + 125, y - (mono ? 0 : 1), { width: l.width - 125 });
  doc.y = Math.max(doc.y, y + 14) + 5;
}

function countBox(l: Layout, x: number, y: number, label: string, n: number, color: string): void {
  l.doc.roundedRect(x, y, 150, 52, 4).lineWidth(1).strokeColor(color).stroke();
  l.font('bold', 20, color).text(String(n), x, y + 6, { width: 150, align: 'center' });
  l.font('sans', 8.5, COLORS.muted).text(label, x, y + 33, { width: 150, align: 'center' });
}

/** Cover page: who, which criterion, which period, which key signs it, and how many items of each completeness. */
export function drawCover(l: Layout, r: CriterionReport): void {
  const doc = l.doc;
  l.font('sans', 10, COLORS.muted).text('SOC 2 evidence report · Trust Services Criteria (2017, revised points of focus 2022)', l.left, 70, {
    width: l.width,
  });
  l.font('bold', 30, COLORS.accent).text(r.criterion.id, l.left, 100, { width: l.width });
  l.font('bold', 17, COLORS.text).text(r.criterion.title, l.left, doc.y + 2, { width: l.width });
  doc.y += 26;
  field(l, 'Organisation', r.org);
  field(l, 'Period (UTC)', `${r.period.from} to ${r.period.to}`);
  field(l, 'Generated', utc(r.generatedAt));
  field(l, 'Bundle id', r.bundleId ?? '(report generated outside a bundle)');
  field(l, 'Signing key fingerprint', r.keyFingerprint, true);
  doc.y += 10;
  const y = doc.y;
  countBox(l, l.left, y, 'complete items', r.counts.complete, COLORS.ok);
  countBox(l, l.left + 175, y, 'partial items', r.counts.partial, r.counts.partial ? COLORS.warn : COLORS.muted);
  countBox(l, l.left + 350, y, 'failed items', r.counts.failed, r.counts.failed ? COLORS.bad : COLORS.muted);
  doc.y = y + 70;
  const p = problemCounts(r);
  const baselines = r.items.filter((i) => i.baseline).length;
  l.paragraph(
    `${r.items.length} evidence items (${baselines} baseline snapshot${baselines === 1 ? '' : 's'} taken before the period), ${r.coverage.length} evidence series, ${r.runs.length} collection runs in the period.`,
  );
  if (p.failedRuns || p.partialRuns || r.counts.failed || r.counts.partial) {
    l.banner(
      'Failed or partial collections in this period',
      `${p.failedRuns} failed or interrupted run(s), ${p.partialRuns} partial run(s), ${r.counts.failed} failed and ${r.counts.partial} partial item(s). Each is listed under "Failed and partial runs"; partial items may not hold the full population.`,
      'bad',
    );
  }
  if (p.seriesWithGaps) {
    l.banner('Coverage gaps', `${p.seriesWithGaps} evidence series have gaps longer than the allowed interval; see "Coverage" for each gap.`, 'warn');
  }
  doc.y = Math.max(doc.y, 640);
  l.paragraph(
    'This report lists evidence that supports the criterion above. The service auditor decides whether controls meet the criterion; nothing in this report states compliance. Every file named here is in the bundle, hashed in SHA256SUMS and signed with the key above; the bundle README explains how to verify it with openssl and coreutils.',
    { size: 8.5, color: COLORS.muted },
  );
}

/** What the criterion asks, and which evidence kinds support it with what the auditor should look at. */
export function drawCriterion(l: Layout, r: CriterionReport): void {
  l.newPage();
  l.heading(`${r.criterion.id} · what the criterion asks`);
  l.paragraph(r.criterion.asks, { size: 10.5 });
  l.paragraph('(Our paraphrase, not AICPA wording.)', { size: 8, color: COLORS.muted });
  l.heading('Evidence that supports it');
  const itemsByKind = new Map<string, number>();
  for (const i of r.items) itemsByKind.set(i.kind, (itemsByKind.get(i.kind) ?? 0) + 1);
  const present = r.mappings.filter((m) => itemsByKind.has(m.kind));
  if (present.length === 0)
    l.banner('No evidence in this period', 'No item of any kind mapped to this criterion was collected in the period or before it.', 'warn');
  for (const m of present) {
    l.ensure(50);
    l.font('bold', 10, COLORS.text).text(
      `${m.kind}  ·  ${itemsByKind.get(m.kind)} item(s)${m.derived ? '  ·  derived from consecutive snapshots' : ''}`,
      l.left,
      l.y,
      { width: l.width },
    );
    l.y += 1;
    l.paragraph(`Supports ${m.criteria.join(', ')}. What to look at: ${m.focus}`, { size: 9 });
  }
  const absent = r.mappings.filter((m) => !itemsByKind.has(m.kind)).map((m) => m.kind);
  if (absent.length)
    l.paragraph(`Other kinds that would support this criterion, not collected for this period: ${absent.join(', ')}.`, {
      size: 8.5,
      color: COLORS.muted,
    });
  l.heading('How strength is labelled', 2);
  l.paragraph(
    'Each item carries three computed labels. Provenance: api_snapshot (fetched by the connector with read-only credentials) > admin_export (provider-generated file uploaded by a named user) > manual_upload; derived = computed from other items (diffs). Coverage: point_in_time, or period when a series has a complete collection within the grace of both period ends and no gap above the allowed interval (cadence + 24 h). Assurance: design, or operating only for items of a series with period coverage; a single snapshot never earns operating. Partial and failed items stay design and point_in_time.',
    { size: 8.5 },
  );
}
