import { useQuery } from '../../app/context';
import { periodLabel, usePeriod } from '../../app/period';
import { navigate } from '../../app/router';
import { Button, Empty, ErrorBanner, PageHeader, Panel, SkeletonLines, Stat } from '../../components/ui';
import { Icon } from '../../components/icons';
import { fmtNumber, groupHex, relative } from '../../lib/format';
import { ReadinessTable } from './ReadinessTable';
import { SourceHealth } from './SourceHealth';

/** One sentence, ending in exactly one full stop, whatever the text it is built from ends with. */
const sentence = (text: string) => `${text.trim().replace(/[.\s]+$/, '')}.`;

/**
 * Readiness for the active audit period: per criterion in scope one status (covered, at risk, not covered, not
 * applicable) with the reasons behind it, and per source whether collection keeps up with its schedule.
 */
export function OverviewPage() {
  const { active } = usePeriod();
  const status = useQuery('store.status', {});
  const readiness = useQuery('readiness.get', active ? { period: active.name } : {});
  const s = status.data;
  const r = readiness.data;
  const overdue = r?.sources.filter((x) => r.overdue.includes(x.source)) ?? [];

  return (
    <div className="page">
      <PageHeader
        title="Overview"
        description={
          active
            ? `Readiness for ${periodLabel(active)}.`
            : 'Readiness of all evidence as of now. Pick an audit period in the sidebar to judge a window.'
        }
        actions={
          <>
            <Button onClick={() => navigate('coverage')} icon="grid">
              Coverage map
            </Button>
            <Button variant="primary" onClick={() => navigate('collect')} icon="collect">
              Collect now
            </Button>
          </>
        }
      />
      <ErrorBanner error={status.error ?? readiness.error} />
      {s?.warning && (
        <div className="banner bad" role="alert">
          <div>
            <strong>Writes are blocked: {s.warning.code}</strong>
            <span>{s.warning.message}</span>
          </div>
        </div>
      )}
      {overdue.length > 0 && (
        <div className="banner bad" role="alert" data-testid="overdue-banner">
          <Icon name="alert" />
          <div>
            <strong>
              {overdue.length === 1
                ? `${overdue[0]!.source} is overdue`
                : `${overdue.length} sources are overdue: ${overdue.map((o) => o.source).join(', ')}`}
            </strong>
            {overdue.map((o) => (
              <span key={o.source}>
                {sentence(`${o.source}: ${o.freshnessReason}`)}{' '}
                {o.lastFailure ? sentence(`Last failure: ${o.lastFailure.reason ?? o.lastFailure.status}`) : ''}
              </span>
            ))}
          </div>
        </div>
      )}
      <div className="grid-4">
        <Stat label="Covered" value={r ? fmtNumber(r.counts.covered) : '—'} hint={r ? `of ${r.criteria.length} criteria in scope` : ' '} />
        <Stat label="At risk" value={r ? fmtNumber(r.counts.at_risk) : '—'} hint="a gap, a failed or partial run, no baseline" />
        <Stat label="Not covered" value={r ? fmtNumber(r.counts.not_covered) : '—'} hint={r ? `${r.counts.not_applicable} not applicable` : ' '} />
        <Stat
          label="Last signed checkpoint"
          value={s?.lastCheckpoint ? relative(s.lastCheckpoint.at, r ? Date.parse(r.asOf) : undefined) : '—'}
          hint={s?.keyFingerprint ? `key ${groupHex(s.keyFingerprint).slice(0, 19)}…` : ' '}
        />
      </div>
      <Panel
        title="Criteria"
        description={
          r?.evaluatedTo && active && r.evaluatedTo.slice(0, 10) < active.to
            ? `The window is still running: judged up to ${r.evaluatedTo.slice(0, 10)}, nothing is counted against days still to come.`
            : 'Covered needs period coverage with no gap over the cadence (+24 h), a baseline before day one and a latest run that completed.'
        }
        flush
      >
        {!r ? (
          <div className="panel-body">
            <SkeletonLines lines={6} />
          </div>
        ) : r.criteria.length === 0 ? (
          <Empty
            title={active ? 'No criteria in scope' : 'No audit period chosen'}
            action={<Button onClick={() => navigate('periods')}>{active ? 'Edit the period' : 'Define an audit period'}</Button>}
          >
            {active
              ? 'Add the criteria your auditor will test to the period.'
              : 'Readiness is judged for a period: the window (or date) your auditor tests, and the criteria in scope. The sources below show how collection keeps up meanwhile.'}
          </Empty>
        ) : (
          <ReadinessTable criteria={r.criteria} period={r.period} />
        )}
      </Panel>
      {r && r.sources.length > 0 && <SourceHealth sources={r.sources} asOf={r.asOf} />}
    </div>
  );
}
