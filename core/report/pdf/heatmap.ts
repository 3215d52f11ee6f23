import type { CriterionHeatmap } from '../../periods/report-heatmap';
import type { Cell, CellState } from '../../periods/heatmap';
import { utc } from './cover';
import { COLORS, type Layout } from './page-layout';
import { scopeText } from '../series';

const LABEL_W = 168;
const BASE_W = 24;
const ROW_H = 15;
const MAX_CELL_W = 34;

/** Colour and a letter per state: the letter keeps the map readable when printed in black and white. */
const LOOK: Record<CellState | 'future', { fill: string; letter: string; ink: string }> = {
  complete: { fill: COLORS.ok, letter: 'C', ink: '#ffffff' },
  partial: { fill: COLORS.warn, letter: 'P', ink: '#ffffff' },
  failed: { fill: COLORS.bad, letter: 'F', ink: '#ffffff' },
  missed: { fill: '#6a1b9a', letter: 'M', ink: '#ffffff' },
  none: { fill: '#e4e7eb', letter: '–', ink: '#8a8f96' },
  future: { fill: '#ffffff', letter: '', ink: COLORS.muted },
};

const STATUS_WORDS: Record<CriterionHeatmap['status'], string> = {
  covered: 'covered',
  at_risk: 'AT RISK',
  not_covered: 'NOT COVERED',
  not_applicable: 'not applicable',
};

const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function legend(l: Layout): void {
  const doc = l.doc;
  const y = doc.y;
  let x = l.left;
  for (const [state, text] of [
    ['complete', 'complete snapshot'],
    ['partial', 'partial only'],
    ['failed', 'failed run, no snapshot'],
    ['missed', 'missed run (due, never started)'],
    ['none', 'nothing'],
    ['future', 'not yet'],
  ] as const) {
    const look = LOOK[state];
    doc.rect(x, y, 9, 9).fillAndStroke(look.fill, COLORS.rule);
    if (look.letter) l.font('bold', 6, look.ink).text(look.letter, x, y + 1.5, { width: 9, align: 'center', lineBreak: false });
    l.font('sans', 7, COLORS.muted).text(text, x + 12, y + 1, { lineBreak: false });
    x += 12 + doc.widthOfString(text) + 12;
  }
  doc.y = y + 14;
}

/**
 * The coverage heat map of the criterion: one row per evidence series and one for the criterion (every series
 * complete = complete), a baseline column before day one and a column per ISO week (UTC) of the period. The same
 * model the app's coverage map shows (core/periods/heatmap.ts). Vector only.
 */
export function drawHeatmap(l: Layout, h: CriterionHeatmap): void {
  const doc = l.doc;
  const n = h.weeks.length;
  const x0 = l.left + LABEL_W;
  const cellW = Math.min(MAX_CELL_W, (l.right - x0 - BASE_W - 4) / Math.max(1, n));
  const xOf = (i: number) => x0 + BASE_W + 4 + i * cellW;
  const every = Math.max(1, Math.ceil(26 / cellW));

  l.paragraph(
    `Readiness judged to ${utc(h.asOf)}: ${STATUS_WORDS[h.status]}. ` +
      (h.reasons.length
        ? h.reasons
            .slice(0, 6)
            .map((r) => r.message)
            .join('; ') + (h.reasons.length > 6 ? `; and ${h.reasons.length - 6} more.` : '.')
        : 'Every series has a baseline, no gap above its cadence + 24 h, and its latest run completed.'),
    { size: 8, color: h.status === 'covered' ? COLORS.text : COLORS.bad },
  );
  legend(l);

  const header = () => {
    const y = doc.y;
    l.font('condBold', 6.5, COLORS.muted).text('Base', x0, y, { width: BASE_W, align: 'center', lineBreak: false });
    l.font('cond', 6, COLORS.muted).text('line', x0, y + 8, { width: BASE_W, align: 'center', lineBreak: false });
    h.weeks.forEach((w, i) => {
      if (i % every !== 0) return;
      const label = `${w.isoWeek.slice(5)}${w.partial ? '*' : ''}`;
      l.font('condBold', 6.5, COLORS.muted).text(label, xOf(i) + 1, y, { width: cellW * every, align: 'left', lineBreak: false });
      l.font('cond', 6, COLORS.muted).text(w.from.slice(5), xOf(i) + 1, y + 8, { width: cellW * every, align: 'left', lineBreak: false });
    });
    doc.y = y + 18;
  };
  const cell = (x: number, y: number, w: number, c: Cell, future: boolean) => {
    const look = future && c.state === 'none' ? LOOK.future : LOOK[c.state];
    doc.rect(x + 0.5, y + 1, w - 1, ROW_H - 3).fillAndStroke(look.fill, future ? COLORS.rule : look.fill);
    if (w >= 8 && look.letter) l.font('bold', 6, look.ink).text(look.letter, x, y + 4, { width: w, align: 'center', lineBreak: false });
  };
  const row = (label: string, sub: string, bold: boolean, r: { baseline: Cell; cells: Cell[] }) => {
    if (doc.y + ROW_H > l.bottom) {
      l.newPage();
      l.font('bold', 9.5).text('Coverage heat map (continued)', l.left, doc.y);
      doc.y += 4;
      header();
    }
    const y = doc.y;
    l.font(bold ? 'condBold' : 'cond', 7, COLORS.text).text(short(label, 44), l.left, y + 1, { width: LABEL_W - 8, lineBreak: false });
    if (sub) l.font('cond', 6, COLORS.muted).text(short(sub, 52), l.left, y + 8.5, { width: LABEL_W - 8, lineBreak: false });
    cell(x0, y, BASE_W, r.baseline, false);
    r.cells.forEach((c, i) => cell(xOf(i), y, cellW, c, h.weeks[i]!.future));
    doc.y = y + ROW_H;
  };

  header();
  row('All series (criterion)', `${h.series.length} series`, true, h.row);
  for (const s of h.series) row(s.kind, `${s.source ?? '-'} ${Object.values(s.scope).map(scopeText).join(' ')}`.trim(), false, s);
  doc.x = l.left;
  doc.y += 4;
  const partial = h.weeks.filter((w) => w.partial).map((w) => `${w.isoWeek} (${w.days} d)`);
  const notes = [
    'Columns are ISO weeks (Monday 00:00 UTC), under the date each starts; items sit in the week of the time they are evidence for, runs in the week they started. The criterion row is complete only in weeks where every series is; partial where only some are.',
    partial.length ? `* partial weeks clipped by the period: ${partial.join(', ')}.` : '',
    h.missed.length
      ? `Missed runs in the period (${h.missed.length}, each a run_missed entry in the signed log): ${h.missed
          .slice(0, 12)
          .map((m) => `${m.source} ${utc(m.dueAt)}`)
          .join('; ')}${h.missed.length > 12 ? ` and ${h.missed.length - 12} more` : ''}.`
      : 'No scheduled run was missed in the period.',
  ].filter(Boolean);
  l.paragraph(notes.join(' '), { size: 7.5, color: COLORS.muted });
  if (h.outside.length) {
    l.banner(
      `Outside period: ${h.outside.length} item(s)`,
      `Collected during the period but evidence for earlier dates, so not counted in it: ${h.outside
        .slice(0, 10)
        .map((o) => `#${o.seq} ${o.kind} for ${utc(o.evidenceFor)}`)
        .join('; ')}${h.outside.length > 10 ? ` and ${h.outside.length - 10} more` : ''}.`,
      'warn',
    );
  }
}
