import type { ItemFacets, ItemFilter } from '@contract';
import { Button } from '../../components/ui';

/** Filters shared with `evidence-locker items`: source, kind, criterion, date range, completeness. */
export function Filters(props: { facets: ItemFacets | undefined; value: ItemFilter; onChange(v: ItemFilter): void }) {
  const f = props.facets;
  const v = props.value;
  const set = (patch: Partial<ItemFilter>) => {
    const next: ItemFilter = { ...v, ...patch };
    for (const k of Object.keys(next) as (keyof ItemFilter)[]) if (!next[k]) delete next[k];
    props.onChange(next);
  };
  const active = Object.keys(v).length > 0;
  return (
    <div className="filters" role="search" aria-label="Filter evidence">
      <div className="field">
        <label htmlFor="f-source">Source</label>
        <select id="f-source" className="select" value={v.source ?? ''} onChange={(e) => set({ source: e.target.value || undefined })}>
          <option value="">All sources</option>
          {f?.sources.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name} ({s.items})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-kind">Kind</label>
        <select id="f-kind" className="select" value={v.kind ?? ''} onChange={(e) => set({ kind: e.target.value || undefined })}>
          <option value="">All kinds</option>
          {f?.kinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.kind} ({k.items})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-criterion">Criterion</label>
        <select id="f-criterion" className="select" value={v.criterion ?? ''} onChange={(e) => set({ criterion: e.target.value || undefined })}>
          <option value="">All criteria</option>
          {f?.criteria.map((c) => (
            <option key={c.id} value={c.id}>
              {c.id} {c.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-from">Evidence for, from</label>
        <input
          id="f-from"
          className="input"
          type="date"
          value={v.from ?? ''}
          min={f?.first?.slice(0, 10)}
          onChange={(e) => set({ from: e.target.value || undefined })}
        />
      </div>
      <div className="field">
        <label htmlFor="f-to">Evidence for, to</label>
        <input
          id="f-to"
          className="input"
          type="date"
          value={v.to ?? ''}
          max={f?.last?.slice(0, 10)}
          onChange={(e) => set({ to: e.target.value || undefined })}
        />
      </div>
      <div className="field">
        <label htmlFor="f-completeness">Completeness</label>
        <select
          id="f-completeness"
          className="select"
          value={v.completeness ?? ''}
          onChange={(e) => set({ completeness: (e.target.value || undefined) as ItemFilter['completeness'] })}
        >
          <option value="">Any</option>
          <option value="complete">Complete</option>
          <option value="partial">Partial</option>
          <option value="failed">Failed</option>
        </select>
      </div>
      <Button onClick={() => props.onChange({})} disabled={!active}>
        Clear
      </Button>
    </div>
  );
}
