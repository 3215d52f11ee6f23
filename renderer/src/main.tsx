import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppProvider } from './app/context';
import { PeriodProvider } from './app/period';
import { pickTransport } from './transport';
import './styles/app.css';

async function boot(): Promise<void> {
  const rootEl = document.getElementById('root')!;
  const root = createRoot(rootEl);
  const transport = pickTransport();
  const info = await transport.invoke('host.info', {});
  if (!info.ok) {
    root.render(
      <div className="page">
        <div className="banner bad" role="alert">
          <div>
            <strong>Evidence Locker could not start</strong>
            <span>{info.error.message}</span>
          </div>
        </div>
      </div>,
    );
    rootEl.dataset.appState = 'error';
    return;
  }
  root.render(
    <StrictMode>
      <AppProvider transport={transport} host={info.value}>
        <PeriodProvider>
          <App />
        </PeriodProvider>
      </AppProvider>
    </StrictMode>,
  );
  // A marker for end-to-end tests (and nothing else): the shell is on screen.
  requestAnimationFrame(() => (rootEl.dataset.appState = 'loaded'));
}

void boot();
