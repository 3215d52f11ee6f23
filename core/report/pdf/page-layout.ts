import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { installGlyphFallback } from './fallback';

/**
 * Fonts ship with the app (resources/fonts: DejaVu, see LICENSE-DejaVu.txt; Noto CJK and Noto Emoji for the glyphs
 * DejaVu lacks, see fallback.ts): output never depends on the host. The folder comes from the core's resources.
 */
const FONTS = {
  sans: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  cond: 'DejaVuSansCondensed.ttf',
  condBold: 'DejaVuSansCondensed-Bold.ttf',
  mono: 'DejaVuSansMono.ttf',
} as const;
export type FontName = keyof typeof FONTS;

export const COLORS = {
  text: '#1a1a1a',
  muted: '#666666',
  rule: '#c8c8c8',
  headerFill: '#e9edf2',
  zebra: '#f7f8fa',
  accent: '#1f4e79',
  ok: '#2e7d32',
  warn: '#e08a00',
  bad: '#c62828',
  badFill: '#fdecea',
  warnFill: '#fff4e0',
};

export type Doc = InstanceType<typeof PDFDocument>;

/** A4 page with the geometry every section shares, plus a running footer drawn on each new page. */
export class Layout {
  readonly doc: Doc;
  readonly left = 48;
  readonly right: number;
  readonly top = 48;
  readonly bottom: number;
  private pageNo = 0;

  constructor(
    private readonly footerText: string,
    fontsDir: string,
  ) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: 48, bottom: 56, left: 48, right: 48 },
      autoFirstPage: false,
      info: { Title: footerText, Producer: 'Evidence Locker' },
    });
    for (const [name, file] of Object.entries(FONTS)) this.doc.registerFont(name, join(fontsDir, file));
    installGlyphFallback(this.doc, fontsDir);
    this.right = 595.28 - 48;
    this.bottom = 841.89 - 56;
    this.doc.on('pageAdded', () => this.footer());
    this.doc.addPage();
  }

  get width(): number {
    return this.right - this.left;
  }

  get y(): number {
    return this.doc.y;
  }

  set y(v: number) {
    this.doc.y = v;
  }

  /** New page; the footer is drawn by the pageAdded hook. */
  newPage(): void {
    this.doc.addPage();
    this.doc.x = this.left;
    this.doc.y = this.top;
  }

  /** Starts a new page unless `h` points still fit on this one. */
  ensure(h: number): void {
    if (this.doc.y + h > this.bottom) this.newPage();
  }

  font(name: FontName, size: number, color = COLORS.text): Doc {
    return this.doc.font(name).fontSize(size).fillColor(color);
  }

  heading(text: string, level: 1 | 2 = 1): void {
    this.ensure(level === 1 ? 60 : 40);
    if (this.doc.y > this.top + 1) this.doc.y += level === 1 ? 10 : 6;
    this.font('bold', level === 1 ? 15 : 11.5, COLORS.accent).text(text, this.left, this.doc.y, { width: this.width });
    if (level === 1) {
      const y = this.doc.y + 2;
      this.doc.moveTo(this.left, y).lineTo(this.right, y).lineWidth(0.8).strokeColor(COLORS.accent).stroke();
      this.doc.y = y + 6;
    } else this.doc.y += 3;
  }

  paragraph(text: string, opts: { size?: number; color?: string; font?: FontName; gap?: number } = {}): void {
    this.font(opts.font ?? 'sans', opts.size ?? 9.5, opts.color ?? COLORS.text);
    this.ensure(this.doc.heightOfString(text, { width: this.width }) + 2);
    this.doc.text(text, this.left, this.doc.y, { width: this.width });
    this.doc.y += opts.gap ?? 4;
  }

  /** A coloured box with a bold first line, for banners that must not be missed (failed runs, gaps). */
  banner(title: string, body: string, tone: 'bad' | 'warn'): void {
    const fill = tone === 'bad' ? COLORS.badFill : COLORS.warnFill;
    const edge = tone === 'bad' ? COLORS.bad : COLORS.warn;
    const w = this.width - 20;
    this.font('sans', 9);
    const h = this.doc.heightOfString(body, { width: w }) + 28;
    this.ensure(h + 6);
    const y = this.doc.y;
    this.doc.rect(this.left, y, this.width, h).fillAndStroke(fill, edge);
    this.font('bold', 10, edge).text(title, this.left + 10, y + 7, { width: w });
    this.font('sans', 9).text(body, this.left + 10, this.doc.y + 2, { width: w });
    this.doc.y = y + h + 8;
  }

  private footer(): void {
    this.pageNo += 1;
    const doc = this.doc;
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the bottom margin must not trigger another page
    this.font('sans', 7.5, COLORS.muted).text(`${this.footerText}  ·  page ${this.pageNo}`, this.left, 841.89 - 34, {
      width: this.width,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = saved;
    doc.x = this.left;
    doc.y = this.top;
  }

  get pages(): number {
    return this.pageNo;
  }
}
