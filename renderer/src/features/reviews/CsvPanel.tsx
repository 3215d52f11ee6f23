import { useState } from 'react';
import type { CsvImportView, ErrorBody } from '@contract';
import { CallError, useApp, useCaller } from '../../app/context';
import { FileDrop } from '../../components/FileDrop';
import { Button, ErrorBanner, Panel } from '../../components/ui';

/** CSV for reviewers outside the app, and back in: rows that do not match the review are refused by line number. */
export function CsvPanel(props: { review: number; closed: boolean; reviewer: string }) {
  const call = useCaller();
  const { transport, changed, notify } = useApp();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CsvImportView | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const fail = (err: unknown) => setError(err instanceof CallError ? err.body : { code: 'INTERNAL', message: String(err) });

  const download = async () => {
    setError(null);
    try {
      const out = await call('review.exportCsv', { review: props.review });
      const url = URL.createObjectURL(new Blob([out.csv], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = out.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      notify(`${out.fileName}: ${out.rows} lines`);
    } catch (err) {
      fail(err);
    }
  };
  const upload = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const up = await transport.upload(file); // the host keeps the bytes and hands back a ref, never a path
      if (!up.ok) throw new CallError(up.error);
      const r = await call('review.importCsv', { review: props.review, file: up.value.ref, reviewer: props.reviewer || undefined });
      setResult(r);
      setFile(null);
      if (r.recorded) changed();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel
      title="CSV for reviewers outside the app"
      description="Download, fill in decision (keep, revoke, change_role, defer), comment, reason, new_role and reviewer, then upload. Each row carries the hash of the snapshot it came from."
      actions={
        <Button icon="download" onClick={() => void download()} data-testid="csv-download">
          Download CSV
        </Button>
      }
    >
      {!props.closed && (
        <div className="rv-csv-upload">
          <FileDrop label="Drop the filled-in CSV here, or choose it" accept=".csv,text/csv" file={file} onFile={setFile} testId="csv-drop" />
          <Button variant="primary" icon="upload" busy={busy} disabled={!file} onClick={() => void upload()}>
            Read decisions
          </Button>
        </div>
      )}
      <ErrorBanner error={error} title="CSV not read" />
      {result && (
        <div className={`banner ${result.refused.length ? 'warn' : 'ok'} small`} role="status" data-testid="csv-result">
          <div>
            {result.recorded} decision(s) recorded, {result.unchanged} unchanged, {result.refused.length} row(s) refused.
            {result.refused.length > 0 && (
              <ul>
                {result.refused.map((x) => (
                  <li key={x.line}>
                    Line {x.line}: {x.reason}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </Panel>
  );
}
