import { useState } from 'react';
import type { ErrorBody, StoreVerification } from '@contract';
import { CallError, useApp, useCaller, useQuery } from '../../app/context';
import { Badge, Button, CopyButton, ErrorBanner, PageHeader, Panel, SkeletonLines } from '../../components/ui';
import { fmtDateTime, fmtNumber, groupHex } from '../../lib/format';

export function SettingsPage() {
  return (
    <div className="page">
      <PageHeader title="Settings" description="The signing key your auditor trusts, where the evidence lives, and how to back it up." />
      <KeyPanel />
      <div className="grid-2">
        <DataPanel />
        <BackupPanel />
      </div>
    </div>
  );
}

function KeyPanel() {
  const key = useQuery('key.show', {});
  const { changed, notify } = useApp();
  const call = useCaller();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [rotated, setRotated] = useState<{ oldFingerprint: string; newFingerprint: string } | null>(null);
  const rotate = async () => {
    if (
      !window.confirm(
        'Rotate the signing key?\n\nA new key signs everything from now on; the rotation is logged and signed by both keys. Bundles signed before stay valid under the old fingerprint. You must send the NEW fingerprint to your auditor out of band.',
      )
    )
      return;
    setBusy(true);
    setError(null);
    try {
      setRotated(await call('key.rotate', {}));
      changed();
      notify('Signing key rotated');
    } catch (err) {
      setError(err instanceof CallError ? err.body : null);
    } finally {
      setBusy(false);
    }
  };
  const active = key.data?.active;
  return (
    <Panel
      title="Signing key"
      description="Every checkpoint and bundle is signed with this Ed25519 key."
      actions={
        <Button variant="danger" onClick={() => void rotate()} busy={busy}>
          Rotate key…
        </Button>
      }
    >
      <ErrorBanner error={key.error ?? error} />
      {!active ? (
        <SkeletonLines lines={3} />
      ) : (
        <div className="stack">
          <div className="field">
            <span className="field-label">Fingerprint (SHA-256 of the public key)</span>
            <div className="row">
              <div className="fingerprint" data-testid="key-fingerprint">
                {groupHex(active.fingerprint)}
              </div>
              <CopyButton text={active.fingerprint} label="Copy fingerprint" />
            </div>
          </div>
          <div className="banner info">
            <div>
              <strong>Send this fingerprint to your auditor out of band</strong>
              <span>
                Read it out on a call, or put it in the engagement letter — not in the same e-mail as the bundles. The auditor checks every bundle
                against it; someone who could swap a bundle could swap a fingerprint sent alongside it.
              </span>
            </div>
          </div>
          {rotated && (
            <div className="banner warn" role="status">
              <div>
                <strong>New fingerprint: {groupHex(rotated.newFingerprint)}</strong>
                <span>Send it to your auditor now. Bundles made before today remain valid under {rotated.oldFingerprint.slice(0, 16)}…</span>
              </div>
            </div>
          )}
          <table className="table" aria-label="Key history">
            <thead>
              <tr>
                <th>Key</th>
                <th>Created</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {key.data!.keys.map((k) => (
                <tr key={k.fingerprint}>
                  <td className="mono small">{k.fingerprint}</td>
                  <td className="nowrap">{fmtDateTime(k.createdAt)}</td>
                  <td>{k.retiredAt ? <Badge tone="muted">Retired {fmtDateTime(k.retiredAt)}</Badge> : <Badge tone="ok">Active</Badge>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

function DataPanel() {
  const { host } = useApp();
  const status = useQuery('store.status', {});
  const call = useCaller();
  const [check, setCheck] = useState<StoreVerification | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setCheck(await call('store.verify', {}));
    } catch (err) {
      setError(err instanceof CallError ? err.body : null);
    } finally {
      setBusy(false);
    }
  };
  const s = status.data;
  return (
    <Panel
      title="Data folder"
      actions={
        <Button onClick={() => void verify()} busy={busy} icon="verify">
          Verify store
        </Button>
      }
    >
      <div className="stack">
        <dl className="kv">
          <dt>Folder</dt>
          <dd className="mono small">{host.dataFolder}</dd>
          <dt>Evidence items</dt>
          <dd>{s ? fmtNumber(s.items) : '—'}</dd>
          <dt>Log entries</dt>
          <dd>{s ? fmtNumber(s.logSize) : '—'}</dd>
          <dt>Last checkpoint</dt>
          <dd>{s?.lastCheckpoint ? `size ${fmtNumber(s.lastCheckpoint.size)} · ${fmtDateTime(s.lastCheckpoint.at)}` : '—'}</dd>
          <dt>Signing key kept in</dt>
          <dd className="small">{host.signingKey}</dd>
          <dt>Source credentials</dt>
          <dd className="small">
            {host.credentials.available ? host.credentials.description : <span>Not kept by the app here: {host.credentials.description}</span>}
          </dd>
          <dt>Appearance</dt>
          <dd className="small">Light or dark, following your operating system.</dd>
        </dl>
        <ErrorBanner error={status.error ?? error} />
        {check && (
          <div className={`banner ${check.ok ? 'ok' : 'bad'}`} role="status" data-testid="store-verify">
            <div>
              <strong>{check.ok ? 'The store verifies' : `${check.problems.length} problem(s) found`}</strong>
              <span>
                {fmtNumber(check.logSize)} log entries, {fmtNumber(check.items)} items and {fmtNumber(check.checkpoints)} checkpoints recomputed.
                {check.problems.slice(0, 5).map((p) => ` ${p.where}: ${p.reason}.`)}
              </span>
            </div>
          </div>
        )}
        <p className="small muted">
          Never copy evidence.db while the app runs; use a backup. The same folder works with the command line (evidence-locker --home …).
        </p>
      </div>
    </Panel>
  );
}

function BackupPanel() {
  const { host, transport } = useApp();
  const call = useCaller();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [done, setDone] = useState<{ path: string; verification: StoreVerification } | null>(null);
  const backup = async () => {
    setBusy(true);
    setError(null);
    try {
      setDone(await call('store.backup', { to: host.backupFolder }));
    } catch (err) {
      setError(err instanceof CallError ? err.body : null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel
      title="Backup"
      actions={
        <>
          {host.mode === 'desktop' && (
            <Button
              size="small"
              icon="folder"
              onClick={() => void transport.invoke('host.chooseFolder', { purpose: 'backup' }).then(() => window.location.reload())}
            >
              Change folder…
            </Button>
          )}
          <Button variant="primary" onClick={() => void backup()} busy={busy}>
            Back up now
          </Button>
        </>
      }
    >
      <div className="stack">
        <p>
          An online copy of the store (SQLite backup API) with the checkpoint file and public keys, verified after writing, into a dated folder under{' '}
          <span className="mono small">{host.backupFolder}</span>.
        </p>
        <p className="small muted">Backups never contain the private signing key or source credentials; keep those safe separately.</p>
        <ErrorBanner error={error} title="The backup failed" />
        {done && (
          <div className={`banner ${done.verification.ok ? 'ok' : 'bad'}`} role="status">
            <div>
              <strong>{done.verification.ok ? 'Backup written and verified' : 'Backup written but it does not verify'}</strong>
              <span className="mono small break">{done.path}</span>
            </div>
          </div>
        )}
      </div>
    </Panel>
  );
}
