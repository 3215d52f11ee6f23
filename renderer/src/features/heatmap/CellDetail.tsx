import type { CoverageMapView, RunView } from '@contract';
import { Badge } from '../../components/ui';
import { fmtDateTime, toneOf } from '../../lib/format';
import { CELL, cellOf, itemsBehind, rowLabel, weekText, type CellRef } from './cells';

/** The items, runs and missed runs behind the cell under the pointer or the keyboard focus. */
export function CellDetail(props: { map: CoverageMapView; bySeries: boolean; at: CellRef | null; runs: Map<number, RunView> }) {
  if (!props.at)
    return (
      <div className="cell-detail muted" data-testid="cell-detail">
        Point at a cell, or Tab into the map and use the arrow keys, to see the items and runs behind it.
      </div>
    );
  const row = props.map.criteria[props.at.row]!;
  const col = props.at.col;
  const cell = cellOf(row, col);
  const week = col < 0 ? null : props.map.weeks[col]!;
  const items = itemsBehind(row, col);
  return (
    <div className="cell-detail" data-testid="cell-detail" aria-live="polite">
      <h3>
        {rowLabel(row, props.bySeries)} · {week ? `week ${weekText(week)}` : 'baseline (before the period)'}
        <Badge tone={cell.state === 'complete' ? 'ok' : cell.state === 'partial' ? 'warn' : cell.state === 'none' ? 'muted' : 'bad'}>
          {week?.future ? 'Still to come' : CELL[cell.state].label}
        </Badge>
      </h3>
      <div className="small">
        <strong>Items ({items.length}):</strong>{' '}
        {items.length === 0
          ? 'none'
          : items.map((i) => (
              <span key={i.seq}>
                <a href={`#/evidence/${i.seq}`}>#{i.seq}</a> <span className="mono">{i.kind}</span>
                {i.source ? ` · ${i.source}` : ''}
                {'; '}
              </span>
            ))}
      </div>
      <div className="small">
        <strong>Runs ({cell.runIds.length}):</strong>{' '}
        {cell.runIds.length === 0
          ? 'none'
          : cell.runIds.map((id) => {
              const run = props.runs.get(id);
              return (
                <span key={id}>
                  run {id} {run ? <Badge tone={toneOf(run.outcome)}>{run.outcome.replace('_', ' ')}</Badge> : null}{' '}
                  {run ? `${run.source ?? ''} ${fmtDateTime(run.startedAt)}` : ''}
                  {run?.reason ? ` (${run.reason})` : ''}
                  {'; '}
                </span>
              );
            })}
      </div>
      {cell.missed.length > 0 && (
        <div className="small" data-testid="cell-missed">
          <strong>Missed runs ({cell.missed.length}):</strong> due {cell.missed.map((m) => fmtDateTime(m)).join(', ')}
        </div>
      )}
    </div>
  );
}
