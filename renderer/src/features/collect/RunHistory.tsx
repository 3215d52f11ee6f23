import { useState } from 'react';
import type { RunOutcome, RunView } from '@contract';
import { useQuery } from '../../app/context';
import { Badge, Button, Empty, ErrorBanner, Panel, SkeletonLines, type Tone } from '../../components/ui';
import { fmtDateTime, fmtDuration, fmtNumber } from '../../lib/format';

export const OUTCOME: Record<RunOutcome, { label: string; tone: Tone; explain: string }> = {
  running: { label: 'Running', tone: 'info', explain: 'Still collecting.' },
  complete: { label: 'Complete', tone: 'ok', explain: 'Every kind was collected in full.' },
  no_data: {
    label: 'No data',
    tone: 'muted',
    explain: 'The source answered, but had nothing to collect. Not a failure; check the scope if you expected data.',
  },
  partial: { label: 'Partial', tone: 'warn', explain: 'Some kinds failed or are incomplete; the others were recorded.' },
  connection_error: {
    label: 'Connection error',
    tone: 'bad',
    explain: 'The source could not be reached or refused the credentials. This is not a failed control: fix the connection and collect again.',
  },
  failed: { label: 'Failed', tone: 'bad', explain: 'The run did not record evidence.' },
  interrupted: { label: 'Interrupted', tone: 'warn', explain: 'The app stopped while this run was in progress.' },
};

export function OutcomeBadge(props: { outcome: RunOutcome }) {
  const o = OUTCOME[props.outcome];
  return (
    <Badge tone={o.tone} title={o.explain}>
      {o.label}
    </Badge>
  );
}

function duration(r: RunView): string {
  if (!r.finishedAt) return '—';
  return fmtDuration(new Date(r.finishedAt).getTime() - new Date(r.startedAt).getTime());
}

export function RunHistory(props: { source?: string }) {
  const [limit, setLimit] = useState(25);
  const runs = useQuery('runs.list', { source: props.source, limit });
  const rows = runs.data?.rows ?? [];
  return (
    <Panel title="Run history" description="Every collection, newest first. A connection error or “no data” is not a failed control." flush>
      <ErrorBanner error={runs.error} />
      {!runs.data ? (
        <div className="panel-body">
          <SkeletonLines lines={4} />
        </div>
      ) : rows.length === 0 ? (
        <Empty title="No collections yet">Run a collection above; each run is logged and signed.</Empty>
      ) : (
        <>
          <table className="table" aria-label="Run history" data-testid="run-history">
            <thead>
              <tr>
                <th>Run</th>
                <th>Started</th>
                <th>Source</th>
                <th>Outcome</th>
                <th className="num">Items</th>
                <th className="num">Records</th>
                <th className="num">Took</th>
                <th>Reason</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="mono">#{r.id}</td>
                  <td className="nowrap">{fmtDateTime(r.startedAt)}</td>
                  <td>{r.source ?? '—'}</td>
                  <td>
                    <OutcomeBadge outcome={r.outcome} />
                  </td>
                  <td className="num">{fmtNumber(r.items)}</td>
                  <td className="num">{fmtNumber(r.records)}</td>
                  <td className="num nowrap">{duration(r)}</td>
                  <td className="small break">
                    {r.code && <span className="tag">{r.code}</span>}{' '}
                    {r.reason ?? <span className="muted">{r.outcome === 'no_data' ? OUTCOME.no_data.explain : '—'}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {runs.data.total > rows.length && (
            <div className="panel-body row">
              <span className="muted small">
                Showing {rows.length} of {fmtNumber(runs.data.total)} runs
              </span>
              <Button size="small" onClick={() => setLimit(limit + 50)}>
                Show more
              </Button>
            </div>
          )}
        </>
      )}
    </Panel>
  );
}
