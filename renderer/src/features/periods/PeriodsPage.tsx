import { useState } from 'react';
import type { ErrorBody, PeriodView } from '@contract';
import { CallError, useApp, useCaller } from '../../app/context';
import { usePeriod } from '../../app/period';
import { Badge, Button, Empty, ErrorBanner, PageHeader, Panel } from '../../components/ui';
import { PeriodForm } from './PeriodForm';

/** Audit periods: define, edit and remove them; the active one narrows every evidence screen. */
export function PeriodsPage() {
  const { periods, active, setActive, loaded } = usePeriod();
  const call = useCaller();
  const { changed, notify } = useApp();
  const [mode, setMode] = useState<{ editing?: PeriodView } | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const remove = async (p: PeriodView) => {
    if (!window.confirm(`Remove the period “${p.name}”? No evidence is touched; the removal is logged.`)) return;
    try {
      await call('period.remove', { name: p.name });
      changed();
      notify(`Period “${p.name}” removed`);
    } catch (err) {
      setError(err instanceof CallError ? err.body : null);
    }
  };
  return (
    <div className="page">
      <PageHeader
        title="Audit periods"
        description="A Type 1 report covers design as of one day; a Type 2 report covers a window (commonly 3–12 months). Evidence outside the active period is marked, never mixed in."
        actions={
          <Button variant="primary" icon="plus" onClick={() => setMode({})}>
            New period
          </Button>
        }
      />
      <ErrorBanner error={error} />
      {mode && (
        <Panel title={mode.editing ? `Edit ${mode.editing.name}` : 'New audit period'}>
          <PeriodForm key={mode.editing?.name ?? 'new'} editing={mode.editing} onDone={() => setMode(null)} />
        </Panel>
      )}
      <Panel title="Periods" flush>
        {loaded && periods.length === 0 ? (
          <Empty title="No audit period yet" action={<Button onClick={() => setMode({})}>Define the first period</Button>}>
            Define the window your auditor will test; Overview, the coverage map and the timeline then narrow to it.
          </Empty>
        ) : (
          <table className="table" aria-label="Audit periods" data-testid="periods-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Type</th>
                <th>Days (UTC)</th>
                <th>Criteria in scope</th>
                <th>Not applicable</th>
                <th className="num">Actions</th>
              </tr>
            </thead>
            <tbody>
              {periods.map((p) => (
                <tr key={p.name} data-testid={`period-row-${p.name}`}>
                  <td>
                    <strong>{p.name}</strong> {active?.name === p.name && <Badge tone="info">Active</Badge>}
                  </td>
                  <td>{p.type === 'type1' ? 'Type 1' : 'Type 2'}</td>
                  <td className="nowrap">{p.type === 'type1' ? `as of ${p.from}` : `${p.from} → ${p.to}`}</td>
                  <td className="small">{p.criteria.join(', ')}</td>
                  <td className="small">
                    {p.notApplicable.length === 0
                      ? '—'
                      : p.notApplicable.map((n) => (
                          <div key={n.criterion} title={`${n.by}, ${n.at}`}>
                            <strong>{n.criterion}</strong>: {n.justification}
                          </div>
                        ))}
                  </td>
                  <td className="num">
                    <div className="row nowrap">
                      {active?.name !== p.name && (
                        <Button size="small" onClick={() => setActive(p.name)}>
                          Make active
                        </Button>
                      )}
                      <Button size="small" onClick={() => setMode({ editing: p })}>
                        Edit
                      </Button>
                      <Button size="small" variant="danger" onClick={() => void remove(p)} aria-label={`Remove ${p.name}`}>
                        Remove
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}
