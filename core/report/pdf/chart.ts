import type { CriterionReport, ReportItem } from '../types';
import { COLORS, type Layout } from './page-layout';

const ROW_H = 24;
const LABEL_W = 170;
const DAY = 86_400_000;

const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Axis ticks: daily for short periods, weekly up to two months, then month starts. */
function ticks(start: number, end: number): { t: number; label: string }[] {
  const days = (end - start) / DAY;
  const out: { t: number; label: string }[] = [];
  if (days <= 62) {
    const step = days <= 14 ? 1 : 7;
    for (let t = start; t <= end; t += step * DAY) out.push({ t, label: new Date(t).toISOString().slice(5, 10) });
    return out;
  }
  const d = new Date(start);
  let m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + (d.getUTCDate() === 1 ? 0 : 1), 1);
  const every = days > 400 ? 3 : 1;
  for (let i = 0; m <= end; i++) {
    if (i % every === 0) out.push({ t: m, label: new Date(m).toISOString().slice(0, 7) });
    const md = new Date(m);
    m = Date.UTC(md.getUTCFullYear(), md.getUTCMonth() + 1, 1);
  }
  return out;
}

/**
 * One bar per series over the period: a tick per collection (green complete, orange partial, red failed),
 * red bands over gaps longer than allowed, "B" when a baseline exists before the period. Vector only.
 */
export function drawCoverageChart(l: Layout, r: CriterionReport): void {
  const doc = l.doc;
  const start = Date.parse(`${r.period.from}T00:00:00.000Z`);
  const end = Date.parse(`${r.period.to}T23:59:59.999Z`);
  const x0 = l.left + LABEL_W;
  const x1 = l.right - 4;
  const xOf = (t: number) => x0 + ((Math.min(Math.max(t, start), end) - start) / (end - start)) * (x1 - x0);
  const bySeries = new Map<string, ReportItem[]>();
  for (const i of r.items) {
    if (i.baseline) continue;
    const list = bySeries.get(i.series);
    if (list) list.push(i);
    else bySeries.set(i.series, [i]);
  }

  const legend = () => {
    const y = doc.y;
    const key = (x: number, color: string, text: string) => {
      doc.rect(x, y + 1, 8, 8).fill(color);
      l.font('sans', 7.5, COLORS.muted).text(text, x + 11, y + 1, { lineBreak: false });
    };
    key(l.left, COLORS.ok, 'complete');
    key(l.left + 70, COLORS.warn, 'partial');
    key(l.left + 130, COLORS.bad, 'failed');
    doc
      .rect(l.left + 185, y + 1, 14, 8)
      .fillOpacity(0.3)
      .fill(COLORS.bad)
      .fillOpacity(1);
    l.font('sans', 7.5, COLORS.muted).text('gap above the allowed interval     B = baseline before the period', l.left + 202, y + 1, {
      lineBreak: false,
    });
    doc.y = y + 14;
  };
  const axis = () => {
    const y = doc.y;
    for (const t of ticks(start, end)) {
      const x = xOf(t.t);
      doc
        .moveTo(x, y + 10)
        .lineTo(x, y + 14)
        .lineWidth(0.5)
        .strokeColor(COLORS.muted)
        .stroke();
      l.font('cond', 6.5, COLORS.muted).text(t.label, x - 20, y, { width: 40, align: 'center', lineBreak: false });
    }
    doc.y = y + 16;
  };

  legend();
  axis();
  for (const row of r.coverage) {
    if (doc.y + ROW_H > l.bottom) {
      l.newPage();
      l.font('bold', 9.5).text('Coverage chart (continued)', l.left, doc.y);
      doc.y += 4;
      axis();
    }
    const y = doc.y;
    l.font('condBold', 7.5).text(short(row.kind, 40), l.left, y + 2, { width: LABEL_W - 14, lineBreak: false });
    const scope = Object.values(row.scope).join(' ');
    l.font('cond', 6.5, COLORS.muted).text(short(`${row.source ?? '-'} ${scope}`, 55), l.left, y + 12, { width: LABEL_W - 14, lineBreak: false });
    doc.rect(x0, y + 4, x1 - x0, 14).fill('#eef0f3');
    for (const g of row.gaps) {
      const a = xOf(Date.parse(g.from));
      doc
        .rect(a, y + 2, Math.max(1, xOf(Date.parse(g.to)) - a), 18)
        .fillOpacity(0.3)
        .fill(COLORS.bad)
        .fillOpacity(1);
    }
    // One path per colour: thousands of ticks cost one stroke each, not one per tick.
    const items = bySeries.get(row.series) ?? [];
    for (const [status, color] of [
      ['complete', COLORS.ok],
      ['partial', COLORS.warn],
      ['failed', COLORS.bad],
    ] as const) {
      const tall = status !== 'complete';
      let any = false;
      for (const i of items) {
        if (i.completeness !== status) continue;
        const x = xOf(Date.parse(i.collectedAt));
        doc.moveTo(x, y + (tall ? 1 : 5)).lineTo(x, y + (tall ? 21 : 17));
        any = true;
      }
      if (any) doc.lineWidth(0.8).strokeColor(color).stroke();
    }
    if (row.baselineSeq !== null) l.font('bold', 7, COLORS.muted).text('B', x0 - 9, y + 7, { lineBreak: false });
    doc.y = y + ROW_H;
  }
  doc.x = l.left;
  doc.y += 6;
}
