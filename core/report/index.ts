export { buildCriterionReport } from './build';
export { renderCriterionPdf } from './pdf';
export type { CriterionReport, ReportItem, CoverageRow, ReportRun, ReportTable, ReportQuery, IpeSummary, ItemLabels } from './types';
