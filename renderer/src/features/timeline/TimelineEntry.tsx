import type { TimelineEventView, TimelineKind } from '@contract';
import { Badge, type Tone } from '../../components/ui';
import { fmtDate, fmtDateTime } from '../../lib/format';
import { KIND_LABEL } from './kinds';

const TONE: Partial<Record<TimelineKind, Tone>> = { joiner: 'ok', leaver: 'bad', promotion: 'info', role_change: 'warn', retention_change: 'warn' };

/** One change: when (between which snapshots), what, and links to the diff and both snapshots. */
export function TimelineEntry(props: { event: TimelineEventView }) {
  const e = props.event;
  return (
    <li data-testid="timeline-entry" data-kind={e.kind}>
      <span className="when" title={`After ${fmtDateTime(e.from.collectedAt)}, by ${fmtDateTime(e.to.collectedAt)}`}>
        {fmtDate(e.to.evidenceFor)}
        <div className="small">after {fmtDate(e.from.evidenceFor)}</div>
      </span>
      <span>
        <Badge tone={TONE[e.kind] ?? 'muted'}>{KIND_LABEL[e.kind]}</Badge>
      </span>
      <span>
        {e.summary}
        <div className="small muted">
          {e.source} · <span className="mono">{e.snapshotKind}</span>
        </div>
      </span>
      <span className="small nowrap">
        {e.diff.seq !== null ? <a href={`#/evidence/${e.diff.seq}`}>diff #{e.diff.seq}</a> : <span className="muted">diff not recorded</span>}
        {' · '}
        <a href={`#/evidence/${e.from.seq}`} title={`SHA-256 ${e.from.contentSha256}`}>
          #{e.from.seq}
        </a>
        {' → '}
        <a href={`#/evidence/${e.to.seq}`} title={`SHA-256 ${e.to.contentSha256}`}>
          #{e.to.seq}
        </a>
      </span>
    </li>
  );
}
