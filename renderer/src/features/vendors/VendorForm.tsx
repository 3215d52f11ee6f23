import { useState } from 'react';
import type { ErrorBody, VendorReport, VendorView } from '@contract';
import { DPA_STATUSES, REPORT_LABELS, REPORT_TYPES, TRAINING_USES } from '@contract';
import { CallError, useApp, useCaller } from '../../app/context';
import { Button, ErrorBanner, Field, Panel } from '../../components/ui';

interface Form {
  name: string;
  services: string;
  dataSent: string;
  personalData: boolean;
  dpa: (typeof DPA_STATUSES)[number];
  dpaSignedOn: string;
  trainingUse: (typeof TRAINING_USES)[number];
  trainingTerms: string;
  reports: { type: VendorReport['type']; issuedOn: string; expiresOn: string }[];
  lastReviewedOn: string;
  reviewEveryDays: string;
  owner: string;
  notes: string;
}

function formOf(v: VendorView | null): Form {
  const f = v?.fields;
  return {
    name: f?.name ?? '',
    services: f?.services.join(', ') ?? '',
    dataSent: f?.dataSent ?? '',
    personalData: f?.personalData ?? false,
    dpa: f?.dpa ?? 'unknown',
    dpaSignedOn: f?.dpaSignedOn ?? '',
    trainingUse: f?.trainingUse ?? 'unknown',
    trainingTerms: f?.trainingTerms ?? '',
    reports: f?.reports.map((r) => ({ type: r.type, issuedOn: r.issuedOn ?? '', expiresOn: r.expiresOn })) ?? [],
    lastReviewedOn: f?.lastReviewedOn ?? '',
    reviewEveryDays: String(f?.reviewEveryDays ?? 365),
    owner: f?.owner ?? '',
    notes: f?.notes ?? '',
  };
}

function fieldsOf(f: Form) {
  return {
    name: f.name.trim(),
    services: f.services
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    dataSent: f.dataSent,
    personalData: f.personalData,
    dpa: f.dpa,
    dpaSignedOn: f.dpaSignedOn || null,
    trainingUse: f.trainingUse,
    trainingTerms: f.trainingTerms,
    reports: f.reports.filter((r) => r.expiresOn).map((r) => ({ type: r.type, issuedOn: r.issuedOn || null, expiresOn: r.expiresOn })),
    lastReviewedOn: f.lastReviewedOn || null,
    reviewEveryDays: Number(f.reviewEveryDays) || 365,
    owner: f.owner,
    notes: f.notes,
  };
}

