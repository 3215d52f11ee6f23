import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type KeyboardEvent } from 'react';
import type { ReviewDecisionKind, ReviewLineView } from '@contract';
import { Badge } from '../../components/ui';
import { activityText, DECISION_KEYS, DECISION_LABEL, DECISION_TONE, FLAG_LABEL, FLAG_TONE, mfaText, TAG_TONE } from './labels';

const ROW_HEIGHT = 40;
const HEADERS = ['#', 'Principal', 'Roles', 'MFA', 'Last activity', 'Tag', 'Flags', 'Decision'];

/**
 * The review's lines, virtualized (TanStack Virtual) so a review of thousands of principals scrolls smoothly.
 * Keyboard: arrows/PageUp/PageDown/Home/End move, K R C D pick keep / revoke / change role / defer, Enter edits.
 */
export function LinesTable(props: {
  lines: ReviewLineView[];
  active: number;
  onActive(i: number): void;
  onPick(decision: ReviewDecisionKind | null): void;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const total = props.lines.length;
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const move = (to: number) => {
    const i = Math.max(0, Math.min(total - 1, to));
    props.onActive(i);
    virtualizer.scrollToIndex(i, { align: 'auto' });
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || total === 0) return;
    const page = Math.max(1, Math.floor((parent.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) move(props.active + moves[e.key]!);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(total - 1);
    else if (e.key === 'Enter') props.onPick(null);
    else if (DECISION_KEYS[e.key.toLowerCase()]) props.onPick(DECISION_KEYS[e.key.toLowerCase()]!);
    else return;
    e.preventDefault();
  };
  return (
    <div className="vt rv-table" role="grid" aria-label="Review lines" aria-rowcount={total + 1} data-testid="review-lines">
      <div className="vt-head" role="row" aria-rowindex={1}>
        {HEADERS.map((h) => (
          <div key={h} role="columnheader">
            {h}
          </div>
        ))}
      </div>
      <div
        ref={parent}
        className="vt-body"
        tabIndex={0}
        onKeyDown={onKey}
        aria-activedescendant={total > 0 ? `rv-row-${props.active}` : undefined}
        aria-label="Review lines: arrow keys move; K keep, R revoke, C change role, D defer; Enter edits the comment"
      >
        <div className="vt-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((v) => {
            const l = props.lines[v.index]!;
            return (
              <div
                key={v.key}
                id={`rv-row-${v.index}`}
                role="row"
                aria-rowindex={v.index + 2}
                aria-selected={v.index === props.active}
                className={`vt-row${l.needsDecision ? '' : ' removed'}`}
                style={{ transform: `translateY(${v.start}px)` }}
                onClick={() => props.onActive(v.index)}
                data-testid={`review-line-${l.line}`}
              >
                <div role="gridcell" className="mono">
                  {l.line}
                </div>
                <div role="gridcell" title={`${l.source}: ${l.principal} (${l.type})`}>
                  <span className="muted">{l.source} · </span>
                  {l.displayName}
                </div>
                <div role="gridcell" className="small" title={l.roles.join('\n')}>
                  {l.roles.join('; ') || '—'}
                </div>
                <div role="gridcell" className={l.mfa === false ? 'bad-text' : 'muted'}>
                  {mfaText(l.mfa)}
                </div>
                <div role="gridcell" className="muted">
                  {activityText(l.lastActivity)}
                </div>
                <div role="gridcell">
                  <Badge tone={TAG_TONE[l.tag] ?? 'muted'} plain>
                    {l.tag}
                  </Badge>
                </div>
                <div role="gridcell" title={l.flagNotes.join('\n')}>
                  {l.flags.map((f) => (
                    <Badge key={f} tone={FLAG_TONE[f] ?? 'muted'}>
                      {FLAG_LABEL[f] ?? f}
                    </Badge>
                  ))}
                </div>
                <div role="gridcell" title={l.decision?.comment}>
                  {!l.needsDecision ? (
                    <span className="muted">removed</span>
                  ) : l.decision ? (
                    <Badge tone={DECISION_TONE[l.decision.decision]}>{DECISION_LABEL[l.decision.decision]}</Badge>
                  ) : (
                    <span className="muted">undecided</span>
                  )}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
