import { useState } from 'react';
import type { BundleVerificationView, ErrorBody } from '@contract';
import { CallError, useApp, useCaller } from '../../app/context';
import { FileDrop } from '../../components/FileDrop';
import { Icon } from '../../components/icons';
import { Badge, Button, ErrorBanner, Field, PageHeader, Panel } from '../../components/ui';
import { fmtDate, fmtNumber, groupHex } from '../../lib/format';

const HEX = /^[0-9a-fA-F:\s]{64,95}$/;

/**
 * The auditor's check, in the app: signature, every hash, files not listed, the manifest, inclusion proofs and the
 * key fingerprint received out of band. Works on any bundle, ours or anyone's; nothing is stored.
 */
export function VerifyPage() {
  const { transport } = useApp();
  const call = useCaller();
  const [file, setFile] = useState<File | null>(null);
  const [fingerprint, setFingerprint] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ name: string; value: BundleVerificationView; fingerprintGiven: boolean } | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const fpInvalid = fingerprint.trim() !== '' && !HEX.test(fingerprint.trim());

  const verify = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const up = await transport.upload(file);
      if (!up.ok) throw new CallError(up.error);
      const value = await call('bundle.verify', { bundle: up.value.ref, fingerprint: fingerprint.trim() || undefined });
      setResult({ name: file.name, value, fingerprintGiven: fingerprint.trim() !== '' });
    } catch (err) {
      setError(err instanceof CallError ? err.body : { code: 'INTERNAL', message: String(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <PageHeader
        title="Verify a bundle"
        description={
          <>
            Check a bundle exactly as <code>evidence-locker verify</code> and the bundle's own <code>verify.sh</code> do. Nothing is stored; the file
            only needs to be readable.
          </>
        }
      />
      <Panel>
        <div className="grid-2">
          <FileDrop
            label="Drop a bundle (.zip)"
            accept=".zip,application/zip"
            file={file}
            onFile={(f) => (setFile(f), setResult(null))}
            testId="verify-drop"
          />
          <div className="stack">
            <Field
              label="Expected key fingerprint"
              htmlFor="verify-fp"
              error={fpInvalid ? 'A fingerprint is 64 hex digits (spaces and colons are fine).' : null}
              help="The SHA-256 fingerprint the organisation gave you out of band (a call, the engagement letter) — never the one inside the bundle."
            >
              <input
                id="verify-fp"
                className="input mono"
                value={fingerprint}
                aria-invalid={fpInvalid}
                placeholder="e.g. 3f2c 9a1e 0b7d …"
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => setFingerprint(e.target.value)}
              />
            </Field>
            <div className="row">
              <Button variant="primary" icon="verify" disabled={!file || fpInvalid} busy={busy} onClick={() => void verify()}>
                {busy ? 'Verifying…' : 'Verify bundle'}
              </Button>
            </div>
          </div>
        </div>
      </Panel>
      <ErrorBanner error={error} title="The bundle could not be checked" />
      {result && <VerifyResult {...result} />}
    </div>
  );
}

function VerifyResult(props: { name: string; value: BundleVerificationView; fingerprintGiven: boolean }) {
  const r = props.value;
  return (
    <Panel>
      <div className="stack" data-testid="verify-result" data-valid={r.ok}>
        <div className="result-head">
          <div className={`result-icon ${r.ok ? 'ok' : 'bad'}`}>
            <Icon name={r.ok ? 'check' : 'x'} size={22} />
          </div>
          <div>
            <h2>{r.ok ? 'Valid bundle' : `Invalid bundle — ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}`}</h2>
            <p className="muted break">{props.name}</p>
          </div>
          <span className="spacer" />
          {r.ok ? <Badge tone="ok">VALID</Badge> : <Badge tone="bad">INVALID</Badge>}
        </div>
        <dl className="kv">
          <dt>Bundle</dt>
          <dd className="mono">{r.bundleId ?? '—'}</dd>
          <dt>Criterion and period</dt>
          <dd>
            {r.criterion ?? '—'} {r.period ? `· ${fmtDate(r.period.from)} – ${fmtDate(r.period.to)}` : ''}
          </dd>
          <dt>Contents</dt>
          <dd>
            {fmtNumber(r.items)} items in {fmtNumber(r.files)} files
          </dd>
          <dt>Signing key</dt>
          <dd>
            {r.keyFingerprint ? <span className="hash">{groupHex(r.keyFingerprint)}</span> : '—'}{' '}
            {r.fingerprintMatched ? (
              <Badge tone="ok">Matches the expected fingerprint</Badge>
            ) : props.fingerprintGiven ? (
              <Badge tone="bad">Does NOT match the expected fingerprint</Badge>
            ) : (
              <Badge tone="warn">Identity not checked: enter the fingerprint you received</Badge>
            )}
          </dd>
          {r.checkpoint && (
            <>
              <dt>Checkpoint</dt>
              <dd className="break">
                {r.checkpoint.origin} · log size {fmtNumber(r.checkpoint.size)} · root <span className="hash">{r.checkpoint.root}</span>
              </dd>
            </>
          )}
          <dt>Previous bundle</dt>
          <dd className="mono">{r.previousBundle ?? 'none (first for this criterion)'}</dd>
        </dl>
        {r.problems.length > 0 && (
          <table className="table" aria-label="Problems found" data-testid="verify-problems">
            <thead>
              <tr>
                <th>File</th>
                <th>Problem</th>
              </tr>
            </thead>
            <tbody>
              {r.problems.map((p, i) => (
                <tr key={i}>
                  <td className="mono break">{p.file}</td>
                  <td className="break">{p.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Panel>
  );
}
