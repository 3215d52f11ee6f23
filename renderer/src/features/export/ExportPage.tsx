import { useEffect, useState } from 'react';
import type { ErrorBody, ExportListView, ExportView } from '@contract';
import { CallError, useApp, useCaller, useQuery } from '../../app/context';
import { usePeriod } from '../../app/period';
import { navigate } from '../../app/router';
import { Badge, Button, Empty, ErrorBanner, Field, PageHeader, Panel, ProgressBar, SkeletonLines } from '../../components/ui';
import { fmtDate, fmtDateTime, fmtNumber, today } from '../../lib/format';

const PREFS = 'export-form';
interface Form {
  criterion: string;
  from: string;
  to: string;
  org: string;
}

/** The active audit period's days when one is chosen; else the saved start (or 1 January) to today. */
function initialForm(period: { from: string; to: string } | null): Form {
  const year = `${new Date().getUTCFullYear()}-01-01`;
  const days = (from: string) => (period ? { from: period.from, to: period.to } : { from, to: today() });
  try {
    const saved = JSON.parse(localStorage.getItem(PREFS) ?? '{}') as Partial<Form>;
    return { criterion: saved.criterion ?? '', ...days(saved.from ?? year), org: saved.org ?? '' };
  } catch {
    return { criterion: '', ...days(year), org: '' };
  }
}

export function ExportPage() {
  const facets = useQuery('items.facets', {});
  const past = useQuery('export.list', {});
  const { host, transport, changed, notify } = useApp();
  const call = useCaller();
  const period = usePeriod().active;
  const [form, setForm] = useState<Form>(() => initialForm(period));
  const [busy, setBusy] = useState(false);
  const [messages, setMessages] = useState<string[]>([]);
  const [result, setResult] = useState<ExportView[] | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const criteria = facets.data?.criteria ?? [];
  const criterion = form.criterion || criteria.find((c) => c.id === 'CC8.1')?.id || criteria[0]?.id || '';

  useEffect(
    () => transport.onProgress((m) => m.procedure === 'export.bundle' && m.event.message && setMessages((x) => [...x.slice(-5), m.event.message!])),
    [transport],
  );

  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    setMessages([]);
    localStorage.setItem(PREFS, JSON.stringify({ ...form, criterion }));
    try {
      const all = criterion === '*';
      const r = await call('export.bundle', {
        criterion: all ? undefined : criterion,
        all,
        from: form.from,
        to: form.to,
        org: form.org || undefined,
        out: host.exportFolder,
      });
      setResult(r.bundles);
      changed();
      notify(`${r.bundles.length} bundle${r.bundles.length === 1 ? '' : 's'} exported`);
    } catch (err) {
      setError(err instanceof CallError ? err.body : { code: 'INTERNAL', message: String(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <PageHeader
        title="Export for the auditor"
        description="A signed ZIP bundle and a PDF report per criterion and period. The auditor verifies it with openssl and coreutils alone, or with “Verify a bundle”."
      />
      <Panel title="New bundle" description={`Written to ${host.exportFolder}`} actions={<FolderAction />}>
        <form
          className="stack"
          aria-label="Export a bundle"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <div className="grid-4">
            <Field label="Criterion" htmlFor="ex-criterion" help={criteria.find((c) => c.id === criterion)?.title}>
              <select id="ex-criterion" className="select" value={criterion} onChange={(e) => setForm({ ...form, criterion: e.target.value })}>
                {criteria.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.id} — {c.title}
                  </option>
                ))}
                {criteria.length > 1 && <option value="*">All criteria with evidence ({criteria.length})</option>}
              </select>
            </Field>
            <Field label="Period from" htmlFor="ex-from">
              <input
                id="ex-from"
                className="input"
                type="date"
                value={form.from}
                required
                onChange={(e) => setForm({ ...form, from: e.target.value })}
              />
            </Field>
            <Field label="Period to" htmlFor="ex-to">
              <input id="ex-to" className="input" type="date" value={form.to} required onChange={(e) => setForm({ ...form, to: e.target.value })} />
            </Field>
            <Field label="Organisation (on the report)" htmlFor="ex-org">
              <input
                id="ex-org"
                className="input"
                value={form.org}
                placeholder="Acme Inc."
                onChange={(e) => setForm({ ...form, org: e.target.value })}
              />
            </Field>
          </div>
          <div className="row">
            <Button variant="primary" icon="export" busy={busy} disabled={!criterion} onClick={() => void run()}>
              {busy ? 'Exporting…' : 'Export bundle'}
            </Button>
            {criteria.length === 0 && facets.data && <span className="muted">No evidence supports a criterion yet; collect first.</span>}
          </div>
          {busy && (
            <div className="stack" aria-live="polite" data-testid="export-progress">
              <ProgressBar label="Exporting" />
              <span className="small muted">{messages.at(-1) ?? 'Starting…'}</span>
            </div>
          )}
          <ErrorBanner error={error} title="The bundle was not written" />
          {result && (
            <div className="stack" data-testid="export-result">
              {result.map((b) => (
                <div key={b.bundleId} className="banner ok">
                  <div className="stack tight">
                    <strong>
                      {b.criterion} · {fmtDate(b.period.from)} – {fmtDate(b.period.to)} · {fmtNumber(b.items)} items
                    </strong>
                    <span className="small break">
                      Bundle {b.bundleId} · SHA256SUMS {b.sumsSha256.slice(0, 16)}… · signed by {b.keyFingerprint.slice(0, 16)}…
                      {b.previousBundle ? ` · chains to ${b.previousBundle}` : ' · first bundle for this criterion'}
                    </span>
                    <BundleActions id={b.bundleId} />
                  </div>
                </div>
              ))}
            </div>
          )}
        </form>
      </Panel>
      <Panel
        title="Past bundles"
        description="Newest first. Each bundle names the one before it for the same criterion, so a missing or replaced bundle shows."
        flush
      >
        <ErrorBanner error={past.error} />
        {!past.data ? (
          <div className="panel-body">
            <SkeletonLines lines={3} />
          </div>
        ) : past.data.length === 0 ? (
          <Empty title="No bundles yet">Export one above.</Empty>
        ) : (
          <PastBundles rows={past.data} />
        )}
      </Panel>
    </div>
  );
}

