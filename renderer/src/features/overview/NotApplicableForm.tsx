import { useState } from 'react';
import type { ErrorBody, NotApplicableView } from '@contract';
import { CallError, useApp, useCaller } from '../../app/context';
import { Button, ErrorBanner, Field } from '../../components/ui';
import { fmtDateTime } from '../../lib/format';

/** Not applicable needs a reason the user types (auditors ask why); marking and withdrawing are both logged. */
export function NotApplicableForm(props: { period: string; criterion: string; current: NotApplicableView | null }) {
  const call = useCaller();
  const { changed, notify } = useApp();
  const [text, setText] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (justification: string | null) => {
    setBusy(true);
    setError(null);
    try {
      await call('criterion.markNotApplicable', { period: props.period, criterion: props.criterion, justification });
      changed();
      notify(justification ? `${props.criterion} marked not applicable (logged)` : `${props.criterion} is in scope again (logged)`);
    } catch (err) {
      setError(err instanceof CallError ? err.body : { code: 'INTERNAL', message: String(err) });
    } finally {
      setBusy(false);
    }
  };
  if (props.current)
    return (
      <div className="row small">
        <span>
          Marked not applicable by {props.current.by} on {fmtDateTime(props.current.at)} (log entry {props.current.logIdx}): “
          {props.current.justification}”
        </span>
        <Button size="small" onClick={() => void save(null)} busy={busy}>
          Withdraw
        </Button>
      </div>
    );
  const id = `na-${props.criterion}`;
  return (
    <div className="stack tight">
      <ErrorBanner error={error} title="Not saved" />
      <Field label={`Not applicable to ${props.period}? Say why (logged, shown to the auditor)`} htmlFor={id}>
        <textarea id={id} className="textarea" rows={2} value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      <div className="row">
        <Button size="small" onClick={() => void save(text)} disabled={text.trim().length < 10} busy={busy}>
          Mark not applicable
        </Button>
        <span className="small muted">At least 10 characters.</span>
      </div>
    </div>
  );
}
