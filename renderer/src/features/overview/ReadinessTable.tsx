import { Fragment, useState } from 'react';
import type { CriterionReadinessView, PeriodView } from '@contract';
import { navigate } from '../../app/router';
import { Badge, Button } from '../../components/ui';
import { CriterionDetail } from './CriterionDetail';
import { STATUS, strengthText } from './labels';

function openEvidence(criterion: string) {
  sessionStorage.setItem('evidence-filters', JSON.stringify({ criterion }));
  navigate('evidence');
}

/** Per criterion in scope: one status, the strength labels, the reasons; a row opens the items, runs and gaps behind it. */
export function ReadinessTable(props: { criteria: CriterionReadinessView[]; period: PeriodView | null }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <table className="table" aria-label="Readiness by criterion" data-testid="criteria-coverage">
      <thead>
        <tr>
          <th>Criterion</th>
          <th>Status</th>
          <th>Evidence strength</th>
          <th>Why</th>
          <th className="num">Details</th>
        </tr>
      </thead>
      <tbody>
        {props.criteria.map((c) => {
          const labels = [...new Set(c.series.map((s) => strengthText(s.labels)))];
          // Uploaded documents and the vendor register are evidence without a collected series: design, by a person.
          if (c.kinds.some((k) => (k.kind === 'manual.document' || k.kind === 'vendor.entry') && k.items > 0))
            labels.push('Design · Point in time · Manual upload');
          const expanded = open === c.id;
          return (
            <Fragment key={c.id}>
              <tr data-testid={`readiness-${c.id}`} data-status={c.status}>
                <td>
                  <a
                    href="#/evidence"
                    onClick={(e) => {
                      e.preventDefault();
                      openEvidence(c.id);
                    }}
                    title={`Show the evidence for ${c.id}`}
                  >
                    <strong>{c.id}</strong>
                  </a>{' '}
                  <span className="muted">{c.title}</span>
                  <div className="small muted" title={c.kinds.map((k) => k.kind).join('\n')}>
                    {c.kinds.reduce((n, k) => n + k.items, 0)} items · {c.series.length} series
                  </div>
                </td>
                <td>
                  <div className="status-cell">
                    <Badge tone={STATUS[c.status].tone}>{STATUS[c.status].label}</Badge>
                    {c.missed.length > 0 && <Badge tone="bad">{c.missed.length} missed runs</Badge>}
                  </div>
                </td>
                <td className="small">
                  {labels.length === 0 ? <span className="muted">no series</span> : labels.map((l) => <div key={l}>{l}</div>)}
                </td>
                <td className="small">
                  {c.notApplicable ? (
                    <span>N/A: {c.notApplicable.justification}</span>
                  ) : c.reasons.length === 0 ? (
                    <span className="muted">Every mapped series has period coverage with no gap over its cadence.</span>
                  ) : (
                    <ul className="reasons">
                      {c.reasons.slice(0, 2).map((r, i) => (
                        <li key={i}>{r.message}</li>
                      ))}
                      {c.reasons.length > 2 && <li className="muted">{c.reasons.length - 2} more in details</li>}
                    </ul>
                  )}
                </td>
                <td className="num">
                  <Button size="small" aria-expanded={expanded} aria-controls={`detail-${c.id}`} onClick={() => setOpen(expanded ? null : c.id)}>
                    {expanded ? 'Hide' : 'Items, runs, gaps'}
                  </Button>
                </td>
              </tr>
              {expanded && (
                <tr className="detail-row" id={`detail-${c.id}`}>
                  <td colSpan={5}>
                    <CriterionDetail criterion={c} period={props.period} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