/** Add or change one vendor; saving records a signed vendor.entry item. Removal asks for a reason. */
export function VendorForm(props: { vendor: VendorView | null; onDone(): void }) {
  const call = useCaller();
  const { changed, notify } = useApp();
  const [form, setForm] = useState<Form>(() => formOf(props.vendor));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const act = async (what: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await what();
      changed();
      notify(message);
      props.onDone();
    } catch (err) {
      setError(err instanceof CallError ? err.body : { code: 'INTERNAL', message: String(err) });
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    act(
      () => (props.vendor ? call('vendor.update', { vendor: props.vendor.id, changes: fieldsOf(form) }) : call('vendor.add', fieldsOf(form))),
      props.vendor ? 'Vendor changed (logged)' : 'Vendor added (logged)',
    );
  const report = (i: number, patch: Partial<Form['reports'][number]>) =>
    set({ reports: form.reports.map((r, j) => (j === i ? { ...r, ...patch } : r)) });

  return (
    <Panel title={props.vendor ? `Edit ${props.vendor.fields.name}` : 'Add a vendor'} description="Every save is a signed entry in the log.">
      <form
        className="stack"
        aria-label="Vendor"
        data-testid="vendor-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="grid-3">
          <Field label="Name" htmlFor="v-name">
            <input id="v-name" className="input" required value={form.name} onChange={(e) => set({ name: e.target.value })} />
          </Field>
          <Field label="Services used" htmlFor="v-services" help="Comma-separated, e.g. Chat Completions API, Embeddings">
            <input id="v-services" className="input" value={form.services} onChange={(e) => set({ services: e.target.value })} />
          </Field>
          <Field label="Owner" htmlFor="v-owner">
            <input id="v-owner" className="input" value={form.owner} onChange={(e) => set({ owner: e.target.value })} />
          </Field>
          <Field label="Data sent" htmlFor="v-data">
            <input id="v-data" className="input" value={form.dataSent} onChange={(e) => set({ dataSent: e.target.value })} />
          </Field>
          <Field label="DPA" htmlFor="v-dpa">
            <select id="v-dpa" className="select" value={form.dpa} onChange={(e) => set({ dpa: e.target.value as Form['dpa'] })}>
              {DPA_STATUSES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </Field>
          <Field label="DPA signed on" htmlFor="v-dpa-on">
            <input id="v-dpa-on" className="input" type="date" value={form.dpaSignedOn} onChange={(e) => set({ dpaSignedOn: e.target.value })} />
          </Field>
          <Field label="Training on our data" htmlFor="v-training">
            <select
              id="v-training"
              className="select"
              value={form.trainingUse}
              onChange={(e) => set({ trainingUse: e.target.value as Form['trainingUse'] })}
            >
              {TRAINING_USES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </Field>
          <Field label="Training-use terms" htmlFor="v-terms">
            <input id="v-terms" className="input" value={form.trainingTerms} onChange={(e) => set({ trainingTerms: e.target.value })} />
          </Field>
          <Field label="Last review" htmlFor="v-review">
            <input
              id="v-review"
              className="input"
              type="date"
              value={form.lastReviewedOn}
              onChange={(e) => set({ lastReviewedOn: e.target.value })}
            />
          </Field>
          <Field label="Review every (days)" htmlFor="v-every">
            <input
              id="v-every"
              className="input"
              inputMode="numeric"
              value={form.reviewEveryDays}
              onChange={(e) => set({ reviewEveryDays: e.target.value })}
            />
          </Field>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={form.personalData} onChange={(e) => set({ personalData: e.target.checked })} /> Personal data is sent to
          this vendor
        </label>
        <fieldset className="stack tight">
          <legend className="field-label">Assurance reports (SOC 2, ISO 27001, ISO 42001)</legend>
          {form.reports.map((r, i) => (
            <div key={i} className="row">
              <select
                className="select"
                aria-label="Report type"
                value={r.type}
                onChange={(e) => report(i, { type: e.target.value as VendorReport['type'] })}
              >
                {REPORT_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {REPORT_LABELS[t]}
                  </option>
                ))}
              </select>
              <input
                className="input"
                type="date"
                aria-label="Issued on"
                value={r.issuedOn}
                onChange={(e) => report(i, { issuedOn: e.target.value })}
              />
              <input
                className="input"
                type="date"
                aria-label="Expires on"
                required
                value={r.expiresOn}
                onChange={(e) => report(i, { expiresOn: e.target.value })}
              />
              <Button size="small" variant="ghost" onClick={() => set({ reports: form.reports.filter((_, j) => j !== i) })}>
                Remove
              </Button>
            </div>
          ))}
          <div>
            <Button size="small" icon="plus" onClick={() => set({ reports: [...form.reports, { type: 'soc2-type2', issuedOn: '', expiresOn: '' }] })}>
              Add report
            </Button>
          </div>
        </fieldset>
        <ErrorBanner error={error} title="Not saved" />
        <div className="row">
          <Button variant="primary" busy={busy} disabled={!form.name.trim()} onClick={() => void save()}>
            {props.vendor ? 'Save changes' : 'Add vendor'}
          </Button>
          <Button variant="ghost" onClick={props.onDone}>
            Cancel
          </Button>
          <span className="spacer" />
          {props.vendor && (
            <>
              <input
                className="input"
                aria-label="Reason for removal"
                placeholder="Reason for removal"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
              <Button
                variant="danger"
                busy={busy}
                disabled={!reason.trim()}
                onClick={() => void act(() => call('vendor.remove', { vendor: props.vendor!.id, reason }), 'Vendor removed (logged; history kept)')}
              >
                Remove vendor
              </Button>
            </>
          )}
        </div>
      </form>
    </Panel>
  );
}
