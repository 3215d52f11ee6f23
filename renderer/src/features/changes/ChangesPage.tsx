import { useEffect, useState } from 'react';
import type { DiffView, ErrorBody } from '@contract';
import { CallError, useCaller, useQuery } from '../../app/context';
import { href, navigate } from '../../app/router';
import { Badge, Button, Empty, ErrorBanner, PageHeader, Panel, SkeletonLines } from '../../components/ui';
import { fmtDateTime, fmtNumber } from '../../lib/format';
import { changeName, changeTone, seriesTitle, valueText } from './labels';

interface Series {
  source: string;
  kind: string;
  items: number;
}

/**
 * What changed between the last two snapshots of each series (source × kind): joiners and leavers, role changes,
 * promotions and alias moves, retention changes. Each comparison is recorded once as derived evidence and cites both
 * snapshots by number and hash; looking again reuses it.
 */
export function ChangesPage() {
  const facets = useQuery('items.facets', {});
  const kinds = useQuery('diff.kinds', {});
  const diffable = new Set(kinds.data ?? []);
  const series = (facets.data?.series ?? []).filter((s) => diffable.has(s.kind) && s.items >= 2);
  const single = (facets.data?.series ?? []).filter((s) => diffable.has(s.kind) && s.items === 1);
  const loading = !facets.data || !kinds.data;
  return (
    <div className="page">
      <PageHeader
        title="Changes"
        description={
          <>
            The latest two snapshots of each series, compared — the change trail MLflow and cloud consoles do not keep. Each comparison is signed
            evidence citing both snapshots. Every change in an audit period, across sources: <a href={href('timeline')}>Timeline</a>.
          </>
        }
      />
      <ErrorBanner error={facets.error ?? kinds.error} />
      {loading ? (
        <Panel title="Loading changes…">
          <SkeletonLines lines={5} />
        </Panel>
      ) : series.length === 0 ? (
        <Panel>
          <Empty title="Nothing to compare yet" action={<Button onClick={() => navigate('collect')}>Collect now</Button>}>
            Changes appear once a source has been collected (or imported) at least twice.
            {single.length > 0 && ` ${single.length} series have one snapshot so far.`}
          </Empty>
        </Panel>
      ) : (
        series.map((s) => <SeriesChanges key={`${s.source}|${s.kind}`} series={s} />)
      )}
    </div>
  );
}

function SeriesChanges(props: { series: Series }) {
  const call = useCaller();
  const { source, kind } = props.series;
  const [diff, setDiff] = useState<DiffView | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  useEffect(() => {
    let live = true;
    call('diff.run', { source, kind })
      .then((d) => live && setDiff(d))
      .catch((err: unknown) => live && setError(err instanceof CallError ? err.body : { code: 'INTERNAL', message: String(err) }));
    return () => {
      live = false;
    };
  }, [call, source, kind, props.series.items]);

  return (
    <Panel
      title={
        <>
          {seriesTitle(kind)} <span className="muted">· {source}</span>
        </>
      }
      description={
        diff ? (
          <span data-testid="diff-cites">
            Snapshot <a href={`#/evidence/${diff.from.seq}`}>#{diff.from.seq}</a> ({fmtDateTime(diff.from.collectedAt)}, SHA-256{' '}
            {diff.from.contentSha256.slice(0, 12)}…) → snapshot <a href={`#/evidence/${diff.to.seq}`}>#{diff.to.seq}</a> (
            {fmtDateTime(diff.to.collectedAt)}, SHA-256 {diff.to.contentSha256.slice(0, 12)}…)
          </span>
        ) : (
          'Comparing the last two snapshots…'
        )
      }
      actions={
        diff && (
          <>
            <Button size="small" onClick={() => navigate('evidence', diff.recorded.seq)}>
              Recorded as item #{diff.recorded.seq}
            </Button>
            <Button size="small" variant="ghost" aria-expanded={showHistory} onClick={() => setShowHistory(!showHistory)}>
              Earlier comparisons
            </Button>
          </>
        )
      }
      flush
    >
      <ErrorBanner error={error} />
      {!diff && !error && (
        <div className="panel-body">
          <SkeletonLines lines={3} />
        </div>
      )}
      {diff && (
        <>
          {diff.warnings.length > 0 && (
            <div className="panel-body">
              {diff.warnings.map((w) => (
                <div key={w} className="banner warn small">
                  {w}
                </div>
              ))}
            </div>
          )}
          {diff.changes.length === 0 ? (
            <div className="panel-body muted">No changes between these two snapshots.</div>
          ) : (
            <>
              <div className="panel-body row">
                {Object.entries(diff.counts).map(([type, n]) => (
                  <Badge key={type} tone={changeTone(type)}>
                    {fmtNumber(n)} × {changeName(type)}
                  </Badge>
                ))}
              </div>
              <div className="table-wrap">
                <table className="table" aria-label={`Changes in ${kind} for ${source}`} data-testid={`changes-${kind}`}>
                  <thead>
                    <tr>
                      <th>Change</th>
                      <th>Subject</th>
                      <th>Field</th>
                      <th>Before</th>
                      <th>After</th>
                    </tr>
                  </thead>
                  <tbody>
                    {diff.changes.map((c, i) => (
                      <tr key={i}>
                        <td className="nowrap">
                          <Badge tone={changeTone(c.type)}>{changeName(c.type)}</Badge>
                        </td>
                        <td>{c.subject}</td>
                        <td className="muted">{c.field ?? ''}</td>
                        <td className="change-before break">{valueText(c.before)}</td>
                        <td className="change-after break">{valueText(c.after)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          {showHistory && <DiffHistory source={source} kind={kind} />}
        </>
      )}
    </Panel>
  );
}

function DiffHistory(props: { source: string; kind: string }) {
  const history = useQuery('items.list', { source: props.source, kind: `${props.kind}.diff`, limit: 200 });
  const rows = [...(history.data?.rows ?? [])].reverse();
  return (
    <div className="panel-body stack">
      <h3>Every recorded comparison</h3>
      {!history.data ? (
        <SkeletonLines lines={2} />
      ) : (
        <ul className="list-plain">
          {rows.map((r) => (
            <li key={r.seq}>
              <a href={`#/evidence/${r.seq}`}>Item #{r.seq}</a> <span className="muted">· recorded {fmtDateTime(r.collectedAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
