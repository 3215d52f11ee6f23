import { useRef, useState } from 'react';
import type { ErrorBody, ReviewLineView } from '@contract';
import { CallError, useApp, useCaller, useQuery } from '../../app/context';
import { navigate } from '../../app/router';
import { Badge, Button, ErrorBanner, PageHeader, Panel, SkeletonLines, Stat } from '../../components/ui';
import { fmtDateTime } from '../../lib/format';
import { CsvPanel } from './CsvPanel';
import { DecisionPanel, type Pick } from './DecisionPanel';
import { FollowUp } from './FollowUp';
import { FILTERS, matches, type LineFilter } from './labels';
import { LinesTable } from './LinesTable';

const REVIEWER_KEY = 'evidence-locker.reviewer';

/** One review: the lines with their flags and decisions, deciding by keyboard, CSV out and in, closing, follow-up. */
export function ReviewDetail(props: { id: number }) {
  const q = useQuery('review.show', { review: props.id });
  const call = useCaller();
  const { changed, notify } = useApp();
  const [filter, setFilter] = useState<LineFilter>('all');
  const [active, setActive] = useState(0);
  const [pick, setPick] = useState<Pick>({ decision: null, nonce: 0 });
  const [reviewer, setReviewer] = useState(() => localStorage.getItem(REVIEWER_KEY) ?? '');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [csvOpen, setCsvOpen] = useState(false);
  const tableRef = useRef<HTMLDivElement>(null);
  const r = q.data;
  if (!r)
    return (
      <div className="page">
        <PageHeader title="Access review" />
        <ErrorBanner error={q.error} />
        {!q.error && <SkeletonLines lines={6} />}
      </div>
    );
  const lines = r.rows.filter((l) => matches(l, filter));
  const current = lines[Math.min(active, Math.max(0, lines.length - 1))];
  const focusTable = () => tableRef.current?.querySelector<HTMLElement>('.vt-body')?.focus();
  const saved = (l: ReviewLineView) => {
    notify(`Line ${l.line}: ${l.decision?.decision} recorded (log entry #${l.decision?.logIdx})`);
    const next = lines.findIndex((x, i) => i > active && x.needsDecision && !x.decision);
    if (next >= 0 && filter !== 'undecided') setActive(next);
    changed();
    focusTable();
  };
  const close = async () => {
    setError(null);
    try {
      const done = await call('review.close', { review: r.id, reviewer: reviewer || undefined });
      changed();
      notify(`Review #${done.id} closed (log entry #${done.closedLogIdx})`);
    } catch (err) {
      setError(err instanceof CallError ? err.body : { code: 'INTERNAL', message: String(err) });
    }
  };
  const onReviewer = (name: string) => {
    setReviewer(name);
    localStorage.setItem(REVIEWER_KEY, name);
  };
  return (
    <div className="page" data-testid="review-detail">
      <PageHeader
        title={`Review #${r.id}: ${r.title}`}
        description={
          <>
            Started {fmtDateTime(r.createdAt)} by {r.createdBy} (log entry #{r.logIdx}) from{' '}
            {r.snapshots.map((s) => (
              <a key={s.seq} href={`#/evidence/${s.seq}`} title={`SHA-256 ${s.contentSha256}`}>
                #{s.seq} {s.source} {s.kind}{' '}
              </a>
            ))}
            {r.previousId ? `· tagged against review #${r.previousId}` : '· first review of these sources'}
          </>
        }
        actions={
          <>
            <Button variant="ghost" onClick={() => navigate('reviews')}>
              All reviews
            </Button>
            <Button icon="download" onClick={() => setCsvOpen(!csvOpen)} aria-expanded={csvOpen}>
              CSV
            </Button>
            {r.status === 'open' && (
              <Button variant="primary" icon="lock" onClick={() => void close()} disabled={r.decided < r.toDecide}>
                Close review
              </Button>
            )}
          </>
        }
      />
      <ErrorBanner error={error} title="Not closed" />
      <div className="grid-4" data-testid="review-stats">
        <Stat
          label="Status"
          value={<Badge tone={r.status === 'closed' ? 'ok' : 'warn'}>{r.status}</Badge>}
          hint={r.closedAt ? `closed ${fmtDateTime(r.closedAt)} by ${r.closedBy}` : undefined}
        />
        <Stat
          label="Decided"
          value={`${r.decided} / ${r.toDecide}`}
          hint={
            Object.entries(r.counts.byDecision)
              .map(([k, n]) => `${k} ${n}`)
              .join(' · ') || 'none yet'
          }
        />
        <Stat
          label="Flags"
          value={Object.values(r.counts.byFlag).reduce((a, b) => a + b, 0)}
          hint={
            Object.entries(r.counts.byFlag)
              .map(([k, n]) => `${k} ${n}`)
              .join(' · ') || 'none'
          }
        />
        <Stat
          label="Tags"
          value={r.lines}
          hint={Object.entries(r.counts.byTag)
            .map(([k, n]) => `${k} ${n}`)
            .join(' · ')}
        />
      </div>
      {csvOpen && <CsvPanel review={r.id} closed={r.status === 'closed'} reviewer={reviewer} />}
      <Panel
        title="Lines"
        flush
        actions={
          <div className="segmented" role="group" aria-label="Show">
            {FILTERS.map((f) => (
              <button key={f.id} type="button" aria-pressed={filter === f.id} onClick={() => (setFilter(f.id), setActive(0))}>
                {f.label} ({r.rows.filter((l) => matches(l, f.id)).length})
              </button>
            ))}
          </div>
        }
      >
        <div className="rv-split" ref={tableRef}>
          <LinesTable lines={lines} active={active} onActive={setActive} onPick={(decision) => setPick((p) => ({ decision, nonce: p.nonce + 1 }))} />
          {current ? (
            <DecisionPanel
              key={`${current.line}-${current.decision?.logIdx ?? 0}`}
              review={r.id}
              line={current}
              closed={r.status === 'closed'}
              pick={pick}
              reviewer={reviewer}
              onReviewer={onReviewer}
              onSaved={saved}
              onBack={focusTable}
            />
          ) : (
            <p className="panel-body muted">No line matches this filter.</p>
          )}
        </div>
      </Panel>
      <FollowUp review={r} />
    </div>
  );
}