function PastBundles(props: { rows: ExportListView[] }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Past bundles" data-testid="past-bundles">
        <thead>
          <tr>
            <th>Created</th>
            <th>Criterion</th>
            <th>Period</th>
            <th>Bundle</th>
            <th>Chains to</th>
            <th>Files</th>
            <th className="num">Actions</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((b) => (
            <tr key={b.id}>
              <td className="nowrap">{fmtDateTime(b.createdAt)}</td>
              <td>
                <span className="tag">{b.criterion}</span>
              </td>
              <td className="nowrap">
                {fmtDate(b.period.from)} – {fmtDate(b.period.to)}
              </td>
              <td className="mono small" title={`Bundle ${b.id}\nSHA-256 of SHA256SUMS ${b.sumsSha256}`}>
                {b.id.slice(0, 16)}…<div className="muted nowrap">SUMS {b.sumsSha256.slice(0, 12)}…</div>
              </td>
              <td className="mono small" title={b.previousBundle ?? undefined}>
                {b.previousBundle ? `${b.previousBundle.slice(0, 16)}…` : <span className="muted">first for {b.criterion}</span>}
              </td>
              <td>{b.present ? <Badge tone="ok">In folder</Badge> : <Badge tone="warn">Moved or deleted</Badge>}</td>
              <td className="num">{b.present && <BundleActions id={b.id} compact />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BundleActions(props: { id: string; compact?: boolean }) {
  const { transport } = useApp();
  const call = useCaller();
  const zip = transport.downloadUrl(props.id, 'zip');
  const pdf = transport.downloadUrl(props.id, 'pdf');
  return (
    <div className="row nowrap">
      {zip ? (
        <>
          <a className="btn small" href={zip} download>
            Download ZIP
          </a>
          <a className="btn small" href={pdf!} download>
            PDF
          </a>
        </>
      ) : (
        <Button size="small" icon="folder" onClick={() => void call('host.showBundle', { bundleId: props.id }).catch(() => undefined)}>
          Show in folder
        </Button>
      )}
      {!props.compact && (
        <Button size="small" variant="ghost" onClick={() => navigate('verify')}>
          Verify it
        </Button>
      )}
    </div>
  );
}

/** Desktop: choose the export folder natively. Web mode: the folder was set when the server started. */
function FolderAction() {
  const { host, transport } = useApp();
  if (host.mode !== 'desktop') return null;
  return (
    <Button
      size="small"
      icon="folder"
      onClick={() => void transport.invoke('host.chooseFolder', { purpose: 'export' }).then(() => window.location.reload())}
    >
      Change folder…
    </Button>
  );
}
