/**
 * The criteria that manual uploads and vendor register entries support, per item: a `manual.document` item the
 * criteria it was attached to, a `vendor.entry` item CC9.2 (and C1.1 / P6.x when that entry says personal data is
 * sent). Their kinds map to no criterion, so the evidence table's criterion filter and its criteria column ask here.
 */
import { listManualRows } from '../../store/manual-store';
import { getItem, listItemMeta } from '../../store/store-reads';
import type { EvidenceStore } from '../../store/evidence-store';
import { PERSONAL_DATA_VENDOR_CRITERIA, VENDOR_CRITERION } from '../../vendors/record';
import { VENDOR_ENTRY_KIND } from '../../vendors/register';

export const HUMAN_KINDS = new Set(['manual.document', VENDOR_ENTRY_KIND]);

export function humanCriteriaBySeq(store: EvidenceStore): Map<number, { kind: string; criteria: string[] }> {
  const out = new Map<number, { kind: string; criteria: string[] }>();
  for (const m of listManualRows(store)) out.set(m.item_seq, { kind: 'manual.document', criteria: JSON.parse(m.criteria) as string[] });
  for (const m of listItemMeta(store, { kind: VENDOR_ENTRY_KIND })) {
    // Each entry (added, changed, removed) is judged by what it recorded; the register is small, so reading is cheap.
    const content = JSON.parse(getItem(store, m.seq).content.toString('utf8')) as { vendor?: { personalData?: boolean } };
    out.set(m.seq, { kind: VENDOR_ENTRY_KIND, criteria: [VENDOR_CRITERION, ...(content.vendor?.personalData ? PERSONAL_DATA_VENDOR_CRITERIA : [])] });
  }
  return out;
}
