import { useState } from 'react';
import type { Cadence, ErrorBody, ScheduleView } from '@contract';
import { CallError, useApp, useCaller } from '../../app/context';
import { Button } from '../../components/ui';
import { fmtDateTime } from '../../lib/format';

const LABELS: Record<Cadence, string> = { daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly', cron: 'Cron (UTC)' };

/** One source's cadence (logged when changed) and when it is due next; cron takes an expression saved explicitly. */
export function ScheduleEditor(props: { source: string; schedule: ScheduleView | undefined }) {
  const s = props.schedule;
  const call = useCaller();
  const { changed, notify } = useApp();
  const [cadence, setCadence] = useState<Cadence>(s?.cadence ?? 'weekly');
  const [cron, setCron] = useState(s?.cron ?? '0 6 * * 1-5');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `schedule-${props.source}`;

  const save = async (next: Cadence, expr?: string) => {
    setBusy(true);
    setError(null);
    try {
      await call('schedule.set', { source: props.source, cadence: next, ...(next === 'cron' ? { cron: expr } : {}) });
      changed();
      notify(`${props.source}: collected ${next === 'cron' ? `on “${expr}”` : next}`);
    } catch (err) {
      setError(err instanceof CallError ? err.body : { code: 'INTERNAL', message: String(err) });
    } finally {
      setBusy(false);
    }
  };
  if (s?.importOnly) return <span className="muted small">Imported files only: nothing to run</span>;
  return (
    <div className="stack tight" data-testid={id}>
      <div className="row nowrap">
        <label htmlFor={id} className="visually-hidden">
          How often to collect {props.source}
        </label>
        <select
          id={id}
          className="select"
          value={cadence}
          disabled={busy}
          onChange={(e) => {
            const next = e.target.value as Cadence;
            setCadence(next);
            if (next !== 'cron') void save(next);
          }}
        >
          {(Object.keys(LABELS) as Cadence[]).map((c) => (
            <option key={c} value={c}>
              {LABELS[c]}
              {c === 'weekly' && s?.isDefault ? ' (default)' : ''}
            </option>
          ))}
        </select>
        {cadence === 'cron' && (
          <>
            <input className="input mono" aria-label={`Cron expression for ${props.source}`} value={cron} onChange={(e) => setCron(e.target.value)} />
            <Button size="small" onClick={() => void save('cron', cron)} busy={busy}>
              Save
            </Button>
          </>
        )}
      </div>
      <span className="small muted">{s?.nextDue ? `Next due ${fmtDateTime(s.nextDue)}` : ' '}</span>
      {error && (
        <span className="small error-text" role="alert">
          {error.message}
        </span>
      )}
    </div>
  );
}
