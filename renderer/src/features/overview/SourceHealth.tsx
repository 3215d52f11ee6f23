import type { SourceReadinessView } from '@contract';
import { navigate } from '../../app/router';
import { Badge, Button, Panel } from '../../components/ui';
import { fmtDateTime, relative } from '../../lib/format';
import { FRESHNESS, HEALTH } from './labels';

/**
 * Per source: last successful collection, next due, consecutive failures and the last failure's reason, and
 * freshness from its cadence. A connection error and rejected credentials are named as such, not "failed".
 */
export function SourceHealth(props: { sources: SourceReadinessView[]; asOf: string }) {
  const now = Date.parse(props.asOf);
  return (
    <Panel
      title="Sources"
      description="Freshness follows each source's schedule (Sources screen). Missed runs are recorded in the signed log when noticed."
      flush
      actions={
        <Button size="small" variant="ghost" onClick={() => navigate('sources')}>
          Schedules
        </Button>
      }
    >
      <table className="table" aria-label="Source freshness" data-testid="source-health">
        <thead>
          <tr>
            <th>Source</th>
            <th>Freshness</th>
            <th>Last run</th>
            <th>Last success</th>
            <th>Next due</th>
            <th className="num">Failures in a row</th>
            <th>Missed runs</th>
          </tr>
        </thead>
        <tbody>
          {props.sources.map((s) => (
            <tr key={s.source} data-testid={`source-health-${s.source}`} data-freshness={s.freshness}>
              <td>
                <strong>{s.source}</strong>
                <div className="small muted">
                  {s.type} · {s.schedule.cadence === 'cron' ? `cron ${s.schedule.cron}` : s.schedule.cadence}
                  {s.schedule.isDefault ? ' (default)' : ''}
                </div>
              </td>
              <td title={s.freshnessReason}>
                <Badge tone={FRESHNESS[s.freshness].tone}>{FRESHNESS[s.freshness].label}</Badge>
                <div className="small muted">{s.freshnessReason}</div>
              </td>
              <td>
                <Badge tone={HEALTH[s.status].tone}>{HEALTH[s.status].label}</Badge>
                {s.lastFailure && (
                  <div className="small muted break" title={s.lastFailure.reason ?? undefined}>
                    {HEALTH[s.lastFailure.status === 'interrupted' ? 'interrupted' : s.lastFailure.status].label} {relative(s.lastFailure.at, now)}
                    {s.lastFailure.reason ? `: ${s.lastFailure.reason}` : ''}
                  </div>
                )}
              </td>
              <td className="nowrap">{s.lastSuccess ? fmtDateTime(s.lastSuccess.at) : <span className="muted">never</span>}</td>
              <td className="nowrap">{s.importOnly ? <span className="muted">by import</span> : fmtDateTime(s.nextDue)}</td>
              <td className="num">{s.consecutiveFailures > 0 ? <Badge tone="bad">{s.consecutiveFailures}</Badge> : '0'}</td>
              <td className="small">
                {s.missed.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <span title={s.missed.map((m) => `due ${m.dueAt}`).join('\n')}>
                    <Badge tone="bad">{s.missed.length} missed</Badge> last due {fmtDateTime(s.missed.at(-1)!.dueAt)}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
