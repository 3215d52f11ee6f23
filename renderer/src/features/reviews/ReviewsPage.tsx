import { useState } from 'react';
import type { ErrorBody } from '@contract';
import { CallError, useApp, useCaller, useQuery } from '../../app/context';
import { navigate } from '../../app/router';
import { Badge, Button, Empty, ErrorBanner, Field, PageHeader, Panel } from '../../components/ui';
import { fmtDateTime } from '../../lib/format';
import { ReviewDetail } from './ReviewDetail';

/** Access reviews (CC6.2/CC6.3): reviewed from signed snapshots, every decision signed, the follow-up proved. */
export function ReviewsPage(props: { id: number | null }) {
  if (props.id !== null) return <ReviewDetail id={props.id} />;
  return <ReviewList />;
}

function ReviewList() {
  const reviews = useQuery('review.list', {});
  return (
    <div className="page">
      <PageHeader
        title="Access reviews"
        description="Review who has access as a signed snapshot shows it — not as of today. Each decision is a signed log entry; later snapshots prove the revocations."
      />
      <StartReview />
      <Panel title="Reviews" flush>
        <ErrorBanner error={reviews.error} />
        {reviews.data && reviews.data.length === 0 ? (
          <Empty title="No access review yet">Start one from an access snapshot above.</Empty>
        ) : (
          <table className="table" aria-label="Access reviews" data-testid="reviews-table">
            <thead>
              <tr>
                <th>#</th>
                <th>Title</th>
                <th>Sources</th>
                <th>Started</th>
                <th>Decided</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {(reviews.data ?? []).map((r) => (
                <tr key={r.id}>
                  <td className="mono">{r.id}</td>
                  <td>
                    <a href={`#/reviews/${r.id}`}>{r.title}</a>
                  </td>
                  <td>{r.sources.join(', ')}</td>
                  <td>
                    {fmtDateTime(r.createdAt)} <span className="muted">by {r.createdBy}</span>
                  </td>
                  <td className="num">
                    {r.decided} / {r.toDecide}
                  </td>
                  <td>
                    <Badge tone={r.status === 'closed' ? 'ok' : 'warn'}>{r.status}</Badge>
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

function StartReview() {
  const snapshots = useQuery('review.snapshots', {});
  const call = useCaller();
  const { changed } = useApp();
  const [mode, setMode] = useState<'snapshot' | 'period'>('snapshot');
  const [seq, setSeq] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const list = snapshots.data ?? [];
  const chosen = seq || (list[0] ? String(list[0].seq) : '');
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const input = mode === 'snapshot' ? { snapshot: Number(chosen) } : { from, to };
      const r = await call('review.start', {
        ...input,
        title: title || undefined,
        reviewer: localStorage.getItem('evidence-locker.reviewer') || undefined,
      });
      changed();
      navigate('reviews', r.id);
    } catch (err) {
      setError(err instanceof CallError ? err.body : { code: 'INTERNAL', message: String(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel title="Start a review" description="From one access snapshot, or from the latest access snapshot of every source in a period.">
      <div className="segmented" role="group" aria-label="Start from">
        {(['snapshot', 'period'] as const).map((m) => (
          <button key={m} type="button" aria-pressed={mode === m} onClick={() => setMode(m)}>
            {m === 'snapshot' ? 'One snapshot' : 'A period'}
          </button>
        ))}
      </div>
      <div className="form-grid rv-start">
        {mode === 'snapshot' ? (
          <Field
            label="Access snapshot"
            htmlFor="rv-snapshot"
            help={list.length ? undefined : 'No access snapshot yet: collect or import one first.'}
          >
            <select id="rv-snapshot" value={chosen} onChange={(e) => setSeq(e.target.value)} disabled={!list.length}>
              {list.map((s) => (
                <option key={s.seq} value={s.seq}>
                  #{s.seq} · {s.source} · {s.kind} · {fmtDateTime(s.collectedAt)} · {s.principals} principals
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <>
            <Field label="From (UTC day)" htmlFor="rv-from">
              <input id="rv-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
            </Field>
            <Field label="To (UTC day)" htmlFor="rv-to">
              <input id="rv-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
            </Field>
          </>
        )}
        <Field label="Title (optional)" htmlFor="rv-title">
          <input id="rv-title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Q4 access review" />
        </Field>
      </div>
      <ErrorBanner error={error} title="Review not started" />
      <Button variant="primary" busy={busy} disabled={mode === 'snapshot' ? !chosen : !from || !to} onClick={() => void start()}>
        Start review
      </Button>
    </Panel>
  );
}
