import { useState } from 'react';
import type { ErrorBody, ImportView } from '@contract';
import { CallError, useApp, useCaller, useQuery } from '../../app/context';
import { navigate } from '../../app/router';
import { FileDrop } from '../../components/FileDrop';
import { Button, ErrorBanner, Field, Panel } from '../../components/ui';
import { fmtNumber } from '../../lib/format';

/** Air-gapped sources: an administrator exports JSON/CSV elsewhere, the compliance officer imports it here. */
export function ImportPanel() {
  const types = useQuery('import.types', {});
  const { transport, changed, notify } = useApp();
  const call = useCaller();
  const [type, setType] = useState('');
  const [source, setSource] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [result, setResult] = useState<ImportView | null>(null);
  const chosen = type || types.data?.find((t) => !t.directory)?.type || '';
  const files = (types.data ?? []).filter((t) => !t.directory);

  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const up = await transport.upload(file);
      if (!up.ok) throw new CallError(up.error);
      const r = await call('import.run', { type: chosen, file: up.value.ref, source: source || undefined });
      setResult(r);
      setFile(null);
      changed();
      notify(`Imported ${file.name}`);
    } catch (err) {
      setError(err instanceof CallError ? err.body : { code: 'INTERNAL', message: String(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel
      title="Import an administrator's export"
      description="For systems this computer cannot reach: the file is hashed, recorded as admin-export evidence and named in its IPE."
    >
      <div className="grid-2">
        <div className="stack">
          <Field label="File type" htmlFor="import-type" help={files.find((t) => t.type === chosen)?.summary}>
            <select id="import-type" className="select" value={chosen} onChange={(e) => setType(e.target.value)}>
              {files.map((t) => (
                <option key={t.type} value={t.type}>
                  {t.type}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="Record under source (optional)"
            htmlFor="import-source"
            help="Defaults to a source named after the server or account in the file."
          >
            <input id="import-source" className="input" value={source} onChange={(e) => setSource(e.target.value)} autoComplete="off" />
          </Field>
        </div>
        <div className="stack">
          <FileDrop label="Drop the export file" file={file} onFile={setFile} testId="import-drop" />
          <div className="row">
            <Button variant="primary" icon="upload" disabled={!file || !chosen} busy={busy} onClick={() => void run()}>
              {busy ? 'Importing…' : 'Import file'}
            </Button>
          </div>
        </div>
      </div>
      <ErrorBanner error={error} title="The file was not imported" />
      {result && (
        <div className="banner ok" role="status">
          <div>
            <strong>
              Recorded item #{result.seq} ({result.kind}) under {result.source}
            </strong>
            <span>
              {fmtNumber(result.records)} records · {result.completeness}
              {result.file ? ` · ${result.file.name}, SHA-256 ${result.file.sha256.slice(0, 16)}…` : ''}
            </span>{' '}
            <Button size="small" onClick={() => navigate('evidence', result.seq)}>
              Open item
            </Button>
          </div>
        </div>
      )}
    </Panel>
  );
}
