import type { ItemDetail } from '@contract';
import { navigate } from '../../app/router';
import { CopyButton } from '../../components/ui';
import { fmtDateTime, fmtNumber } from '../../lib/format';

const str = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/**
 * Information produced by the entity (AT-C 205): where the population came from, with what parameters, how many
 * pages and records, the request ids and the command that re-runs the query.
 */
export function IpeView(props: { detail: ItemDetail }) {
  const ipe = props.detail.ipe;
  const source = (ipe.source ?? {}) as { type?: string; name?: string };
  const actor = (ipe.actor ?? {}) as { osUser?: string; host?: string };
  const file = ipe.importedFile as { name: string; sha256: string; bytes: number } | undefined;
  const derived = (ipe.derivedFrom ?? []) as { seq: number; contentSha256: string }[];
  const requestIds = list(ipe.requestIds);
  const notes = list(ipe.notes);
  return (
    <div className="stack" data-testid="ipe">
      <dl className="kv">
        <dt>Source</dt>
        <dd>
          {str(source.name)} ({str(source.type)})
        </dd>
        <dt>Provenance</dt>
        <dd>{str(ipe.provenance)}</dd>
        <dt>Endpoints</dt>
        <dd className="mono">{list(ipe.endpoints).join(', ') || '—'}</dd>
        <dt>API / server version</dt>
        <dd>
          {str(ipe.apiVersion)} / {str(ipe.serverVersion)}
        </dd>
        <dt>Parameters</dt>
        <dd className="mono">{JSON.stringify(ipe.parameters ?? {})}</dd>
        <dt>Pages read</dt>
        <dd>{fmtNumber(Number(ipe.pages ?? 0))}</dd>
        <dt>Records retrieved</dt>
        <dd>
          {fmtNumber(Number(ipe.recordsRetrieved ?? 0))}
          {ipe.apiTotal !== null && ipe.apiTotal !== undefined ? ` (the API reported ${fmtNumber(Number(ipe.apiTotal))})` : ''}
        </dd>
        <dt>Completeness</dt>
        <dd>
          {str(ipe.completeness)}
          {ipe.error ? ` — ${str(ipe.error)}` : ''}
        </dd>
        <dt>Started / finished</dt>
        <dd>
          {fmtDateTime(ipe.startedAt as string)} / {fmtDateTime(ipe.finishedAt as string)}
        </dd>
        <dt>Run by</dt>
        <dd>
          {str(actor.osUser)} on {str(actor.host)} · {str(ipe.toolVersion)}
        </dd>
        <dt>Request ids</dt>
        <dd className="mono small">
          {requestIds.length ? `${requestIds.slice(0, 12).join(', ')}${requestIds.length > 12 ? ` … +${requestIds.length - 12}` : ''}` : '—'}
        </dd>
        {list(ipe.serverDates).length > 0 && (
          <>
            <dt>Server dates</dt>
            <dd className="small">{list(ipe.serverDates).slice(0, 3).join(' · ')}</dd>
          </>
        )}
        {file && (
          <>
            <dt>Imported file</dt>
            <dd>
              {file.name} · {fmtNumber(file.bytes)} bytes · <span className="hash">SHA-256 {file.sha256}</span>
            </dd>
          </>
        )}
        {derived.length > 0 && (
          <>
            <dt>Derived from</dt>
            <dd className="row">
              {derived.map((d) => (
                <a key={d.seq} href={`#/evidence/${d.seq}`} onClick={(e) => (e.preventDefault(), navigate('evidence', d.seq))}>
                  item #{d.seq}
                </a>
              ))}
            </dd>
          </>
        )}
      </dl>
      <div className="stack">
        <div className="row">
          <h3>Re-runnable command</h3>
          <CopyButton text={str(ipe.command)} />
        </div>
        <pre className="json">{str(ipe.command)}</pre>
      </div>
      {notes.length > 0 && (
        <div className="stack">
          <h3>Notes for the auditor</h3>
          <ul className="steps">
            {notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
