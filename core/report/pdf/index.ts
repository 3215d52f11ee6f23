import type { CriterionReport } from '../types';

/** Renders the per-criterion PDF, streaming pages to `outPath`. */
export async function renderCriterionPdf(report: CriterionReport, outPath: string): Promise<void> {
  void report;
  void outPath;
  throw new Error('not implemented yet');
}
