import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { inPeriod, usePeriod } from '../../app/period';
import type { ItemDetail } from '@contract';
import { useQuery } from '../../app/context';
import { navigate } from '../../app/router';
import { Icon } from '../../components/icons';
import { Badge, Button, CopyButton, ErrorBanner, SkeletonLines } from '../../components/ui';
import { fmtDateTime, fmtNumber, toneOf } from '../../lib/format';
import { PROVENANCE_LABEL, scopeText } from './EvidenceTable';
import { ContentTables } from './ContentTables';
import { IpeView } from './IpeView';

type Tab = 'content' | 'json' | 'ipe' | 'integrity';
const TABS: [Tab, string][] = [
  ['content', 'Content'],
  ['json', 'Canonical JSON'],
  ['ipe', 'How it was produced (IPE)'],
  ['integrity', 'Integrity'],
];

export function integrityOk(d: ItemDetail): boolean {
  return d.integrity.hashesMatch && d.integrity.logEntryMatches;
}

export function IntegrityBadge(props: { detail: ItemDetail }) {
  const i = props.detail.integrity;
  if (!integrityOk(props.detail)) return <Badge tone="bad">Integrity problem</Badge>;
  if (!i.checkpoint?.covers)
    return (
      <Badge tone="warn" title="Recorded in the log; the next signed checkpoint will cover it.">
        Logged, not yet signed
      </Badge>
    );
  return (
    <Badge tone="ok" title={`Log entry #${i.logIdx}, covered by the checkpoint at size ${i.checkpoint.size}`}>
      Signed · log #{i.logIdx}
    </Badge>
  );
}

export function ItemDrawer(props: { seq: number; onClose(): void }) {
  const item = useQuery('items.show', { seq: props.seq });
  const [tab, setTab] = useState<Tab>('content');
  const close = useRef<HTMLButtonElement>(null);
  // Where focus was when the item opened (the rows, usually): it goes back there on close.
  const opener = useRef(document.activeElement as HTMLElement | null);
  useEffect(() => close.current?.focus(), [props.seq]);
  // A modal side sheet: the page behind it is inert (no Tab into it, no clicks), and comes back on close.
  useEffect(() => {
    const root = document.getElementById('root');
    const back = opener.current;
    if (root) root.inert = true;
    return () => {
      if (root) root.inert = false;
      back?.focus?.();
    };
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && props.onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props]);
  const d = item.data?.seq === props.seq ? item.data : undefined;
  const period = usePeriod().active;

  return createPortal(
    <>
      <div className="backdrop" onClick={props.onClose} aria-hidden="true" />
      <aside className="drawer" role="dialog" aria-modal="true" aria-labelledby="item-title" data-testid="item-drawer">
        <div className="drawer-header">
          <div className="stack tight">
            <h2 id="item-title">
              Item #{props.seq} {d && <span className="mono">· {d.kind}</span>}
            </h2>
            {d ? (
              <div className="row small">
                <Badge tone={toneOf(d.completeness)}>{d.completeness}</Badge>
                <IntegrityBadge detail={d} />
                <span className="muted">
                  {d.source ?? 'no source'} · {scopeText(d.scope)} · {PROVENANCE_LABEL[d.provenance] ?? d.provenance} ·{' '}
                  {d.evidenceFor !== d.collectedAt
                    ? `evidence for ${fmtDateTime(d.evidenceFor)}, collected ${fmtDateTime(d.collectedAt)}`
                    : fmtDateTime(d.collectedAt)}
                </span>
                {period && !inPeriod(period, d.evidenceFor) && <span className="outside-period">Outside {period.name}</span>}
              </div>
            ) : (
              <SkeletonLines lines={1} />
            )}
          </div>
          <span className="spacer" />
          <Button ref={close} variant="ghost" onClick={props.onClose} aria-label="Close item (Esc)" icon="x" />
        </div>
        <div className="tabs" role="tablist" aria-label="Item views">
          {TABS.map(([id, label]) => (
            <button key={id} role="tab" type="button" aria-selected={tab === id} aria-controls={`tab-${id}`} onClick={() => setTab(id)}>
              {label}
            </button>
          ))}
        </div>
        <div className="drawer-body" role="tabpanel" id={`tab-${tab}`}>
          <ErrorBanner error={item.error} />
          {!d ? (
            <SkeletonLines lines={8} />
          ) : tab === 'content' ? (
            <>
              {d.criteriaTitles.length > 0 && (
                <div className="stack">
                  <div className="row">
                    <span className="muted small">Supports</span>
                    {d.criteriaTitles.map((c) => (
                      <span key={c.id} className="tag" title={c.title}>
                        {c.id} {c.title}
                      </span>
                    ))}
                  </div>
                  {d.focus && <p className="small muted">Auditor focus: {d.focus}</p>}
                </div>
              )}
              <ContentTables detail={d} />
            </>
          ) : tab === 'json' ? (
            <CanonicalJson detail={d} />
          ) : tab === 'ipe' ? (
            <IpeView detail={d} />
          ) : (
            <IntegrityView detail={d} />
          )}
        </div>
      </aside>
    </>,
    document.body,
  );
}

