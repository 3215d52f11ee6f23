import { useMemo, useState } from 'react';
import { useQuery } from '../../app/context';
import { periodLabel, usePeriod } from '../../app/period';
import { navigate } from '../../app/router';
import { Button, Empty, ErrorBanner, PageHeader, Panel, SkeletonLines } from '../../components/ui';
import { CellDetail } from './CellDetail';
import { bySeries, type CellRef } from './cells';
import { HeatLegend, HeatMap } from './HeatMap';

/** The Type 2 coverage heat map of the active period (the same model the criterion PDFs draw). */
export function CoveragePage() {
  const { active, loaded } = usePeriod();
  const map = useQuery('coverage.map', { period: active?.name ?? '' }, { enabled: !!active });
  const runs = useQuery('runs.list', { limit: 500 });
  const [at, setAt] = useState<CellRef | null>(null);
  const [perSeries, setPerSeries] = useState(false);
  const shown = useMemo(() => (map.data && perSeries ? bySeries(map.data) : map.data), [map.data, perSeries]);
  const runMap = useMemo(() => new Map((runs.data?.rows ?? []).map((r) => [r.id, r])), [runs.data]);
  return (
    <div className="page">
      <PageHeader
        title="Coverage map"
        description={
          active
            ? `${periodLabel(active)}: each week, did every series mapped to a criterion have a complete snapshot? The baseline column is the state before day one.`
            : 'Pick or define an audit period to see its weeks.'
        }
      />
      <ErrorBanner error={map.error} />
      {loaded && !active ? (
        <Panel>
          <Empty title="No audit period chosen" action={<Button onClick={() => navigate('periods')}>Audit periods</Button>}>
            The map has one column per week of a period.
          </Empty>
        </Panel>
      ) : (
        <Panel
          title="Criteria × weeks"
          actions={
            <label className="checkbox small">
              <input
                type="checkbox"
                checked={perSeries}
                onChange={(e) => {
                  setPerSeries(e.target.checked);
                  setAt(null);
                }}
                data-testid="per-series"
              />
              One row per series (source and kind)
            </label>
          }
        >
          {!shown ? (
            <SkeletonLines lines={6} />
          ) : (
            <div className="stack">
              <HeatLegend />
              <CellDetail map={shown} bySeries={perSeries} at={at} runs={runMap} />
              <HeatMap map={shown} bySeries={perSeries} selected={at} onSelect={setAt} />
            </div>
          )}
        </Panel>
      )}
    </div>
  );
}
