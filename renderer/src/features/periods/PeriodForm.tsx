import { useState, type FormEvent } from 'react';
import type { ErrorBody, PeriodView } from '@contract';
import { CallError, useApp, useCaller, useQuery } from '../../app/context';
import { usePeriod } from '../../app/period';
import { Button, ErrorBanner, Field } from '../../components/ui';

/** Create or edit an audit period: name, Type 1 point date or Type 2 window, and the criteria in scope. */
export function PeriodForm(props: { editing?: PeriodView; onDone(): void }) {
  const facets = useQuery('items.facets', {});
  const call = useCaller();
  const { changed, notify } = useApp();
  const { setActive } = usePeriod();
  const e = props.editing;
  const [name, setName] = useState(e?.name ?? '');
  const [type, setType] = useState<'type1' | 'type2'>(e?.type ?? 'type2');
  const [from, setFrom] = useState(e?.from ?? '');
  const [to, setTo] = useState(e?.to ?? '');
  const [criteria, setCriteria] = useState<string[] | null>(e?.criteria ?? null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  // The criteria this build maps evidence to, plus any the edited period already has in scope (kept, never dropped).
  const known = facets.data?.criteria ?? [];
  const all = [...known, ...(e?.criteria ?? []).filter((id) => !known.some((c) => c.id === id)).map((id) => ({ id, title: id }))];
  const chosen = new Set(criteria ?? all.map((c) => c.id));

  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setCriteria(all.map((c) => c.id).filter((c) => next.has(c)));
  };
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setBusy(true);
    setError(null);
    const fields = { type, from, ...(type === 'type2' ? { to } : {}), ...(criteria ? { criteria } : {}) };
    try {
      const saved = e
        ? await call('period.update', { name: e.name, ...(name !== e.name ? { rename: name } : {}), ...fields })
        : await call('period.add', { name, ...fields });
      setActive(saved.name);
      changed();
      notify(`Period “${saved.name}” saved`);
      props.onDone();
    } catch (err) {
      setError(err instanceof CallError ? err.body : { code: 'INTERNAL', message: String(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="stack"
      onSubmit={(ev) => void submit(ev)}
      aria-label={e ? `Edit period ${e.name}` : 'New audit period'}
      data-testid="period-form"
    >
      <ErrorBanner error={error} title="Not saved" />
      <div className="form-grid">
        <Field label="Name" htmlFor="p-name" help="Shown in the log, on Overview and in each PDF.">
          <input id="p-name" className="input" required value={name} onChange={(ev) => setName(ev.target.value)} />
        </Field>
        <div className="field">
          <span className="field-label" id="p-type-label">
            Report type
          </span>
          <div className="segmented" role="group" aria-labelledby="p-type-label">
            <button type="button" aria-pressed={type === 'type1'} onClick={() => setType('type1')}>
              Type 1 (a point date)
            </button>
            <button type="button" aria-pressed={type === 'type2'} onClick={() => setType('type2')}>
              Type 2 (a window)
            </button>
          </div>
        </div>
        <Field label={type === 'type1' ? 'As of (UTC day)' : 'First day (UTC)'} htmlFor="p-from">
          <input id="p-from" className="input" type="date" required value={from} onChange={(ev) => setFrom(ev.target.value)} />
        </Field>
        {type === 'type2' && (
          <Field label="Last day (UTC, inclusive)" htmlFor="p-to" help="Type 2 windows are commonly 3 to 12 months.">
            <input id="p-to" className="input" type="date" required min={from || undefined} value={to} onChange={(ev) => setTo(ev.target.value)} />
          </Field>
        )}
        <fieldset className="wide field">
          <legend className="field-label">Criteria in scope ({chosen.size})</legend>
          <div className="criteria-picker">
            {all.map((c) => (
              <label key={c.id} className="checkbox small" title={c.title}>
                <input type="checkbox" checked={chosen.has(c.id)} onChange={() => toggle(c.id)} />
                {c.id}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <div className="row">
        <Button type="submit" variant="primary" busy={busy}>
          {e ? 'Save period' : 'Create period'}
        </Button>
        <Button onClick={props.onDone}>Cancel</Button>
      </div>
    </form>
  );
}
