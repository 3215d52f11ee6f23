import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle, type ExportResult } from '../../core/export/export-bundle';
import { buildCriterionReport, renderCriterionPdf } from '../../core/report';
import { fallbackUse } from '../../core/report/pdf/fallback';
import { mappings, resources } from '../helpers/catalog';
import { accessContent, clockedStore, day, item, mlflowSource, recordRun } from './report-fixtures';

// Issue 16 item 16: CJK and emoji came out as boxes (DejaVu has neither) and the file name as "U-ni-c-de".
const ORG = 'Ünïcødé 株式会社 🚀';
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

let ctx: ReturnType<typeof clockedStore>;
let result: ExportResult;
beforeAll(async () => {
  ctx = clockedStore();
  const src = mlflowSource(ctx);
  // Non-Latin text inside the evidence too: a table cell, wrapped by the line wrapper.
  recordRun(ctx, src, day('2026-01-02', 0), [item('mlflow.access', accessContent(['alice', '田中太郎', '김민준']), day('2026-01-02', 0))]);
  result = await exportBundle(ctx.store, {
    criterion: 'CC6.2',
    from: '2026-01-01',
    to: '2026-01-31',
    outDir: join(ctx.dir, 'out'),
    org: ORG,
    mappings,
    resources,
  });
});
afterAll(() => ctx.cleanup());

describe('a Unicode org name and non-Latin evidence', () => {
  it('keeps the exact org in the manifest and README; only the file name is ASCII', () => {
    const manifest = JSON.parse(run('unzip', ['-p', result.path, 'manifest.json'])) as { org: string };
    expect(manifest.org).toBe(ORG);
    expect(run('unzip', ['-p', result.path, 'README.txt'])).toContain(ORG);
    expect(basename(result.path)).toMatch(/^Unicode_CC6\.2_2026-01-01_2026-01-31_[0-9a-f]{8}\.zip$/);
    expect(readdirSync(join(ctx.dir, 'out')).sort()).toEqual([basename(result.path), basename(result.pdfPath)].sort());
  });

  it('draws CJK and emoji with real glyphs from the shipped fallback fonts, not .notdef boxes', () => {
    // pdftotext maps glyphs back through each font's ToUnicode map: a .notdef box would not come out as 株.
    const text = run('pdftotext', ['-layout', result.pdfPath, '-']);
    expect(text).toContain('株式会社');
    expect(text).toContain('🚀');
    expect(text).toContain('Ünïcødé');
    expect(text).toContain('田中太郎');
    expect(text).toContain('김민준');
    const fonts = run('pdffonts', [result.pdfPath]);
    expect(fonts).toMatch(/\+NotoSansCJKsc-Regular\s/);
    expect(fonts).toMatch(/\+NotoEmoji-Regular\s/);
    expect(fonts).toMatch(/\+DejaVuSans\s/);
    expect(run('pdfinfo', [result.pdfPath])).toContain(ORG); // document title
  });

  it('keeps a Latin-only report on the fast path: no fallback font is even loaded', async () => {
    const report = buildCriterionReport(ctx.store, { criterion: 'CC6.2', from: '2026-01-01', to: '2026-01-31', org: 'Ærø Café GmbH', mappings });
    report.items = report.items.filter((i) => !JSON.stringify(i).match(/[^\t\n\r\u0020-\u024f]/)); // no CJK users in tables
    report.tables = [];
    const before = fallbackUse.documents;
    const out = join(ctx.dir, 'latin.pdf');
    await renderCriterionPdf(report, out, resources.fontsDir);
    expect(fallbackUse.documents).toBe(before);
    expect(run('pdftotext', [out, '-'])).toContain('Ærø Café GmbH');
    expect(run('pdffonts', [out])).not.toContain('Noto');
  });
});
