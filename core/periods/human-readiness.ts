/**
 * The human half of a criterion's readiness: manual uploads attached to it and, for CC9.2, the vendor register.
 * Judged by the same rules the report and bundle use (core/report/human-evidence.ts): a file that is evidence for a
 * day up to the period's end and current during it counts as design evidence; its expiry is judged on the period's
 * last day, or today while the period runs. An expired file, a vendor report expired or a review overdue on that
 * day make the criterion at risk, each reason naming the file or the vendor.
 */
import { expiryState } from '../manual/expiry';
import { judgedOn, manualRows, vendorsInPeriod } from '../report/human-evidence';
import type { EvidenceStore } from '../store/evidence-store';
import { VENDOR_CRITERION } from '../vendors/record';
import type { Reason } from './judge';
import type { PeriodFrame } from './period-data';

export interface HumanJudgement {
  /** Current (not expired) manual files and register vendors counted as evidence. */
  usable: number;
  reasons: Reason[];
  /** Items behind it, per kind (manual.document, vendor.entry), for the criterion's kind counts. */
  kinds: { kind: string; family: string; items: number }[];
}

export const NO_HUMAN_EVIDENCE: HumanJudgement = { usable: 0, reasons: [], kinds: [] };

export function judgeHuman(store: EvidenceStore, criterion: string, frame: PeriodFrame): HumanJudgement {
  const period = { start: new Date(frame.start), end: new Date(frame.end - 1) };
  const asOf = judgedOn(period, new Date(frame.now));
  const onDay = asOf.toISOString().slice(0, 10);
  const reasons: Reason[] = [];
  let usable = 0;
  const manual = manualRows(store, criterion, period);
  for (const r of manual) {
    const expiry = expiryState(r.expires_on, asOf, 0);
    if (expiry.state !== 'expired') usable += 1;
    else
      reasons.push({
        code: 'manual_expired',
        message: `manual evidence "${r.file_name}" (#${r.id}, ${r.title}) ${expiry.message}, judged on ${onDay}: upload a current one`,
        seqs: [r.item_seq],
      });
  }
  const vendors = criterion === VENDOR_CRITERION ? vendorsInPeriod(store, period, asOf) : [];
  for (const { row, view } of vendors) {
    usable += 1;
    for (const f of view.flags) {
      if (f.kind !== 'report_expired' && f.kind !== 'review_overdue') continue;
      reasons.push({
        code: f.kind === 'report_expired' ? 'vendor_report_expired' : 'vendor_review_overdue',
        message: `vendor ${view.fields.name} (#${row.id}): ${f.message} (as of ${onDay})`,
        seqs: [row.item_seq],
      });
    }
  }
  const kinds = [
    ...(manual.length ? [{ kind: 'manual.document', family: 'manual', items: manual.length }] : []),
    ...(vendors.length ? [{ kind: 'vendor.entry', family: 'vendors', items: vendors.length }] : []),
  ];
  return { usable, reasons, kinds };
}
