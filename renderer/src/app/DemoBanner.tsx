import { useQuery } from './context';

/** On every screen of a demo workspace: the data is sample data, and bundles exported from it say DEMO too. */
export function DemoBanner() {
  const status = useQuery('store.status', {});
  if (!status.data?.demo) return null;
  return (
    <div className="demo-banner" role="note" data-testid="demo-banner">
      <strong>DEMO</strong>
      <span>
        Sample data: a 12-week history built from dated admin exports (files in {status.data.home}/demo-exports). Bundles exported here are labelled
        DEMO.
      </span>
    </div>
  );
}
