import { PROVENANCE, type Provenance } from '../evidence/ipe';
import type { AssuranceLabel, CoverageLabel, SeriesCoverage } from './coverage';

/** The three strength labels every item carries (criteria.md §3); computed, never typed in. */
export interface StrengthLabels {
  assurance: AssuranceLabel;
  provenance: Provenance;
  coverage: CoverageLabel;
}

/** Provenance as recorded; anything unrecognised is treated as the weakest kind, a manual upload. */
export function provenanceLabel(recorded: string): Provenance {
  return (PROVENANCE as readonly string[]).includes(recorded) ? (recorded as Provenance) : 'manual_upload';
}

/**
 * Labels for one item from its own provenance and its series' coverage. A failed or partial item shows
 * neither the full population nor continuity, so it stays `design` + `point_in_time` whatever its series earned.
 */
export function itemLabels(
  item: { provenance: string; completeness: string },
  series: Pick<SeriesCoverage, 'label' | 'assurance'> | null,
): StrengthLabels {
  const usable = item.completeness === 'complete' && series !== null;
  return {
    provenance: provenanceLabel(item.provenance),
    coverage: usable ? series.label : 'point_in_time',
    assurance: usable ? series.assurance : 'design',
  };
}
