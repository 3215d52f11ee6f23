import type { EvidenceStore } from '../store/evidence-store';
import { countItemsByKind } from '../store/store-reads';
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
  return CRITERIA.filter((c) => supported.has(c.id)).map((c) => c.id);
}
