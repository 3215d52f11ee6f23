import { createWriteStream } from 'node:fs';
import type { CriterionReport } from '../types';
import { drawCover, drawCriterion } from './cover';
import { Layout } from './page-layout';
import { drawCoverage, drawEvidenceTables, drawIpeAppendix, drawRuns } from './sections';
import { drawManualEvidence, drawVendorRegister } from './human-sections';

/**
 * Renders the per-criterion PDF. Pages are flushed to `outPath` as they are finished (pdfkit without page
 * buffering), so memory stays flat however many items the appendix lists.
 */
export async function renderCriterionPdf(report: CriterionReport, outPath: string, fontsDir: string): Promise<void> {
  const l = new Layout(`${report.org} · ${report.criterion.id} · ${report.period.from} to ${report.period.to}`, fontsDir);
  const out = createWriteStream(outPath);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    l.doc.on('error', reject);
  });
  l.doc.pipe(out);
  drawCover(l, report);
  drawCriterion(l, report);
  drawCoverage(l, report);
  drawEvidenceTables(l, report);
  drawManualEvidence(l, report);
  drawVendorRegister(l, report);
  drawRuns(l, report);
  drawIpeAppendix(l, report);
  l.doc.end();
  await done;
}
