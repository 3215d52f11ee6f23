import { useQuery } from '../../app/context';
import { navigate } from '../../app/router';
import { OutcomeBadge } from '../collect/RunHistory';
import { typeLabel } from '../sources/schema-form';
import { Badge, Button, Empty, ErrorBanner, PageHeader, Panel, SkeletonLines, Stat } from '../../components/ui';
import { fmtDateTime, fmtNumber, groupHex, relative } from '../../lib/format';

const STALE_DAYS = 7;

/** The week at a glance: is collection running, is the store intact, which criteria have fresh evidence. */
export function OverviewPage() {
  const status = useQuery('store.status', {});
  const facets = useQuery('items.facets', {});
  const runs = useQuery('runs.list', { limit: 6 });
  const s = status.data;
  const lastRun = runs.data?.rows[0];
  const kinds = new Map((facets.data?.kinds ?? []).map((k) => [k.kind, k]));
  const criteria = (facets.data?.criteria ?? []).map((c) => {
    const last =
      c.kinds
        .map((k) => kinds.get(k)?.last ?? '')
        .sort()
        .at(-1) ?? '';
    const items = c.kinds.reduce((n, k) => n + (kinds.get(k)?.items ?? 0), 0);
    const stale = last ? Date.now() - new Date(last).getTime() > STALE_DAYS * 86_400_000 : true;
    return { ...c, last, items, stale };
  });

  return (
    <div className="page">
      <PageHeader
        title="Overview"
        description="Collection, integrity and coverage of this evidence store at a glance."
        actions={
          <>
            <Button onClick={() => navigate('export')} icon="export">
              Export
            </Button>
            <Button variant="primary" onClick={() => navigate('collect')} icon="collect">
              Collect now
            </Button>
          </>
        }
      />
      <ErrorBanner error={status.error} />
      {s?.warning && (
        <div className="banner bad" role="alert">
          <div>
            <strong>Writes are blocked: {s.warning.code}</strong>
            <span>{s.warning.message}</span>
          </div>
        </div>
      )}
      <div className="grid-4">
        <Stat label="Evidence items" value={s ? fmtNumber(s.items) : '—'} hint={s ? `${Object.keys(s.itemsByKind).length} kinds` : ' '} />
        <Stat label="Sources" value={s ? fmtNumber(s.sources.length) : '—'} hint={s ? s.sources.map((x) => x.name).join(', ') || 'none yet' : ' '} />
        <Stat
          label="Last collection"
          value={lastRun ? relative(lastRun.startedAt) : runs.data ? 'never' : '—'}
          hint={lastRun ? <OutcomeBadge outcome={lastRun.outcome} /> : ' '}
        />
        <Stat
          label="Last signed checkpoint"
          value={s?.lastCheckpoint ? relative(s.lastCheckpoint.at) : '—'}
          hint={s?.lastCheckpoint ? `covers ${fmtNumber(s.lastCheckpoint.size)} log entries` : ' '}
        />
      </div>
      <div className="split">
        <Panel
          title="Evidence by criterion"
          description={`Freshness is the newest item supporting each criterion; older than ${STALE_DAYS} days needs a collection.`}
          flush
        >
          {!facets.data ? (
            <div className="panel-body">
              <SkeletonLines lines={5} />
            </div>
          ) : criteria.length === 0 ? (
            <Empty title="No evidence yet" action={<Button onClick={() => navigate('sources')}>Add a source</Button>} />
          ) : (
            <table className="table" aria-label="Evidence by criterion" data-testid="criteria-coverage">
              <thead>
                <tr>
                  <th>Criterion</th>
                  <th>Evidence from</th>
                  <th className="num">Items</th>
                  <th>Newest evidence</th>
                </tr>
              </thead>
              <tbody>
                {criteria.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <a
                        href="#/evidence"
                        onClick={(e) => {
                          e.preventDefault();
                          sessionStorage.setItem('evidence-filters', JSON.stringify({ criterion: c.id }));
                          navigate('evidence');
                        }}
                        title={`Show the evidence for ${c.id}`}
                      >
                        <strong>{c.id}</strong>
                      </a>{' '}
                      <span className="muted">{c.title}</span>
                    </td>
                    <td className="small" title={c.kinds.join('\n')}>
                      {[...new Set(c.kinds.map((k) => typeLabel(k.split('.')[0]!)))].join(' · ')}
                      <div className="muted">
                        {c.kinds.length} kind{c.kinds.length === 1 ? '' : 's'}
                      </div>
                    </td>
                    <td className="num">{fmtNumber(c.items)}</td>
                    <td className="nowrap">
                      {c.stale ? (
                        <Badge tone="warn">{c.last ? `Stale · ${relative(c.last)}` : 'None'}</Badge>
                      ) : (
                        <Badge tone="ok">{relative(c.last)}</Badge>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
        <div className="stack">
          <Panel
            title="Recent runs"
            flush
            actions={
              <Button size="small" variant="ghost" onClick={() => navigate('collect')}>
                All runs
              </Button>
            }
          >
            {!runs.data ? (
              <div className="panel-body">
                <SkeletonLines lines={4} />
              </div>
            ) : runs.data.rows.length === 0 ? (
              <div className="panel-body muted">No collections yet. Imported files are recorded without a run.</div>
            ) : (
              <table className="table" aria-label="Recent runs">
                <tbody>
                  {runs.data.rows.map((r) => (
                    <tr key={r.id}>
                      <td>{r.source}</td>
                      <td>
                        <OutcomeBadge outcome={r.outcome} />
                      </td>
                      <td className="nowrap muted">{fmtDateTime(r.startedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Panel>
          <Panel
            title="Signing key"
            actions={
              <Button size="small" variant="ghost" onClick={() => navigate('settings')}>
                Details
              </Button>
            }
          >
            <div className="stack">
              <div className="fingerprint small">{s?.keyFingerprint ? groupHex(s.keyFingerprint) : '—'}</div>
              <p className="small muted">Your auditor checks every bundle against this fingerprint; send it to them out of band.</p>
            </div>
          </Panel>
        </div>
      </div>
    </div>
  );
}
