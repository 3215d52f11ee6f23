import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type PDFDocument from 'pdfkit';

/**
 * Per-glyph font fallback for the PDF report. DejaVu has no CJK and no emoji, and pdfkit draws one font per text
 * call, so an org named "株式会社 🚀" came out as boxes. Every text pdfkit draws or measures passes through two
 * methods, `_fragment` and `widthOfString`; we wrap both on the document so that a string the current font fully
 * covers (the usual case) goes straight through, and any other string is split into runs, each drawn or measured
 * with the first font that has its glyphs: the current DejaVu face, then Noto Sans CJK, then Noto Emoji
 * (resources/fonts, LICENSE-Noto.txt). Line wrapping and table widths stay right because they measure with the
 * wrapped `widthOfString`. `_fragment` and `_font` are pdfkit internals (0.20, pinned); the tests of
 * report-pdf-unicode.test.ts fail if they change.
 */

const FALLBACKS = [
  { name: 'fallback-cjk', file: 'NotoSansCJKsc-Regular.otf' },
  { name: 'fallback-emoji', file: 'NotoEmoji-Regular.ttf' },
] as const;

interface PdfFont {
  name: string;
  ascender: number;
  font: { hasGlyphForCodePoint(cp: number): boolean };
}
type Doc = InstanceType<typeof PDFDocument>;
/** pdfkit's text options plus what its line wrapper adds before calling `_fragment`. */
type FragmentOptions = NonNullable<Parameters<Doc['widthOfString']>[1]> & { lineWidth?: number; textWidth?: number; wordCount?: number };
type Internals = Doc & {
  _font: PdfFont;
  _fontSize: number;
  _fontSource: unknown;
  _fontFamily: unknown;
  _fillColor?: [string, number?];
  _registeredFonts: Record<string, unknown>;
  _fragment(text: string, x: number, y: number, options: FragmentOptions): void;
};
interface Run {
  font: PdfFont;
  text: string;
}

/** Which code points a font has, asked of fontkit once per font and code point (keyed by PostScript name). */
class Coverage {
  private readonly bmp = new Uint8Array(0x10000); // 0 not asked yet, 1 has it, 2 lacks it
  private readonly astral = new Map<number, boolean>();
  constructor(private readonly font: PdfFont['font']) {}

  has(cp: number): boolean {
    if (cp < 0x20) return true; // \n, \t: layout, not glyphs; no reason to load another font (the line wrapper measures "word\n")
    if (cp > 0xffff) {
      let v = this.astral.get(cp);
      if (v === undefined) this.astral.set(cp, (v = this.font.hasGlyphForCodePoint(cp)));
      return v;
    }
    const v = this.bmp[cp]!;
    if (v !== 0) return v === 1;
    const has = this.font.hasGlyphForCodePoint(cp);
    this.bmp[cp] = has ? 1 : 2;
    return has;
  }
}
const coverages = new Map<string, Coverage>();
function coverage(f: PdfFont): Coverage {
  let c = coverages.get(f.name);
  if (!c) coverages.set(f.name, (c = new Coverage(f.font)));
  return c;
}

/** Read once per process, and only when a report needs them: a Latin-only export never loads 13 MB of CJK. */
const buffers = new Map<string, Buffer>();
/** Documents that needed the fallback fonts, for tests that check a Latin-only report stays on the fast path. */
export const fallbackUse = { documents: 0 };
function fallbackFonts(d: Internals, fontDir: string, cache: PdfFont[]): PdfFont[] {
  if (cache.length) return cache;
  fallbackUse.documents += 1;
  const saved = [d._font, d._fontSource, d._fontFamily] as const;
  for (const f of FALLBACKS) {
    let buf = buffers.get(f.file);
    if (!buf) buffers.set(f.file, (buf = readFileSync(join(fontDir, f.file))));
    if (!d._registeredFonts[f.name]) d.registerFont(f.name, buf);
    d.font(f.name);
    cache.push(d._font);
  }
  [d._font, d._fontSource, d._fontFamily] = saved;
  return cache;
}

