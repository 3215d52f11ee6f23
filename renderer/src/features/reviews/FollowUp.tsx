import type { ReviewView } from '@contract';
import { Badge, Empty, Panel } from '../../components/ui';
import { fmtDateTime } from '../../lib/format';

/** Revoke and change-role decisions matched against later snapshots: carried out (with the proof) or still open. */
export function FollowUp(props: { review: ReviewView }) {
  const f = props.review.followUp;
  const open = f.filter((x) => x.status === 'open').length;
  return (
    <Panel
      title="Follow-up"
      description="Each revoke and change-role decision is checked against the snapshots collected after it. Collect again after the change to prove it."
      flush
    >
      {f.length === 0 ? (
        <Empty title="Nothing to follow up">No revoke or change-role decisions in this review.</Empty>
      ) : (
        <table className="table" aria-label="Follow-up" data-testid="review-followup">
          <thead>
            <tr>
              <th>Line</th>
              <th>Principal</th>
              <th>Decision</th>
              <th>Status</th>
              <th>Proof</th>
              <th>Detail</th>
            </tr>
          </thead>
          <tbody>
            {f.map((x) => (
              <tr key={x.line}>
                <td className="mono">{x.line}</td>
                <td>
                  <span className="muted">{x.source} · </span>
                  {x.principal}
                </td>
                <td>{x.decision === 'revoke' ? 'Revoke' : 'Change role'}</td>
                <td>{x.status === 'done' ? <Badge tone="ok">Carried out</Badge> : <Badge tone="warn">{`Open · ${x.ageDays} d`}</Badge>}</td>
                <td>
                  {x.evidence ? (
                    <a href={`#/evidence/${x.evidence.seq}`} title={`SHA-256 ${x.evidence.contentSha256}`}>
                      #{x.evidence.seq} · {fmtDateTime(x.evidence.collectedAt)}
                    </a>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="small">{x.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open > 0 && <p className="panel-body small muted">{open} still open.</p>}
    </Panel>
  );
}
