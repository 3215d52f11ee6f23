import { useMemo, useState } from 'react';
import type { SourceTestView, SourceTypeView, SourceView } from '@contract';
import { CallError, useApp, useCaller } from '../../app/context';
import { Badge, Button, ErrorBanner, Field } from '../../components/ui';
import { fieldsFromSchema, initialValues, secretModeOf, toConfig, typeLabel, type FieldSpec, type FormValue, type SecretInput } from './schema-form';
import type { ErrorBody } from '@contract';

interface Props {
  types: SourceTypeView[];
  /** Editing an existing source; absent when adding. */
  editing?: SourceView;
  onDone(name: string | null): void;
}

/** Add or edit a source: fields come from the collector's schema; secrets are typed once and kept by the host. */
export function SourceForm(props: Props) {
  const { host, changed, notify } = useApp();
  const call = useCaller();
  const [type, setType] = useState(props.editing?.type ?? props.types.find((t) => t.type === 'mlflow')?.type ?? props.types[0]?.type ?? '');
  const spec = props.types.find((t) => t.type === type);
  const fields = useMemo(() => (spec ? fieldsFromSchema(spec.configSchema, spec.secretFields, spec.flags) : []), [spec]);
  const [name, setName] = useState(props.editing?.name ?? '');
  const [values, setValues] = useState<Record<string, FormValue>>(() => initialValues(fields, props.editing?.config));
  const [secrets, setSecrets] = useState<Record<string, SecretInput>>(() =>
    Object.fromEntries(
      (spec?.secretFields ?? []).map((f) => [
        f,
        {
          mode: props.editing ? secretModeOf(props.editing.config[f]) : 'none',
          value: props.editing && secretModeOf(props.editing.config[f]) === 'env' ? String(props.editing.config[f]) : '',
        },
      ]),
    ),
  );
  const [showAdvanced, setShowAdvanced] = useState(false);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [tested, setTested] = useState<SourceTestView | null>(null);
  const [skipTest, setSkipTest] = useState(false);

  const switchType = (t: string) => {
    setType(t);
    const next = props.types.find((x) => x.type === t);
    const f = next ? fieldsFromSchema(next.configSchema, next.secretFields, next.flags) : [];
    setValues(initialValues(f));
    setSecrets(Object.fromEntries((next?.secretFields ?? []).map((k) => [k, { mode: 'none', value: '' }])));
    setTested(null);
    setError(null);
  };

  const payload = () => toConfig(fields, values, secrets);
  const storesSecrets = Object.values(secrets).some((s) => s.mode === 'stored');

  const test = async () => {
    setBusy('test');
    setError(null);
    setTested(null);
    try {
      const { config, secrets: s } = payload();
      setTested(await call('source.check', { type, name: name || undefined, config, secrets: s, existing: props.editing?.name }));
    } catch (err) {
      setError(err instanceof CallError ? err.body : { code: 'INTERNAL', message: String(err) });
    } finally {
      setBusy(null);
    }
  };

  const save = async () => {
    setBusy('save');
    setError(null);
    try {
      const { config, secrets: s } = payload();
      if (props.editing) await call('source.update', { name: props.editing.name, config, secrets: s, test: !skipTest });
      else await call('source.add', { type, name, config, secrets: s, test: !skipTest });
      changed();
      notify(props.editing ? `Source “${props.editing.name}” updated` : `Source “${name}” added`);
      props.onDone(props.editing?.name ?? name);
    } catch (err) {
      setError(err instanceof CallError ? err.body : { code: 'INTERNAL', message: String(err) });
    } finally {
      setBusy(null);
    }
  };

  const basic = fields.filter((f) => !f.advanced);
  const advanced = fields.filter((f) => f.advanced);
  return (
    <form
      className="stack"
      aria-label={props.editing ? `Edit source ${props.editing.name}` : 'Add a source'}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="form-grid">
        <Field label="Type" htmlFor="source-type">
          <select id="source-type" className="select" value={type} disabled={Boolean(props.editing)} onChange={(e) => switchType(e.target.value)}>
            {props.types.map((t) => (
              <option key={t.type} value={t.type}>
                {typeLabel(t.type)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Name" htmlFor="source-name" help={`How this source appears in evidence and bundles, e.g. prod-${type}.`}>
          <input
            id="source-name"
            className="input"
            value={name}
            required
            disabled={Boolean(props.editing)}
            pattern="[A-Za-z0-9._-]{1,64}"
            onChange={(e) => setName(e.target.value)}
            autoComplete="off"
          />
        </Field>
        {spec && <p className="wide small muted">{spec.description}</p>}
        {basic.map((f) => (
          <FormField
            key={f.key}
            field={f}
            value={values[f.key]}
            secret={secrets[f.key]}
            onValue={(v) => setValues({ ...values, [f.key]: v })}
            onSecret={(s) => setSecrets({ ...secrets, [f.key]: s })}
            editing={Boolean(props.editing)}
            sourceType={type}
          />
        ))}
      </div>
      {advanced.length > 0 && (
        <div className="stack">
          <div>
            <Button size="small" variant="ghost" aria-expanded={showAdvanced} onClick={() => setShowAdvanced(!showAdvanced)}>
              {showAdvanced ? '▾' : '▸'} Advanced settings
            </Button>
          </div>
          {showAdvanced && (
            <div className="form-grid">
              {advanced.map((f) => (
                <FormField
                  key={f.key}
                  field={f}
                  value={values[f.key]}
                  secret={secrets[f.key]}
                  onValue={(v) => setValues({ ...values, [f.key]: v })}
                  onSecret={(s) => setSecrets({ ...secrets, [f.key]: s })}
                  editing={Boolean(props.editing)}
                  sourceType={type}
                />
              ))}
            </div>
          )}
        </div>
      )}
      {storesSecrets && (
        <p className={`small ${host.credentials.available ? 'muted' : ''}`}>
          {host.credentials.available ? (
            <>
              Secrets you type here are kept in {host.credentials.description}. The evidence store, its log and exported bundles never contain them.
            </>
          ) : (
            <strong>This app cannot keep secrets here: {host.credentials.description} Use an environment variable instead.</strong>
          )}
        </p>
      )}
      <ErrorBanner error={error} />
      {tested && (
        <div className={`banner ${tested.ok ? 'ok' : 'bad'}`} role="status" data-testid="test-result">
          <div>
            <strong>{tested.ok ? 'Connection works' : 'Connection failed'}</strong>
            <span>
              {tested.detail}
              {tested.serverVersion ? ` · server ${tested.serverVersion}` : ''}
              {tested.identity ? ` · signed in as ${tested.identity}` : ''}
            </span>
          </div>
        </div>
      )}
      <div className="row">
        <Button onClick={() => void test()} busy={busy === 'test'} icon="plug">
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </Button>
        <Button variant="primary" busy={busy === 'save'} onClick={() => void save()} disabled={!name}>
          {busy === 'save' ? 'Checking and saving…' : props.editing ? 'Save changes' : 'Save source'}
        </Button>
        <Button variant="ghost" onClick={() => props.onDone(null)}>
          Cancel
        </Button>
        <span className="spacer" />
        <label className="checkbox small muted">
          <input type="checkbox" checked={skipTest} onChange={(e) => setSkipTest(e.target.checked)} />
          Save without testing (server offline now)
        </label>
      </div>
      {tested?.ok && <Badge tone="ok">Tested</Badge>}
    </form>
  );
}

/** e.g. MLFLOW_PASSWORD, WANDB_API_KEY: a conventional variable name for the placeholder. */
const envHint = (type: string, key: string) => `${type}_${key.replace(/Env$/, '').replace(/([a-z])([A-Z])/g, '$1_$2')}`.toUpperCase();

function FormField(props: {
  field: FieldSpec;
  value: FormValue | undefined;
  secret?: SecretInput;
  onValue(v: FormValue): void;
  onSecret(s: SecretInput): void;
  editing: boolean;
  sourceType: string;
}) {
  const f = props.field;
  const id = `cfg-${f.key}`;
  if (f.secret) {
    const s = props.secret ?? { mode: 'none', value: '' };
    return (
      <fieldset className="field wide">
        <legend className="field-label">{f.label}</legend>
        <div className="row">
          <div className="segmented" role="group" aria-label={`${f.label}: how it is provided`}>
            {(['none', 'stored', 'env'] as const).map((mode) => (
              <button
                key={mode}
                type="button"
                aria-pressed={s.mode === mode}
                onClick={() => props.onSecret({ mode, value: mode === s.mode ? s.value : '' })}
              >
                {mode === 'none' ? 'Not used' : mode === 'stored' ? 'Enter it here' : 'Environment variable'}
              </button>
            ))}
          </div>
          {s.mode === 'stored' && (
            <input
              id={id}
              className="input"
              type="password"
              autoComplete="new-password"
              aria-label={f.label}
              placeholder={props.editing ? 'Leave empty to keep the stored one' : ''}
              value={s.value}
              onChange={(e) => props.onSecret({ ...s, value: e.target.value })}
            />
          )}
          {s.mode === 'env' && (
            <input
              id={id}
              className="input mono"
              aria-label={`${f.label}: environment variable name`}
              placeholder={envHint(props.sourceType, f.key)}
              value={s.value}
              onChange={(e) => props.onSecret({ ...s, value: e.target.value })}
            />
          )}
        </div>
        <span className="help">
          {s.mode === 'env'
            ? 'Read from this variable each time the app or the CLI collects (the variable must be set where it runs).'
            : s.mode === 'stored'
              ? 'Kept by the app outside the evidence store; the app only ever shows “configured”.'
              : 'Not used: nothing is sent.'}
        </span>
      </fieldset>
    );
  }
  if (f.type === 'choices') {
    const selected = Array.isArray(props.value) ? props.value : [];
    return (
      <fieldset className="field wide">
        <legend className="field-label">{f.label}</legend>
        <div className="row">
          {f.options!.map((o) => (
            <label key={o} className="checkbox">
              <input
                type="checkbox"
                checked={selected.includes(o)}
                onChange={(e) => props.onValue(e.target.checked ? [...selected, o] : selected.filter((x) => x !== o))}
              />
              <span className="mono">{o}</span>
            </label>
          ))}
        </div>
        <span className="help">{f.help ?? 'None selected means all of them.'}</span>
      </fieldset>
    );
  }
  if (f.type === 'boolean') {
    return (
      <label className="checkbox">
        <input type="checkbox" checked={props.value === true} onChange={(e) => props.onValue(e.target.checked)} />
        {f.label}
      </label>
    );
  }
  return (
    <Field label={f.label + (f.required ? '' : ' (optional)')} htmlFor={id} help={f.help}>
      <input
        id={id}
        className="input"
        type={f.type === 'number' ? 'number' : f.type === 'url' ? 'url' : 'text'}
        required={f.required}
        placeholder={f.placeholder}
        value={String(props.value ?? '')}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => props.onValue(e.target.value)}
      />
    </Field>
  );
}