function CanonicalJson(props: { detail: ItemDetail }) {
  const [exact, setExact] = useState(false);
  const d = props.detail;
  return (
    <div className="stack">
      <div className="row">
        <div className="segmented" role="group" aria-label="JSON layout">
          <button type="button" aria-pressed={!exact} onClick={() => setExact(false)}>
            Readable
          </button>
          <button type="button" aria-pressed={exact} onClick={() => setExact(true)}>
            Exact bytes (hashed)
          </button>
        </div>
        <CopyButton text={d.canonicalContent} label="Copy canonical JSON" />
        <span className="small muted">SHA-256 {d.contentSha256.slice(0, 16)}…</span>
      </div>
      <pre className="json" data-testid="canonical-json">
        {exact ? d.canonicalContent : JSON.stringify(d.content, null, 2)}
      </pre>
    </div>
  );
}

function Check(props: { ok: boolean; children: string }) {
  return (
    <span className="row">
      <span className={props.ok ? 'badge ok plain' : 'badge bad plain'}>
        <Icon name={props.ok ? 'check' : 'x'} size={12} />
      </span>
      {props.children}
    </span>
  );
}

function IntegrityView(props: { detail: ItemDetail }) {
  const i = props.detail.integrity;
  const ok = integrityOk(props.detail);
  return (
    <div className={`integrity ${ok ? 'ok' : 'bad'}`} data-testid="integrity">
      <div className="stack">
        <Check ok={i.hashesMatch}>
          {i.hashesMatch ? 'Stored content and IPE hash to the recorded values' : 'Stored bytes do not match the recorded hashes'}
        </Check>
        <Check ok={i.logEntryMatches}>
          {i.logEntryMatches ? `Log entry #${i.logIdx} records this item with these hashes` : `Log entry #${i.logIdx} does not match this item`}
        </Check>
        <Check ok={Boolean(i.checkpoint?.covers)}>
          {i.checkpoint?.covers
            ? `Covered by the signed checkpoint at log size ${fmtNumber(i.checkpoint.size)}`
            : 'Not yet covered by a signed checkpoint (the next one will)'}
        </Check>
      </div>
      <dl className="kv">
        <dt>Log index</dt>
        <dd className="mono">{i.logIdx}</dd>
        <dt>Leaf hash</dt>
        <dd className="hash">{i.leafHash}</dd>
        <dt>Content SHA-256</dt>
        <dd className="hash">{i.contentSha256}</dd>
        <dt>IPE SHA-256</dt>
        <dd className="hash">{i.ipeSha256}</dd>
        {i.checkpoint && (
          <>
            <dt>Last checkpoint</dt>
            <dd>
              size {fmtNumber(i.checkpoint.size)} · {fmtDateTime(i.checkpoint.at)}
            </dd>
            <dt>Checkpoint root</dt>
            <dd className="hash">{i.checkpoint.root}</dd>
            <dt>Signed by key</dt>
            <dd className="hash">{i.checkpoint.keyFingerprint}</dd>
          </>
        )}
      </dl>
      <p className="small muted">
        An auditor checks the same facts offline with the bundle's verify.sh (openssl and coreutils), or with “Verify a bundle”.{' '}
        <Button size="small" variant="ghost" onClick={() => navigate('verify')}>
          Verify a bundle
        </Button>
      </p>
    </div>
  );
}
