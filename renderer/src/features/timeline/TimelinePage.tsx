import { useState } from 'react';
import type { TimelineKind } from '@contract';
import { useQuery } from '../../app/context';
import { periodLabel, usePeriod } from '../../app/period';
import { navigate } from '../../app/router';
import { Button, Empty, ErrorBanner, PageHeader, Panel, SkeletonLines } from '../../components/ui';
import { fmtNumber } from '../../lib/format';
import { KIND_LABEL, KINDS } from './kinds';
import { TimelineEntry } from './TimelineEntry';

/** One timeline for the period across sources; each entry cites its diff and the two snapshots it compares. */
export function TimelinePage() {
  const { active, loaded } = usePeriod();
  const sources = useQuery('source.list', { includeRemoved: true });
  const [source, setSource] = useState('');
  const [kind, setKind] = useState<TimelineKind | ''>('');
  const input = { period: active?.name ?? '', ...(source ? { source } : {}), ...(kind ? { kinds: [kind] } : {}) };
  const timeline = useQuery('timeline.list', input, { enabled: !!active });
  const t = timeline.data;
  return (
    <div className="page">
      <PageHeader
        title="Timeline"
        description={
          active
            ? `Joiners, leavers, role changes, promotions, alias moves and retention changes in ${periodLabel(active)}, across sources.`
            : 'Pick or define an audit period to see its changes.'
        }
      />
      <ErrorBanner error={timeline.error ?? sources.error} />
      {loaded && !active ? (
        <Panel>
          <Empty title="No audit period chosen" action={<Button onClick={() => navigate('periods')}>Audit periods</Button>} />
        </Panel>
      ) : (
        <Panel flush>
          <div className="timeline-filters" role="search" aria-label="Filter the timeline">
            <div className="field">
              <label htmlFor="t-source">Source</label>
              <select id="t-source" className="select" value={source} onChange={(e) => setSource(e.target.value)}>
                <option value="">All sources</option>
                {sources.data?.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="t-kind">Kind of change</label>
              <select id="t-kind" className="select" value={kind} onChange={(e) => setKind(e.target.value as TimelineKind | '')}>
                <option value="">All kinds</option>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABEL[k]}
                    {t && !kind ? ` (${t.counts[k]})` : ''}
                  </option>
                ))}
              </select>
            </div>
            <span className="small muted" aria-live="polite" data-testid="timeline-count">
              {t ? `${fmtNumber(t.total)} change${t.total === 1 ? '' : 's'} from ${fmtNumber(t.pairs)} snapshot pairs` : 'Loading…'}
            </span>
          </div>
          {!t ? (
            <div className="panel-body">
              <SkeletonLines lines={6} />
            </div>
          ) : t.events.length === 0 ? (
            <Empty title="No changes in this period">Changes appear once a source has two snapshots in or just before the period.</Empty>
          ) : (
            <ol className="timeline" aria-label="Changes in the period" data-testid="timeline">
              {t.events.map((e, i) => (
                <TimelineEntry key={`${e.diff.seq}-${i}`} event={e} />
              ))}
            </ol>
          )}
          {t && t.warnings.length > 0 && (
            <div className="panel-body small muted">
              {t.warnings.map((w) => (
                <div key={w}>{w}</div>
              ))}
            </div>
          )}
        </Panel>
      )}
    </div>
  );
}
