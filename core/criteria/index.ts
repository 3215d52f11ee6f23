import type { EvidenceStore } from '../store/evidence-store';
import { countItemsByKind } from '../store/store-reads';
import { listManualRows } from '../store/manual-store';
import { listVendorRows } from '../store/vendor-store';
import { PERSONAL_DATA_VENDOR_CRITERIA, VENDOR_CRITERION } from '../vendors/record';
import { CRITERIA } from './catalog';
import type { KindMappings } from './mapping';

export { CRITERIA, getCriterion, isCriterionId, type Criterion, type CriterionCategory } from './catalog';
export { KindMappings, baseKind, type KindMapping, type EvidenceFamily } from './mapping';
export {
  seriesCoverage,
  periodOf,
  type SeriesCoverage,
  type CoverageOptions,
  type CoverageLabel,
  type AssuranceLabel,
  type Gap,
  type Period,
} from './coverage';
export { itemLabels, provenanceLabel, type StrengthLabels } from './labels';

/**
 * Criteria that manual uploads and the vendor register support, each with the item kinds behind it: an upload the
 * criteria it was attached to, the register CC9.2 (and C1.1 / P6.x when a vendor is sent personal data).
 */
export function criteriaFromManualAndVendors(store: EvidenceStore): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (id: string, kind: string) => out.set(id, [...new Set([...(out.get(id) ?? []), kind])]);
  for (const m of listManualRows(store)) if (m.status === 'active') for (const id of JSON.parse(m.criteria) as string[]) add(id, 'manual.document');
  const vendors = listVendorRows(store);
  if (vendors.length) add(VENDOR_CRITERION, 'vendor.entry');
  if (vendors.some((v) => (JSON.parse(v.record) as { personalData?: boolean }).personalData))
    PERSONAL_DATA_VENDOR_CRITERIA.forEach((id) => add(id, 'vendor.entry'));
  return out;
}

/** Criteria (in catalog order) that at least one stored item supports, for `export --all`. */
export function criteriaWithEvidence(store: EvidenceStore, mappings: KindMappings): string[] {
  const supported = new Set<string>(criteriaFromManualAndVendors(store).keys());
  for (const kind of Object.keys(countItemsByKind(store))) {
    for (const id of mappings.forKind(kind)?.criteria ?? []) supported.add(id);
  }
  return CRITERIA.filter((c) => supported.has(c.id)).map((c) => c.id);
}
