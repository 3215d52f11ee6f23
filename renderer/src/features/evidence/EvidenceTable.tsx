import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { ItemRowView } from '@contract';
import { Badge } from '../../components/ui';
import { fmtDateTime, toneOf } from '../../lib/format';

const ROW_HEIGHT = 34;

export interface RowSource {
  total: number | null;
  row(index: number): ItemRowView | undefined;
  ensure(start: number, end: number): void;
}

export const PROVENANCE_LABEL: Record<string, string> = {
  api_snapshot: 'API snapshot',
  admin_export: 'Admin export',
  manual_upload: 'Manual upload',
  derived: 'Derived (diff)',
};

export function scopeText(scope: Record<string, string>): string {
  return Object.entries(scope)
    .map(([k, v]) => (k === 'server' ? serverText(v) : `${k} ${v}`))
    .join(' · ');
}

/** An import whose file names no server is scoped to a `.invalid` URL (RFC 6761): say so rather than show it. */
const serverText = (url: string): string => (/^https?:\/\/[^/]*\.invalid(\/|$)/.test(url) ? 'imported file' : url.replace(/^https?:\/\//, ''));

/**
 * The evidence table, virtualized with TanStack Virtual: only the rows in view (plus a margin) exist in the DOM,
 * each a fixed 34 px, so 100,000 items scroll smoothly and rows not yet loaded hold their place.
 */
export function EvidenceTable(props: {
  source: RowSource;
  active: number;
  onActive(i: number): void;
  onOpen(row: ItemRowView): void;
  label: string;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const total = props.source.total ?? 0;
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensure } = props.source;
  useEffect(() => {
    if (total > 0) ensure(first, last);
  }, [ensure, first, last, total]);

  const move = (to: number) => {
    const i = Math.max(0, Math.min(total - 1, to));
    props.onActive(i);
    virtualizer.scrollToIndex(i, { align: 'auto' });
  };
  const onKey = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((parent.current?.clientHeight ?? 340) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(props.active + 1),
      ArrowUp: () => move(props.active - 1),
      PageDown: () => move(props.active + page),
      PageUp: () => move(props.active - page),
      Home: () => move(0),
      End: () => move(total - 1),
      Enter: () => {
        const row = props.source.row(props.active);
        if (row) props.onOpen(row);
      },
    };
    const action = keys[e.key];
    if (action && total > 0) {
      e.preventDefault();
      action();
    }
  };

  return (
    <div className="vt" role="grid" aria-label={props.label} aria-rowcount={total + 1} data-testid="evidence-table">
      <div className="vt-head" role="row" aria-rowindex={1}>
        {['#', 'Kind', 'Source', 'Scope', 'Status', 'Provenance', 'Evidence for'].map((h) => (
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
        aria-activedescendant={total > 0 ? `ev-row-${props.active}` : undefined}
        aria-label="Evidence rows: arrow keys move, Enter opens"
      >
        <div className="vt-inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((v) => {
            const row = props.source.row(v.index);
            const selected = v.index === props.active;
            return (
              <div
                key={v.key}
                id={`ev-row-${v.index}`}
                role="row"
                aria-rowindex={v.index + 2}
                aria-selected={selected}
                className={`vt-row${row ? '' : ' placeholder'}`}
                style={{ transform: `translateY(${v.start}px)` }}
                onClick={() => {
                  props.onActive(v.index);
                  if (row) props.onOpen(row);
                }}
              >
                {row ? (
                  <>
                    <div role="gridcell" className="mono">
                      {row.seq}
                    </div>
                    <div role="gridcell" className="mono" title={row.kind}>
                      {row.kind}
                    </div>
                    <div role="gridcell">{row.source ?? '—'}</div>
                    <div role="gridcell" className="muted" title={scopeText(row.scope)}>
                      {scopeText(row.scope)}
                    </div>
                    <div role="gridcell">
                      <Badge tone={toneOf(row.completeness)}>{row.completeness}</Badge>
                    </div>
                    <div role="gridcell" className="small">
                      {PROVENANCE_LABEL[row.provenance] ?? row.provenance}
                    </div>
                    <div
                      role="gridcell"
                      className="nowrap"
                      title={
                        row.evidenceFor !== row.collectedAt
                          ? `Evidence for ${fmtDateTime(row.evidenceFor)}, collected ${fmtDateTime(row.collectedAt)}`
                          : undefined
                      }
                    >
                      {row.periodMark === 'outside_period' && <span className="outside-period">Outside period · </span>}
                      {fmtDateTime(row.evidenceFor)}
                    </div>
                  </>
                ) : (
                  Array.from({ length: 7 }, (_, i) => <div key={i} role="gridcell" />)
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
