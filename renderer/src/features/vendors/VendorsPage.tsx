import { useState } from 'react';
import type { DueFlag, ErrorBody, VendorSuggestion, VendorView } from '@contract';
import { REPORT_LABELS } from '@contract';
import { CallError, useApp, useCaller, useQuery } from '../../app/context';
import { Badge, Button, Empty, ErrorBanner, PageHeader, Panel, SkeletonLines } from '../../components/ui';
import { fmtDate } from '../../lib/format';
import { VendorForm } from './VendorForm';

/**
 * The AI vendor register (CC9.2): every model-API provider and ML platform treated as a subservice organisation,
 * with what is due. Expiring reports and overdue reviews are flagged here exactly as `evidence-locker vendors due`
 * reports them; every change is a signed log entry.
 */
export function VendorsPage() {
  const list = useQuery('vendor.list', {});
  const [editing, setEditing] = useState<VendorView | 'new' | null>(null);
  const vendors = list.data?.vendors ?? [];
  const due = vendors.filter((v) => v.flags.length > 0);
  const overdue = due.filter((v) => v.flags.some((f) => f.severity === 'overdue'));
  const suggestions = (list.data?.suggestions ?? []).filter((s) => !s.inRegister);

  return (
    <div className="page">
      <PageHeader
        title="AI vendors"
        description="Model-API providers and ML platforms as subservice organisations (CC9.2): services used, data sent, DPA and training-use terms, their assurance reports and your reviews. Exported with CC9.2 bundles, and with C1.1 / P6.x bundles for vendors sent personal data."
        actions={
          <Button variant="primary" icon="plus" onClick={() => setEditing('new')} data-testid="vendor-add">
            Add vendor
          </Button>
        }
      />
      <ErrorBanner error={list.error} />
      {due.length > 0 && (
        <div className={`banner ${overdue.length ? 'bad' : 'warn'}`} role="status" data-testid="vendor-due-banner">
          <div>
            <strong>
              {due.length} vendor{due.length === 1 ? '' : 's'} need{due.length === 1 ? 's' : ''} attention
              {overdue.length ? ` (${overdue.length} overdue)` : ''}
            </strong>
            <span>{due.map((v) => `${v.fields.name}: ${v.flags.map((f) => f.message).join('; ')}`).join(' · ')}</span>
          </div>
        </div>
      )}
      {suggestions.length > 0 && <Suggestions rows={suggestions} />}
      {editing && <VendorForm vendor={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      <Panel
        title="Register"
        description="Flags are judged on today's date: reports expiring within 30 days, reviews overdue, personal data without a DPA."
        flush
      >
        {!list.data ? (
          <div className="panel-body">
            <SkeletonLines lines={3} />
          </div>
        ) : vendors.length === 0 ? (
          <Empty title="No vendors yet">Add the model-API providers you send data to, or add the ones your sources suggest.</Empty>
        ) : (
          <VendorTable rows={vendors} onEdit={setEditing} />
        )}
      </Panel>
    </div>
  );
}

const FLAG_LABELS: Record<DueFlag['kind'], string> = {
  report_expired: 'Report expired',
  report_expiring: 'Report expiring',
  review_overdue: 'Review overdue',
  review_due: 'Review due',
  dpa_missing: 'No DPA',
};

function flagTone(f: DueFlag) {
  return f.severity === 'overdue' ? 'bad' : 'warn';
}

function VendorTable(props: { rows: VendorView[]; onEdit(v: VendorView): void }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="AI vendor register" data-testid="vendor-table">
        <thead>
          <tr>
            <th>Vendor</th>
            <th>Services</th>
            <th>Data sent</th>
            <th>DPA · training use</th>
            <th>Reports</th>
            <th>Last review · owner</th>
            <th>Due</th>
            <th className="num">Actions</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((v) => (
            <tr key={v.id} data-testid="vendor-row" data-flags={v.flags.map((f) => f.kind).join(' ')}>
              <td>
                <strong>{v.fields.name}</strong>
                <div className="small muted">{v.origin === 'connector' ? 'seeded from sources' : 'entered by hand'}</div>
              </td>
              <td className="small">{v.fields.services.join(', ') || '—'}</td>
              <td className="small">
                {v.fields.dataSent || '—'}
                {v.fields.personalData && (
                  <div>
                    <Badge tone="info">personal data</Badge>
                  </div>
                )}
              </td>
              <td className="small">
                DPA {v.fields.dpa}
                {v.fields.dpaSignedOn ? ` (${fmtDate(v.fields.dpaSignedOn)})` : ''}
                <div className="muted">training: {v.fields.trainingUse}</div>
              </td>
              <td className="small">
                {v.fields.reports.length === 0
                  ? 'none on file'
                  : v.fields.reports.map((r, i) => (
                      <div key={i} className="nowrap">
                        {REPORT_LABELS[r.type]} → {fmtDate(r.expiresOn)}
                      </div>
                    ))}
              </td>
              <td className="small">
                {v.fields.lastReviewedOn ? fmtDate(v.fields.lastReviewedOn) : 'never'}
                <div className="muted">{v.fields.owner || 'no owner'}</div>
              </td>
              <td>
                {v.flags.length === 0 ? (
                  <Badge tone="ok">nothing due</Badge>
                ) : (
                  <div className="stack tight">
                    {v.flags.map((f, i) => (
                      <div key={i} className="small">
                        <Badge tone={flagTone(f)}>{FLAG_LABELS[f.kind]}</Badge> {f.message}
                      </div>
                    ))}
                  </div>
                )}
              </td>
              <td className="num">
                <Button size="small" onClick={() => props.onEdit(v)}>
                  Edit
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Suggestions(props: { rows: VendorSuggestion[] }) {
  const call = useCaller();
  const { changed, notify } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const seed = async (names?: string[]) => {
    setBusy(true);
    setError(null);
    try {
      const added = await call('vendor.seed', { names });
      changed();
      notify(`${added.length} vendor${added.length === 1 ? '' : 's'} added`);
    } catch (err) {
      setError(err instanceof CallError ? err.body : { code: 'INTERNAL', message: String(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel
      title="Suggested by your sources"
      description="Hosting providers of the sources you collect from, with the services their evidence shows in use. A self-hosted MLflow is not a vendor."
      actions={
        <Button size="small" icon="plus" busy={busy} onClick={() => void seed()} data-testid="vendor-seed-all">
          Add all
        </Button>
      }
    >
      <ErrorBanner error={error} />
      <ul className="list-plain" data-testid="vendor-suggestions">
        {props.rows.map((s) => (
          <li key={s.name} className="row">
            <strong>{s.name}</strong>
            <span className="small muted">
              {s.services.join(', ') || 'no evidence collected yet'} · from {s.seededFrom.sources.join(', ')}
            </span>
            <span className="spacer" />
            <Button size="small" busy={busy} onClick={() => void seed([s.name])}>
              Add
            </Button>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
