import type { CriterionReadinessView, PeriodView } from '@contract';
import { Badge } from '../../components/ui';
import { fmtDateTime } from '../../lib/format';
import { HEALTH, strengthText } from './labels';
import { NotApplicableForm } from './NotApplicableForm';

const SHOWN = 24;

/** What is behind a criterion's status: each series with its items, latest run and gaps, the missed runs, every reason. */
export function CriterionDetail(props: { criterion: CriterionReadinessView; period: PeriodView | null }) {
  const c = props.criterion;
  return (
    <div className="stack" data-testid={`readiness-detail-${c.id}`}>
      {c.reasons.length > 0 && (
        <div>
          <h3>Reasons</h3>
          <ul className="reasons">
            {c.reasons.map((r, i) => (
              <li key={i}>
                {r.message}
                {r.seqs && r.seqs.length > 0 && <ItemLinks seqs={r.seqs} />}
              </li>
            ))}
          </ul>
        </div>
      )}
      {c.series.map((s) => (
        <div key={s.series} className="stack tight">
          <h3>
            <span className="mono">{s.kind}</span> <span className="muted">· {s.source ?? 'no source'}</span>
          </h3>
          <div className="small">
            {strengthText(s.labels)} · {s.cadence} (allowed gap {s.allowedGapHours} h) · {s.collections} complete, {s.partial} partial, {s.failed}{' '}
            failed
          </div>
          <div className="small">
            Baseline before the period:{' '}
            {s.baseline ? (
              <a href={`#/evidence/${s.baseline.seq}`}>
                #{s.baseline.seq} ({fmtDateTime(s.baseline.at)})
              </a>
            ) : (
              <Badge tone="warn">none</Badge>
            )}
            {' · '}Latest run:{' '}
            {s.latestRun ? (
              <>
                <Badge tone={HEALTH[s.latestRun.outcome].tone}>{HEALTH[s.latestRun.outcome].label}</Badge> run {s.latestRun.id},{' '}
                {fmtDateTime(s.latestRun.startedAt)}
                {s.latestRun.reason ? ` (${s.latestRun.reason})` : ''}
              </>
            ) : (
              'none (imported files)'
            )}
          </div>
          {s.gaps.length > 0 && (
            <div className="small">
              Gaps:{' '}
              {s.gaps.map((g) => (
                <Badge key={g.from} tone="warn" plain>
                  {g.from.slice(0, 10)} → {g.to.slice(0, 10)} ({Math.round(g.hours / 24)} days)
                </Badge>
              ))}
            </div>
          )}
          <div className="small">
            Items in the period: <ItemLinks seqs={s.seqs} />
          </div>
        </div>
      ))}
      {c.missed.length > 0 && (
        <div className="small" data-testid={`missed-${c.id}`}>
          <h3>Missed runs ({c.missed.length})</h3>
          {c.missed.map((m) => `${m.source} due ${fmtDateTime(m.dueAt)}`).join(' · ')}
        </div>
      )}
      {props.period && <NotApplicableForm period={props.period.name} criterion={c.id} current={c.notApplicable} />}
    </div>
  );
}

function ItemLinks(props: { seqs: number[] }) {
  if (props.seqs.length === 0) return <span className="muted">none</span>;
  return (
    <span>
      {props.seqs.slice(0, SHOWN).map((seq, i) => (
        <span key={seq}>
          {i > 0 && ' '}
          <a href={`#/evidence/${seq}`} className="mono">
            #{seq}
          </a>
        </span>
      ))}{' '}
      {props.seqs.length > SHOWN && <span className="muted">and {props.seqs.length - SHOWN} more</span>}
    </span>
  );
}
