import { useState } from 'react';
import type { ErrorBody, ManualView } from '@contract';
import { CallError, useApp, useCaller } from '../../app/context';
import { FileDrop } from '../../components/FileDrop';
import { Button, ErrorBanner, Field, Panel } from '../../components/ui';
import { today } from '../../lib/format';

const MAX_BYTES = 100 * 1024 * 1024;
/** The shape of a Trust Services Criterion id; the core checks it against the closed list of 61. */
const CRITERION_ID = /^(CC[1-9]|A1|C1|PI1|P[1-8])\.[1-9]$/;

const parseCriteria = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);

/** Upload one file with the day it is evidence for, an owner, an optional expiry and the criteria it supports. */
export function UploadForm(props: { supersedes: ManualView | null; onCancelSupersede(): void }) {
  const { transport, changed, notify } = useApp();
  const call = useCaller();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [criteria, setCriteria] = useState('');
  const [evidenceFor, setEvidenceFor] = useState(today());
  const [owner, setOwner] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const sup = props.supersedes;
  const ids = parseCriteria(criteria || (sup ? sup.criteria.join(', ') : ''));
  const unknown = ids.filter((c) => !CRITERION_ID.test(c));
  const tooBig = file !== null && file.size > MAX_BYTES;
  const problem = tooBig ? 'Files over 100 MB are not kept; attach an excerpt.' : file?.size === 0 ? 'The file is empty.' : null;

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const up = await transport.upload(file); // the host keeps the bytes and hands back a ref, never a path
      if (!up.ok) throw new CallError(up.error);
      const m = await call('manual.add', {
        file: up.value.ref,
        title: title || undefined,
        criteria: ids,
        evidenceFor,
        owner: owner || (sup?.owner ?? ''),
        expiresOn: expiresOn || null,
        supersedes: sup?.id,
      });
      setFile(null);
      setTitle('');
      setExpiresOn('');
      props.onCancelSupersede();
      changed();
      notify(`Kept #${m.id}: SHA-256 ${m.sha256.slice(0, 12)}… in log entry ${m.logIndex}`);
    } catch (err) {
      setError(err instanceof CallError ? err.body : { code: 'INTERNAL', message: String(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel
      title={sup ? `Replace #${sup.id} ${sup.title}` : 'Upload a file'}
      description={
        sup
          ? 'The new file supersedes the old one; both stay in the log.'
          : 'Up to 100 MB: PDF, image, document. The file is hashed into the signed log.'
      }
    >
      <form
        className="stack"
        aria-label="Upload manual evidence"
        data-testid="manual-upload"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="grid-2">
          <FileDrop label="Drop a file (policy PDF, report, screenshot)" file={file} onFile={setFile} testId="manual-drop" />
          <div className="grid-2">
            <Field label="Title" htmlFor="m-title" help="Defaults to the file name">
              <input id="m-title" className="input" value={title} onChange={(e) => setTitle(e.target.value)} />
            </Field>
            <Field
              label="Criteria"
              htmlFor="m-criteria"
              error={unknown.length ? `Not a criterion: ${unknown.join(', ')}` : null}
              help="Trust Services Criteria ids, e.g. CC5.3, CC9.2"
            >
              <input
                id="m-criteria"
                className="input"
                value={criteria || (sup ? sup.criteria.join(', ') : '')}
                aria-invalid={unknown.length > 0}
                placeholder="CC5.3, CC9.2"
                onChange={(e) => setCriteria(e.target.value)}
              />
            </Field>
            <Field label="Evidence for (as of)" htmlFor="m-for" help="The day the document shows, not today's upload">
              <input
                id="m-for"
                className="input"
                type="date"
                required
                max={today()}
                value={evidenceFor}
                onChange={(e) => setEvidenceFor(e.target.value)}
              />
            </Field>
            <Field label="Owner" htmlFor="m-owner">
              <input id="m-owner" className="input" required value={owner || (sup?.owner ?? '')} onChange={(e) => setOwner(e.target.value)} />
            </Field>
            <Field label="Expires on (optional)" htmlFor="m-expires">
              <input id="m-expires" className="input" type="date" value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} />
            </Field>
          </div>
        </div>
        {problem && <div className="banner warn">{problem}</div>}
        <ErrorBanner error={error} title="The file was not kept" />
        <div className="row">
          <Button
            variant="primary"
            icon="upload"
            busy={busy}
            disabled={!file || problem !== null || ids.length === 0 || unknown.length > 0 || !(owner || sup?.owner)}
            onClick={() => void submit()}
            data-testid="manual-submit"
          >
            {sup ? 'Upload replacement' : 'Upload and record'}
          </Button>
          {sup && (
            <Button variant="ghost" onClick={props.onCancelSupersede}>
              Cancel replacing
            </Button>
          )}
        </div>
      </form>
    </Panel>
  );
}
