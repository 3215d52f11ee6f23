import { useState } from 'react';
import type { ErrorBody, ManualView } from '@contract';
import { CallError, useApp, useCaller, useQuery } from '../../app/context';
import { Badge, Button, Empty, ErrorBanner, PageHeader, Panel, SkeletonLines } from '../../components/ui';
import { fmtBytes, fmtDate, fmtDateTime } from '../../lib/format';
import { UploadForm } from './UploadForm';

function ExpiryBadge(props: { m: ManualView }) {
  const e = props.m.expiry;
  if (props.m.status !== 'active') return <Badge tone="muted">{props.m.status}</Badge>;
  if (e.state === 'none') return <Badge tone="muted">no expiry</Badge>;
  const [tone, label] =
    e.state === 'expired' ? (['bad', 'Expired'] as const) : e.state === 'expiring' ? (['warn', 'Expiring'] as const) : (['ok', 'Valid'] as const);
  return (
    <div className="stack tight">
      <span>
        <Badge tone={tone}>{label}</Badge>
      </span>
      <span className="small muted">{e.message ?? `until ${fmtDate(props.m.expiresOn)}`}</span>
    </div>
  );
}

/**
 * Files no API produces (policies, red-team reports, screenshots, signed DPAs), attached to criteria with the day
 * they are evidence for, an owner and an expiry. Each is hashed into the signed log and kept in the store folder;
 * bundles carry it under evidence/manual/. Expired files are flagged here, in the CLI and in the PDF.
 */
export function ManualEvidencePage() {
  const [showEnded, setShowEnded] = useState(false);
  const list = useQuery('manual.list', { includeEnded: showEnded });
  const [supersede, setSupersede] = useState<ManualView | null>(null);
  const rows = list.data ?? [];
  const expired = rows.filter((m) => m.status === 'active' && m.expiry.state === 'expired');
  const expiring = rows.filter((m) => m.status === 'active' && m.expiry.state === 'expiring');

  return (
    <div className="page">
      <PageHeader
        title="Manual evidence"
        description="Policies, red-team reports, screenshots and signed DPAs, each attached to criteria with the day it is evidence for. The file's SHA-256 goes into the signed log; bundles for those criteria carry it under evidence/manual/, labelled manual."
      />
      {(expired.length > 0 || expiring.length > 0) && (
        <div className={`banner ${expired.length ? 'bad' : 'warn'}`} role="status" data-testid="manual-expiry-banner">
          <div>
            <strong>
              {expired.length ? `${expired.length} expired` : ''}
              {expired.length && expiring.length ? ', ' : ''}
              {expiring.length ? `${expiring.length} expiring within 30 days` : ''}
            </strong>
            <span>
              {[...expired, ...expiring].map((m) => `#${m.id} ${m.title}: ${m.expiry.message}`).join(' · ')}. Upload the current version with
              “Replace”; bundles mark expired files, they never pass them off as current.
            </span>
          </div>
        </div>
      )}
      <UploadForm supersedes={supersede} onCancelSupersede={() => setSupersede(null)} />
      <Panel
        title="Uploaded files"
        description="Expiry is judged on today's date here; bundles judge it on the period's last day."
        actions={
          <label className="checkbox small">
            <input type="checkbox" checked={showEnded} onChange={(e) => setShowEnded(e.target.checked)} /> Show withdrawn and replaced
          </label>
        }
        flush
      >
        <ErrorBanner error={list.error} />
        {!list.data ? (
          <div className="panel-body">
            <SkeletonLines lines={3} />
          </div>
        ) : rows.length === 0 ? (
          <Empty title="No manual evidence yet">Upload a policy or a report above.</Empty>
        ) : (
          <ManualTable rows={rows} onSupersede={setSupersede} />
        )}
      </Panel>
    </div>
  );
}

function ManualTable(props: { rows: ManualView[]; onSupersede(m: ManualView): void }) {
  const call = useCaller();
  const { changed, notify } = useApp();
  const [withdrawing, setWithdrawing] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const withdraw = async (id: number) => {
    setError(null);
    try {
      await call('manual.remove', { id, reason });
      setWithdrawing(null);
      setReason('');
      changed();
      notify(`#${id} withdrawn (logged; the file stays in the store)`);
    } catch (err) {
      setError(err instanceof CallError ? err.body : { code: 'INTERNAL', message: String(err) });
    }
  };
  return (
    <div className="table-wrap">
      <ErrorBanner error={error} />
      <table className="table" aria-label="Manual evidence" data-testid="manual-table">
        <thead>
          <tr>
            <th>#</th>
            <th>Title and file</th>
            <th>Criteria</th>
            <th>Evidence for</th>
            <th>Owner</th>
            <th>Expiry</th>
            <th>Uploaded</th>
            <th>SHA-256</th>
            <th className="num">Actions</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((m) => (
            <tr key={m.id} data-testid="manual-row" data-expiry={m.expiry.state} data-status={m.status}>
              <td className="mono">{m.id}</td>
              <td>
                <strong>{m.title}</strong>
                <div className="small muted break">
                  {m.fileName} · {fmtBytes(m.bytes)}
                </div>
              </td>
              <td>
                {m.criteria.map((c) => (
                  <span key={c} className="tag">
                    {c}
                  </span>
                ))}
              </td>
              <td className="nowrap">{fmtDate(m.evidenceFor)}</td>
              <td>{m.owner}</td>
              <td>
                <ExpiryBadge m={m} />
              </td>
              <td className="small nowrap">
                {fmtDateTime(m.uploadedAt)}
                <div className="muted">log entry {m.logIndex}</div>
              </td>
              <td className="mono small" title={m.sha256}>
                {m.sha256.slice(0, 12)}…
              </td>
              <td className="num">
                {m.status === 'active' &&
                  (withdrawing === m.id ? (
                    <div className="row nowrap">
                      <input className="input" aria-label="Reason" placeholder="Reason" value={reason} onChange={(e) => setReason(e.target.value)} />
                      <Button size="small" variant="danger" disabled={!reason.trim()} onClick={() => void withdraw(m.id)}>
                        Withdraw
                      </Button>
                    </div>
                  ) : (
                    <div className="row nowrap">
                      <Button size="small" onClick={() => props.onSupersede(m)}>
                        Replace
                      </Button>
                      <Button size="small" variant="ghost" onClick={() => setWithdrawing(m.id)}>
                        Withdraw…
                      </Button>
                    </div>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
