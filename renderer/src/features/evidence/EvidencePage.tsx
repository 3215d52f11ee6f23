import { useCallback, useState } from 'react';
import type { ItemFilter } from '@contract';
import { useQuery } from '../../app/context';
import { usePeriod } from '../../app/period';
import { navigate } from '../../app/router';
import { Button, Empty, ErrorBanner, PageHeader, Panel } from '../../components/ui';
import { fmtNumber } from '../../lib/format';
import { EvidenceTable } from './EvidenceTable';
import { Filters } from './Filters';
import { ItemDrawer } from './ItemDrawer';
import { useItemPages } from './useItemPages';

const SAVED = 'evidence-filters';

function savedFilter(): ItemFilter {
  try {
    return JSON.parse(sessionStorage.getItem(SAVED) ?? '{}') as ItemFilter;
  } catch {
    return {};
  }
}

export function EvidencePage(props: { seq: number | null }) {
  const facets = useQuery('items.facets', {});
  const [filter, setFilterState] = useState<ItemFilter>(savedFilter);
  const [active, setActive] = useState(0);
  const period = usePeriod().active;
  const [onlyPeriod, setOnlyPeriod] = useState(true);
  // Narrowed to the active period by default; showing everything marks each row outside it, never mixes silently.
  const pages = useItemPages(period ? { ...filter, period: period.name, onlyPeriod } : filter);
  const setFilter = useCallback((f: ItemFilter) => {
    sessionStorage.setItem(SAVED, JSON.stringify(f));
    setFilterState(f);
    setActive(0);
  }, []);
  const total = pages.total;
  const empty = facets.data?.total === 0;

  return (
    <div className="page">
      <PageHeader
        title="Evidence"
        description="Every item in the signed store: what was collected, from where, when, and how completely. Open an item for its content, IPE and integrity."
      />
      <ErrorBanner error={facets.error} />
      {pages.error && <ErrorBanner error={{ code: 'INTERNAL', message: pages.error }} />}
      <Panel flush>
        <Filters facets={facets.data} value={filter} onChange={setFilter} />
        <div className="panel-header">
          <span aria-live="polite" data-testid="evidence-count">
            {total === null
              ? 'Loading…'
              : `${fmtNumber(total)} item${total === 1 ? '' : 's'}${facets.data && total !== facets.data.total ? ` of ${fmtNumber(facets.data.total)}` : ''}`}
          </span>
          {period && (
            <label className="checkbox small">
              <input type="checkbox" checked={onlyPeriod} onChange={(e) => setOnlyPeriod(e.target.checked)} data-testid="only-period" />
              Only {period.name} ({period.from} → {period.to}); off: items outside it are marked
            </label>
          )}
          <span className="small muted">↑ ↓ to move, Enter to open</span>
        </div>
        {empty ? (
          <Empty title="No evidence yet" action={<Button onClick={() => navigate('sources')}>Add a source</Button>}>
            Collect from a source or import an administrator's export to see items here.
          </Empty>
        ) : total === 0 ? (
          <Empty title="No items match these filters" action={<Button onClick={() => setFilter({})}>Clear filters</Button>} />
        ) : (
          <EvidenceTable source={pages} active={active} onActive={setActive} onOpen={(row) => navigate('evidence', row.seq)} label="Evidence items" />
        )}
      </Panel>
      {props.seq !== null && <ItemDrawer seq={props.seq} onClose={() => navigate('evidence')} />}
    </div>
  );
}
