import { useEffect, type ReactNode } from 'react';
import { Icon } from '../components/icons';
import { ChangesPage } from '../features/changes/ChangesPage';
import { CollectPage } from '../features/collect/CollectPage';
import { CoveragePage } from '../features/heatmap/CoveragePage';
import { PeriodPicker } from '../features/periods/PeriodPicker';
import { PeriodsPage } from '../features/periods/PeriodsPage';
import { TimelinePage } from '../features/timeline/TimelinePage';
import { EvidencePage } from '../features/evidence/EvidencePage';
import { ExportPage } from '../features/export/ExportPage';
import { OverviewPage } from '../features/overview/OverviewPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SourcesPage } from '../features/sources/SourcesPage';
import { VerifyPage } from '../features/verify/VerifyPage';
import { VendorsPage } from '../features/vendors/VendorsPage';
import { ManualEvidencePage } from '../features/manual/ManualEvidencePage';
import { ReviewsPage } from '../features/reviews/ReviewsPage';
import { DemoBanner } from './DemoBanner';
import { useApp } from './context';
import { useScheduleTicker } from './schedule-ticker';
import { href, useRoute, type Screen } from './router';

const NAV: ({ section: string } | { screen: Screen; label: string; icon: string })[] = [
  { screen: 'overview', label: 'Overview', icon: 'overview' },
  { section: 'Collect' },
  { screen: 'sources', label: 'Sources', icon: 'sources' },
  { screen: 'collect', label: 'Collect', icon: 'collect' },
  { section: 'Evidence' },
  { screen: 'evidence', label: 'Evidence', icon: 'evidence' },
  { screen: 'coverage', label: 'Coverage map', icon: 'grid' },
  { screen: 'timeline', label: 'Timeline', icon: 'timeline' },
  { screen: 'changes', label: 'Changes', icon: 'changes' },
  { section: 'Audit' },
  { screen: 'periods', label: 'Audit periods', icon: 'calendar' },
  { screen: 'reviews', label: 'Access reviews', icon: 'check' },
  { screen: 'vendors', label: 'AI vendors', icon: 'globe' },
  { screen: 'manual', label: 'Manual evidence', icon: 'file' },
  { screen: 'export', label: 'Export', icon: 'export' },
  { screen: 'verify', label: 'Verify a bundle', icon: 'verify' },
  { section: 'Workspace' },
  { screen: 'settings', label: 'Settings', icon: 'settings' },
];

const TITLES: Record<Screen, string> = {
  overview: 'Overview',
  sources: 'Sources',
  collect: 'Collect',
  evidence: 'Evidence',
  coverage: 'Coverage map',
  timeline: 'Timeline',
  changes: 'Changes',
  periods: 'Audit periods',
  reviews: 'Access reviews',
  vendors: 'AI vendors',
  manual: 'Manual evidence',
  export: 'Export',
  verify: 'Verify a bundle',
  settings: 'Settings',
};

function Page(props: { screen: Screen; param: string | null }): ReactNode {
  switch (props.screen) {
    case 'sources':
      return <SourcesPage />;
    case 'collect':
      return <CollectPage />;
    case 'evidence':
      return <EvidencePage seq={props.param ? Number(props.param) : null} />;
    case 'coverage':
      return <CoveragePage />;
    case 'timeline':
      return <TimelinePage />;
    case 'changes':
      return <ChangesPage />;
    case 'periods':
      return <PeriodsPage />;
    case 'reviews':
      return <ReviewsPage id={props.param ? Number(props.param) : null} />;
    case 'vendors':
      return <VendorsPage />;
    case 'manual':
      return <ManualEvidencePage />;
    case 'export':
      return <ExportPage />;
    case 'verify':
      return <VerifyPage />;
    case 'settings':
      return <SettingsPage />;
    default:
      return <OverviewPage />;
  }
}

export function App() {
  const route = useRoute();
  const { host } = useApp();
  const ticker = useScheduleTicker();
  useEffect(() => {
    document.title = `${TITLES[route.screen]} · Evidence Locker`;
  }, [route.screen]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <Icon name="lock" size={20} />
          Evidence Locker
        </div>
        <PeriodPicker />
        {NAV.map((entry) =>
          'section' in entry ? (
            <div key={entry.section} className="nav-section">
              {entry.section}
            </div>
          ) : (
            <a key={entry.screen} className="nav-link" href={href(entry.screen)} aria-current={route.screen === entry.screen ? 'page' : undefined}>
              <Icon name={entry.icon} />
              {entry.label}
            </a>
          ),
        )}
        <div className="sidebar-footer">
          <span className="mode" title={host.mode === 'web' ? 'Served on 127.0.0.1 by this computer only' : 'Desktop app'}>
            <Icon name={host.mode === 'web' ? 'globe' : 'monitor'} size={13} />
            {host.mode === 'web' ? 'Web mode · this computer only' : 'Desktop'}
          </span>
          <span data-testid="schedule-ticker">{ticker}</span>
          <span>Version {host.version}</span>
        </div>
      </nav>
      <main className="main" id="main" tabIndex={-1}>
        <DemoBanner />
        <Page screen={route.screen} param={route.param} />
      </main>
    </div>
  );
}
