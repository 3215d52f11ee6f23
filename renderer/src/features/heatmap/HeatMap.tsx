import { useRef, type KeyboardEvent } from 'react';
import type { CoverageMapView } from '@contract';
import { STATUS } from '../overview/labels';
import { CELL, cellOf, rowLabel, weekText, type CellRef } from './cells';

/**
 * Criteria × weeks with the baseline (before day one) as its own column. Each cell is a button: hovering or
 * focusing it shows the items and runs behind it; arrow keys move between cells (one tab stop for the grid).
 */
export function HeatMap(props: { map: CoverageMapView; bySeries: boolean; selected: CellRef | null; onSelect(ref: CellRef): void }) {
  const { map } = props;
  const grid = useRef<HTMLTableElement>(null);
  const sel = props.selected ?? { row: 0, col: -1 };
  const focus = (ref: CellRef) => {
    const row = Math.max(0, Math.min(map.criteria.length - 1, ref.row));
    const col = Math.max(-1, Math.min(map.weeks.length - 1, ref.col));
    props.onSelect({ row, col });
    grid.current?.querySelector<HTMLButtonElement>(`[data-cell="${row}:${col}"]`)?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const moves: Record<string, CellRef> = {
      ArrowRight: { row: sel.row, col: sel.col + 1 },
      ArrowLeft: { row: sel.row, col: sel.col - 1 },
      ArrowDown: { row: sel.row + 1, col: sel.col },
      ArrowUp: { row: sel.row - 1, col: sel.col },
      Home: { row: sel.row, col: -1 },
      End: { row: sel.row, col: map.weeks.length - 1 },
    };
    const to = moves[e.key];
    if (to) {
      e.preventDefault();
      focus(to);
    }
  };
  return (
    <div className="heatmap-wrap">
      <table ref={grid} className="heatmap" aria-label="Coverage by criterion and week" data-testid="heatmap" onKeyDown={onKey}>
        <thead>
          <tr>
            <th className="crit" scope="col">
              Criterion
            </th>
            <th className="baseline-col" scope="col" title="The latest snapshot before the period's first day">
              Baseline
            </th>
            {map.weeks.map((w) => (
              <th key={w.index} scope="col" title={weekText(w)}>
                {w.isoWeek.slice(-3)}
                <div className="muted">{w.from.slice(5)}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {map.criteria.map((row, r) => (
            <tr key={rowLabel(row, props.bySeries)} data-testid={`heat-row-${rowLabel(row, props.bySeries)}`}>
              <th className="crit" scope="row" title={row.title}>
                {props.bySeries ? (
                  <>
                    {row.criterion} <span className="mono">{row.series[0]?.kind}</span> <span>{row.series[0]?.source}</span>
                  </>
                ) : (
                  <>
                    {row.criterion} <span>{STATUS[row.status].label}</span>
                  </>
                )}
              </th>
              {[-1, ...map.weeks.map((w) => w.index)].map((col) => {
                const cell = cellOf(row, col);
                const week = col < 0 ? null : map.weeks[col]!;
                const future = week?.future ?? false;
                const isSel = sel.row === r && sel.col === col;
                return (
                  <td key={col} className={col < 0 ? 'baseline-col' : undefined}>
                    <button
                      type="button"
                      className="heat-cell"
                      data-state={future ? 'outside' : cell.state}
                      data-cell={`${r}:${col}`}
                      data-testid={`cell-${rowLabel(row, props.bySeries)}-${col < 0 ? 'baseline' : week!.isoWeek}`}
                      tabIndex={isSel ? 0 : -1}
                      aria-pressed={props.selected !== null && isSel}
                      aria-label={`${rowLabel(row, props.bySeries)}, ${week ? `week ${weekText(week)}` : 'baseline before the period'}: ${future ? 'still to come' : CELL[cell.state].label}, ${cell.seqs.length} items, ${cell.runIds.length} runs${cell.missed.length ? `, ${cell.missed.length} missed` : ''}`}
                      onMouseEnter={() => props.onSelect({ row: r, col })}
                      onFocus={() => props.onSelect({ row: r, col })}
                    >
                      {future ? '' : CELL[cell.state].glyph}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function HeatLegend() {
  return (
    <div className="heat-legend" aria-label="Legend">
      {(Object.keys(CELL) as (keyof typeof CELL)[]).map((s) => (
        <span key={s}>
          <span className="heat-cell" data-state={s} aria-hidden="true">
            {CELL[s].glyph}
          </span>
          {CELL[s].label}
        </span>
      ))}
    </div>
  );
}
