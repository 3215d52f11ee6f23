import { useEffect, type ReactNode } from 'react';
import { Icon } from '../components/icons';
import { ChangesPage } from '../features/changes/ChangesPage';
import { CollectPage } from '../features/collect/CollectPage';
import { EvidencePage } from '../features/evidence/EvidencePage';
import { ExportPage } from '../features/export/ExportPage';
import { OverviewPage } from '../features/overview/OverviewPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SourcesPage } from '../features/sources/SourcesPage';
import { VerifyPage } from '../features/verify/VerifyPage';
import { useApp } from './context';
import { href, useRoute, type Screen } from './router';

const NAV: ({ section: string } | { screen: Screen; label: string; icon: string })[] = [
  { screen: 'overview', label: 'Overview', icon: 'overview' },
  { section: 'Collect' },
  { screen: 'sources', label: 'Sources', icon: 'sources' },
  { screen: 'collect', label: 'Collect', icon: 'collect' },
  { section: 'Evidence' },
  { screen: 'evidence', label: 'Evidence', icon: 'evidence' },
  { screen: 'changes', label: 'Changes', icon: 'changes' },
  { section: 'Audit' },
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
  changes: 'Changes',
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
    case 'changes':
      return <ChangesPage />;
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
          <span>Version {host.version}</span>
        </div>
      </nav>
      <main className="main" id="main" tabIndex={-1}>
        <Page screen={route.screen} param={route.param} />
      </main>
    </div>
  );
}
