import { periodLabel, usePeriod } from '../../app/period';
import { href } from '../../app/router';

/** The shell's audit-period selector: every evidence screen narrows to the period chosen here. */
export function PeriodPicker() {
  const { periods, active, setActive, loaded } = usePeriod();
  return (
    <div className="period-picker">
      <label htmlFor="active-period">Audit period</label>
      <select
        id="active-period"
        data-testid="period-picker"
        value={active?.name ?? ''}
        disabled={!loaded}
        onChange={(e) => setActive(e.target.value || null)}
        title={active ? periodLabel(active) : 'All evidence, no period'}
      >
        <option value="">All evidence (no period)</option>
        {periods.map((p) => (
          <option key={p.name} value={p.name}>
            {p.name}
          </option>
        ))}
      </select>
      {active && (
        <span data-testid="period-days">{active.type === 'type1' ? `Type 1 as of ${active.from}` : `Type 2 · ${active.from} → ${active.to}`}</span>
      )}
      <a href={href('periods')}>{periods.length ? 'Manage periods' : 'Define an audit period'}</a>
    </div>
  );
}
