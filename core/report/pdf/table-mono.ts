import { COLORS, type Layout } from './page-layout';

export interface MonoColumn {
  header: string;
  /** Width in characters. */
  chars: number;
  align?: 'left' | 'right';
}

export interface MonoTableSpec {
  columns: MonoColumn[];
  rows: Iterable<string[]>;
  continuation: string;
  rowFill?: (row: string[]) => string | null;
}

const GAP = 2; // spaces between columns
const ADVANCE = 0.602; // DejaVu Sans Mono advance width, in em

function pad(text: string, chars: number, right: boolean): string {
  const t = text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
  return right ? t.padStart(chars) : t.padEnd(chars);
}

/**
 * A fixed-pitch table: one text call per row, widths by character count, so appendices with tens of thousands
 * of rows render in seconds. Header row repeats on every page.
 */
export function drawMonoTable(l: Layout, spec: MonoTableSpec): void {
  const doc = l.doc;
  const totalChars = spec.columns.reduce((s, c) => s + c.chars, 0) + GAP * (spec.columns.length - 1);
  const size = Math.min(7, (l.width - 6) / (totalChars * ADVANCE));
  const rowH = size + 4.2;
  const line = (cells: string[]) => cells.map((c, i) => pad(c, spec.columns[i]!.chars, spec.columns[i]!.align === 'right')).join(' '.repeat(GAP));
  const header = (continued: boolean) => {
    if (continued) {
      l.font('bold', 9.5).text(`${spec.continuation} (continued)`, l.left, doc.y, { width: l.width });
      doc.y += 2;
    }
    const y = doc.y;
    doc.rect(l.left, y, l.width, rowH + 1).fill(COLORS.headerFill);
    l.font('mono', size, COLORS.text).text(line(spec.columns.map((c) => c.header)), l.left + 3, y + 2.6, { lineBreak: false });
    doc.y = y + rowH + 1;
    l.font('mono', size, COLORS.text); // rows reuse this font: no per-row font switch
  };
  l.ensure(40);
  header(false);
  let n = 0;
  for (const row of spec.rows) {
    if (doc.y + rowH > l.bottom) {
      l.newPage();
      header(true);
    }
    const y = doc.y;
    const fill = spec.rowFill?.(row) ?? (n % 2 === 1 ? COLORS.zebra : null);
    if (fill) doc.rect(l.left, y, l.width, rowH).fill(fill);
    doc.fillColor(COLORS.text).text(line(row), l.left + 3, y + 2.1, { lineBreak: false });
    doc.y = y + rowH;
    n += 1;
  }
  doc.moveTo(l.left, doc.y).lineTo(l.right, doc.y).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
  doc.x = l.left;
  doc.y += 6;
}
