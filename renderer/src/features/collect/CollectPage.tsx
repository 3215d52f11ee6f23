import { useEffect, useRef, useState } from 'react';
import type { ErrorBody, SourceRunView } from '@contract';
import { CallError, useApp, useCaller, useQuery } from '../../app/context';
import { navigate } from '../../app/router';
import { Badge, Button, Empty, ErrorBanner, Field, PageHeader, Panel } from '../../components/ui';
import { fmtDuration, fmtNumber, toneOf } from '../../lib/format';
import { foldProgress, rowState, type ProgressRow } from './progress';
import { OutcomeBadge, RunHistory } from './RunHistory';

const CONNECTION_CODES = ['UNREACHABLE', 'AUTH_FAILED', 'FORBIDDEN', 'ENVIRONMENT'];

export function CollectPage() {
  const sources = useQuery('source.list', {});
  const live = (sources.data ?? []).filter((s) => s.config.importOnly !== true);
  const { transport, changed } = useApp();
  const call = useCaller();
  const [which, setWhich] = useState('');
  const [running, setRunning] = useState(false);
  const [rows, setRows] = useState<ProgressRow[]>([]);
  const [result, setResult] = useState<SourceRunView[] | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [now, setNow] = useState(Date.now());
  const started = useRef(0);

  useEffect(() => transport.onProgress((m) => m.procedure === 'collect.run' && setRows((r) => foldProgress(r, m.event, Date.now()))), [transport]);
  useEffect(() => {
    if (!running) return;
    const t = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(t);
  }, [running]);

  const run = async () => {
    setRunning(true);
    setRows([]);
    setResult(null);
    setError(null);
    started.current = Date.now();
    setNow(Date.now());
    try {
      setResult(await call('collect.run', { source: which || undefined }));
    } catch (err) {
      setError(err instanceof CallError ? err.body : { code: 'INTERNAL', message: String(err) });
    } finally {
      setRunning(false);
      setNow(Date.now());
      changed();
    }
  };

  return (
    <div className="page">
      <PageHeader
        title="Collect"
        description="Take a signed snapshot of every source now. Each run is logged; one source failing never stops the others."
      />
      <Panel
        title="Collect now"
        actions={
          <>
            <Field label="Source" htmlFor="collect-source" className="nowrap">
              <select id="collect-source" className="select" value={which} onChange={(e) => setWhich(e.target.value)} disabled={running}>
                <option value="">All sources ({live.length})</option>
                {live.map((s) => (
                  <option key={s.id} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </select>
            </Field>
            <Button variant="primary" icon="collect" onClick={() => void run()} busy={running} disabled={live.length === 0}>
              {running ? 'Collecting…' : 'Collect now'}
            </Button>
          </>
        }
        flush
      >
        {sources.data && live.length === 0 ? (
          <Empty title="Nothing to collect from" action={<Button onClick={() => navigate('sources')}>Add a source</Button>}>
            Add a live MLflow or AWS source first. Imported files are recorded when you import them.
          </Empty>
        ) : rows.length === 0 && !running && !result && !error ? (
          <div className="panel-body muted">Progress appears here per source and kind: pages read, records, errors and time taken.</div>
        ) : (
          <table className="table" aria-label="Collection progress" data-testid="collect-progress">
            <thead>
              <tr>
                <th>Source</th>
                <th>Kind</th>
                <th className="num">Pages</th>
                <th className="num">Records</th>
                <th className="num">Errors</th>
                <th className="num">Elapsed</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody aria-live="polite">
              {rows
                .filter((r) => r.kind)
                .map((r) => {
                  const state = rowState(r);
                  return (
                    <tr key={r.key}>
                      <td>{r.source}</td>
                      <td className="mono">
                        {r.kind}
                        {r.region ? ` @ ${r.region}` : ''}
                      </td>
                      <td className="num">{fmtNumber(r.pages)}</td>
                      <td className="num">{fmtNumber(r.items)}</td>
                      <td className="num">{r.errors ? <span className="badge bad plain">{r.errors}</span> : 0}</td>
                      <td className="num">{fmtDuration((r.endedAt ?? now) - r.startedAt)}</td>
                      <td className="small">
                        <Badge tone={toneOf(state)}>{state === 'running' ? 'Collecting' : state.charAt(0).toUpperCase() + state.slice(1)}</Badge>{' '}
                        {state !== 'complete' && state !== 'running' && <span className="muted break">{r.message}</span>}
                      </td>
                    </tr>
                  );
                })}
              {running && (
                <tr>
                  <td colSpan={7} className="muted small">
                    Running for {fmtDuration(now - started.current)}…
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        )}
        {error && (
          <div className="panel-body">
            <ErrorBanner error={error} title={CONNECTION_CODES.includes(error.code) ? 'Connection error' : 'The collection could not run'} />
          </div>
        )}
        {result && (
          <div className="panel-body stack" data-testid="collect-result">
            {result.map((r) => (
              <div key={r.runId} className="row">
                <strong>{r.source}</strong>
                <OutcomeBadge outcome={r.status === 'failed' && r.code && CONNECTION_CODES.includes(r.code) ? 'connection_error' : r.status} />
                <span className="muted small">
                  run #{r.runId} · {r.outcomes.reduce((n, o) => n + o.items, 0)} items recorded
                  {r.reason ? ` · ${r.reason}` : ''}
                </span>
              </div>
            ))}
            <div>
              <Button size="small" onClick={() => navigate('evidence')}>
                View evidence
              </Button>{' '}
              <Button size="small" onClick={() => navigate('changes')}>
                See what changed
              </Button>
            </div>
          </div>
        )}
      </Panel>
      <RunHistory />
    </div>
  );
}