/** Joiners, variation selectors, skin tones, tags, keycap: they shape with the glyph before them, never alone. */
const attaches = (cp: number) =>
  cp === 0x200d ||
  cp === 0x20e3 ||
  (cp >= 0xfe00 && cp <= 0xfe0f) ||
  (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
  (cp >= 0xe0020 && cp <= 0xe007f) ||
  (cp >= 0xe0100 && cp <= 0xe01ef);

/** null when the current font has every glyph (no allocation: the fast path for Latin text). */
function splitRuns(d: Internals, text: string, fallbacks: () => PdfFont[]): Run[] | null {
  const primary = d._font;
  const cov = coverage(primary);
  let i = 0;
  while (i < text.length && cov.has(text.charCodeAt(i))) i++; // a lone surrogate half is never in a cmap
  if (i === text.length) return null;
  const runs: Run[] = [];
  let cur = primary;
  let start = 0;
  for (let j = 0; j < text.length;) {
    const cp = text.codePointAt(j)!;
    let font = primary;
    if (j > 0 && attaches(cp)) font = cur;
    else if (!cov.has(cp)) font = fallbacks().find((f) => coverage(f).has(cp)) ?? primary; // no font has it: .notdef
    if (font !== cur) {
      if (j > start) runs.push({ font: cur, text: text.slice(start, j) });
      cur = font;
      start = j;
    }
    j += cp > 0xffff ? 2 : 1;
  }
  runs.push({ font: cur, text: text.slice(start) });
  return runs.length === 1 && runs[0]!.font === primary ? null : runs;
}

export function installGlyphFallback(doc: Doc, fontDir: string): void {
  const d = doc as Internals;
  const fragment = d._fragment;
  const width = d.widthOfString;
  const cache: PdfFont[] = [];
  const fallbacks = () => fallbackFonts(d, fontDir, cache);

  const runWidths = (runs: Run[], options?: FragmentOptions) => {
    const primary = d._font;
    const widths = runs.map((r) => ((d._font = r.font), width.call(d, r.text, options)));
    d._font = primary;
    return widths;
  };

  d.widthOfString = function (text: string, options?: FragmentOptions): number {
    const runs = splitRuns(d, text, fallbacks);
    return runs ? runWidths(runs, options).reduce((a, b) => a + b, 0) : width.call(d, text, options);
  };

  d._fragment = function (text: string, x: number, y: number, options: FragmentOptions): void {
    const runs = splitRuns(d, String(text).replace(/\n/g, ''), fallbacks);
    if (!runs) return fragment.call(d, text, x, y, options);
    const primary = d._font;
    const widths = runWidths(runs, options);
    // Alignment is for the whole line, so it is applied here once; each run is then drawn left-aligned.
    if (options.width && options.align === 'right') x += options.lineWidth! - d.widthOfString(String(text).replace(/\s+$/, ''), options);
    else if (options.width && options.align === 'center') x += options.lineWidth! / 2 - options.textWidth! / 2;
    // One baseline for the line: pdfkit would place each run by its own font's ascender, and Noto's is taller.
    const baseline = options.baseline === undefined || options.baseline === 'top' ? (-primary.ascender / 1000) * d._fontSize : options.baseline;
    // Noto ships here in one weight; a run inside bold text is stroked as well as filled so that it reads as bold.
    const fakeBold = /Bold/.test(primary.name);
    runs.forEach((r, i) => {
      const bold = fakeBold && r.font !== primary;
      d._font = r.font;
      if (bold)
        d.save()
          .lineWidth(d._fontSize * 0.035)
          .strokeColor(...(d._fillColor ?? ['black']));
      fragment.call(d, r.text, x, y, {
        ...options,
        align: 'left',
        baseline,
        textWidth: widths[i],
        wordCount: undefined,
        ...(bold ? { fill: true, stroke: true } : {}),
      });
      if (bold) d.restore();
      x += widths[i]!;
    });
    d._font = primary;
  };
}
