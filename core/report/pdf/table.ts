import { COLORS, type Layout } from './page-layout';

export interface Column {
  header: string;
  /** Relative width; columns are scaled to the page width. */
  weight: number;
  align?: 'left' | 'right';
}

export interface TableSpec {
  title?: string;
  /** Shown above the repeated header on continuation pages when there is no title. */
  continuation?: string;
  columns: Column[];
  rows: Iterable<string[]>;
  fontSize?: number;
  /** false: one line per row, cells cut to fit (fast path for appendices with thousands of rows). */
  wrap?: boolean;
  /** Background for rows that need attention (failed, partial), else zebra striping. */
  rowFill?: (row: string[]) => string | null;
}

const PAD = 3;

/** Cuts a cell to what fits on one line: a cheap length check first, font metrics only for long cells. */
function fit(doc: Layout['doc'], text: string, width: number, size: number): string {
  const avail = width - 2 * PAD;
  if (text.length * size * 0.62 <= avail) return text;
  if (doc.widthOfString(text) <= avail) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(`${text.slice(0, mid)}…`) <= avail) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}

/** Column weights from the header's longest word and the typical cell length, so no column starves. */
export function autoColumns(headers: string[], rows: string[][]): Column[] {
  const sample = rows.slice(0, 200);
  return headers.map((header, i) => {
    const word = Math.max(...header.split(/\s+/).map((w) => w.length));
    const longestLine = (c: string) => Math.max(...c.split('\n').map((x) => x.length));
    const typical = sample.length ? sample.reduce((s, r) => s + Math.min(48, longestLine(r[i] ?? '')), 0) / sample.length : 0;
    return { header, weight: Math.max(word * 1.15, typical, 4) };
  });
}

const longestWord = (text: string) => text.split(/\s+/).reduce((a, w) => (w.length > a.length ? w : a), '');

/**
 * Widths: every column first gets room for its longest header word and a typical cell word (so nothing breaks
 * mid-word when it can be avoided), then the rest of the page width is shared by the weights.
 */
function columnWidths(l: Layout, spec: TableSpec, size: number): number[] {
  const sample = Array.isArray(spec.rows) ? (spec.rows as string[][]).slice(0, 50) : [];
  const mins = spec.columns.map((c, i) => {
    l.font('condBold', size);
    const head = l.doc.widthOfString(longestWord(c.header));
    l.font('cond', size);
    const cellWord = sample.reduce((m, r) => Math.max(m, l.doc.widthOfString(longestWord(r[i] ?? ''))), 0);
    return Math.max(head, Math.min(cellWord, 60)) + 2 * PAD + 3; // slack: pdfkit wraps a word of exactly the width
  });
  const needed = mins.reduce((a, b) => a + b, 0);
  if (needed >= l.width) return mins.map((m) => (m * l.width) / needed);
  const total = spec.columns.reduce((s, c) => s + c.weight, 0);
  const wanted = spec.columns.map((c, i) => Math.max(0, (c.weight / total) * l.width - mins[i]!));
  const wantedSum = wanted.reduce((a, b) => a + b, 0) || 1;
  return mins.map((m, i) => m + ((l.width - needed) * wanted[i]!) / wantedSum);
}

/**
 * Draws a table that breaks across pages, repeating its title and header row on every page it continues on.
 * Rows stream from any iterable, so callers never build page-sized arrays.
 */
export function drawTable(l: Layout, spec: TableSpec): void {
  const doc = l.doc;
  const size = spec.fontSize ?? 7.5;
  const widths = columnWidths(l, spec, size);
  const xs = widths.map((_, i) => l.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
  const wrap = spec.wrap ?? true;
  const maxRowH = l.bottom - l.top - 60;

  const header = (continued: boolean) => {
    const title = spec.title ?? (continued ? spec.continuation : undefined);
    if (title) {
      l.font('bold', 9.5, COLORS.text).text(continued ? `${title} (continued)` : title, l.left, doc.y, { width: l.width });
      doc.y += 2;
    }
    l.font('condBold', size);
    const h = Math.max(...spec.columns.map((c, i) => doc.heightOfString(c.header, { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
    const y = doc.y;
    doc.rect(l.left, y, l.width, h).fill(COLORS.headerFill);
    l.font('condBold', size);
    spec.columns.forEach((c, i) => doc.text(c.header, xs[i]! + PAD, y + PAD, { width: widths[i]! - 2 * PAD, align: c.align ?? 'left' }));
    doc.y = y + h;
  };

  l.ensure(60);
  header(false);
  let n = 0;
  for (const raw of spec.rows) {
    l.font('cond', size);
    const cells = wrap ? raw.map((c) => c ?? '') : raw.map((c, i) => fit(doc, c ?? '', widths[i]!, size));
    let h = size + 2 * PAD + 1;
    if (wrap) {
      h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
      h = Math.min(h, maxRowH);
    }
    if (doc.y + h > l.bottom) {
      l.newPage();
      header(true);
      l.font('cond', size);
    }
    const y = doc.y;
    const fill = spec.rowFill?.(raw) ?? (n % 2 === 1 ? COLORS.zebra : null);
    if (fill) doc.rect(l.left, y, l.width, h).fill(fill);
    doc.fillColor(COLORS.text);
    cells.forEach((c, i) => {
      const right = spec.columns[i]?.align === 'right';
      if (wrap) doc.text(c, xs[i]! + PAD, y + PAD, { width: widths[i]! - 2 * PAD, align: right ? 'right' : 'left', height: h - PAD });
      // Without a width pdfkit skips its line wrapper: the fast path for appendices of thousands of rows.
      else doc.text(c, right ? xs[i]! + widths[i]! - PAD - doc.widthOfString(c) : xs[i]! + PAD, y + PAD, { lineBreak: false });
    });
    doc.y = y + h;
    n += 1;
  }
  doc.moveTo(l.left, doc.y).lineTo(l.right, doc.y).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
  doc.x = l.left;
  doc.y += 6;
}
