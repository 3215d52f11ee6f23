import { listManualRows, type ManualRow } from '../store/manual-store';
import { getItem } from '../store/store-reads';
import { listVendorRows } from '../store/vendor-store';
import { expiryState } from '../manual/expiry';
import { vendorView } from '../vendors/register';
import { PERSONAL_DATA_VENDOR_CRITERIA, VENDOR_CRITERION } from '../vendors/record';
import type { Period } from '../criteria';
import type { EvidenceStore } from '../store/evidence-store';
import { summarizeIpe } from './ipe-summary';
import type { ManualReportRow, ReportItem, VendorRegisterReport } from './types';

/**
 * The day expiry is judged on: the period's last day, or today when the period has not ended yet (a policy valid
 * today is not "expired before the period ended" because the period runs into next year).
 */
export function judgedOn(period: Period, now: Date): Date {
  return new Date(Math.min(period.end.getTime(), now.getTime()));
}

function itemOf(store: EvidenceStore, seq: number, series: string): ReportItem {
  const full = getItem(store, seq);
  return {
    seq,
    kind: full.kind,
    source: null,
    scope: {},
    collectedAt: full.collected_at,
    completeness: full.completeness,
    provenance: full.provenance,
    contentSha256: full.content_sha256,
    labels: { assurance: 'design', provenance: 'manual_upload', coverage: 'point_in_time' },
    baseline: false,
    series,
    runId: null,
    ipe: summarizeIpe(full.ipe),
  };
}

/**
 * Manual uploads attached to the criterion that bear on the period: evidence for a day up to the period's end, and
 * current during it (active, or superseded only after the period began). Withdrawn uploads are never exported.
 * Expiry is judged on judgedOn(): an expired file is carried, marked expired, never silently used as current.
 */
export function manualRows(store: EvidenceStore, criterion: string, period: Period): ManualRow[] {
  const lastDay = period.end.toISOString().slice(0, 10);
  return listManualRows(store).filter(
    (r) =>
      (JSON.parse(r.criteria) as string[]).includes(criterion) &&
      r.evidence_for <= lastDay &&
      (r.status === 'active' || (r.status === 'superseded' && r.ended_at !== null && Date.parse(r.ended_at) >= period.start.getTime())),
  );
}

/** Vendors removed since the period began were in use during it: listed, marked removed, never dropped. */
export function vendorsInPeriod(store: EvidenceStore, period: Period, asOf: Date) {
  return listVendorRows(store, true)
    .filter((row) => row.removed_at === null || Date.parse(row.removed_at) >= period.start.getTime())
    .map((row) => ({ row, view: vendorView(row, asOf) }));
}

export interface HumanEvidence {
  items: ReportItem[];
  manual: ManualReportRow[];
  vendors: VendorRegisterReport | null;
}

/** Manual evidence and the vendor register for one criterion's report and bundle. */
export function humanEvidence(store: EvidenceStore, criterion: string, period: Period, now: Date): HumanEvidence {
  const asOf = judgedOn(period, now);
  const items: ReportItem[] = [];
  const manual = manualRows(store, criterion, period).map((r): ManualReportRow => {
    const item = getItem(store, r.item_seq);
    const content = JSON.parse(item.content.toString('utf8')) as { file: { mediaType: string }; uploadedBy: { osUser: string; host: string } };
    const expiry = expiryState(r.expires_on, asOf, 0);
    items.push(itemOf(store, r.item_seq, `manual evidence #${r.id}`));
    return {
      id: r.id,
      title: r.title,
      fileName: r.file_name,
      mediaType: content.file.mediaType,
      bytes: r.bytes,
      sha256: r.sha256,
      criteria: JSON.parse(r.criteria) as string[],
      evidenceFor: r.evidence_for,
      owner: r.owner,
      expiresOn: r.expires_on,
      expired: expiry.state === 'expired',
      expiryJudgedOn: asOf.toISOString().slice(0, 10),
      uploadedAt: r.uploaded_at,
      uploadedBy: `${content.uploadedBy.osUser}@${content.uploadedBy.host}`,
      status: r.status === 'superseded' ? 'superseded' : 'active',
      supersededBy: r.superseded_by,
      endedAt: r.ended_at,
      itemSeq: r.item_seq,
      logIndex: item.log_idx,
    };
  });
  let vendors: VendorRegisterReport | null = null;
  const personalOnly = PERSONAL_DATA_VENDOR_CRITERIA.includes(criterion);
  if (criterion === VENDOR_CRITERION || personalOnly) {
    const rows = vendorsInPeriod(store, period, asOf).filter((v) => !personalOnly || v.view.fields.personalData);
    if (rows.length) {
      for (const { row } of rows) items.push(itemOf(store, row.item_seq, `vendor register #${row.id}`));
      vendors = {
        asOf: asOf.toISOString().slice(0, 10),
        scope: personalOnly ? 'vendors sent personal data' : 'all vendors',
        vendors: rows.map(({ row, view }) => ({ ...view, logIndex: getItem(store, row.item_seq).log_idx })),
      };
    }
  }
  return { items, manual, vendors };
}
