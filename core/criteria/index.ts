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

/** Criteria (in catalog order) that at least one stored item supports, for `export --all`. */
export function criteriaWithEvidence(store: EvidenceStore, mappings: KindMappings): string[] {
  const supported = new Set<string>();
  for (const kind of Object.keys(countItemsByKind(store))) {
    for (const id of mappings.forKind(kind)?.criteria ?? []) supported.add(id);
  }
  // Manual uploads support the criteria they were attached to; the vendor register CC9.2 (and the personal-data ones).
  for (const m of listManualRows(store)) if (m.status === 'active') for (const id of JSON.parse(m.criteria) as string[]) supported.add(id);
  const vendors = listVendorRows(store);
  if (vendors.length) supported.add(VENDOR_CRITERION);
  if (vendors.some((v) => (JSON.parse(v.record) as { personalData?: boolean }).personalData))
    PERSONAL_DATA_VENDOR_CRITERIA.forEach((id) => supported.add(id));
  return CRITERIA.filter((c) => supported.has(c.id)).map((c) => c.id);
}
