import { useEffect, useRef, useState } from 'react';
import type { ErrorBody, ReviewDecisionKind, ReviewLineView } from '@contract';
import { CallError, useCaller } from '../../app/context';
import { Badge, Button, ErrorBanner, Field } from '../../components/ui';
import { fmtDateTime } from '../../lib/format';
import { activityText, DECISION_LABEL, DECISION_TONE, mfaText } from './labels';

export interface Pick {
  decision: ReviewDecisionKind | null;
  /** Bumped per key press so the same letter twice still focuses the comment. */
  nonce: number;
}

/**
 * Decide the active line: keep, revoke, change role or defer, with a comment (a reason for your own access).
 * Ctrl+Enter saves; Escape goes back to the lines. Every save is a signed log entry.
 */
export function DecisionPanel(props: {
  review: number;
  line: ReviewLineView;
  closed: boolean;
  pick: Pick;
  reviewer: string;
  onReviewer(name: string): void;
  onSaved(line: ReviewLineView): void;
  onBack(): void;
}) {
  const call = useCaller();
  const l = props.line;
  const [decision, setDecision] = useState<ReviewDecisionKind | null>(l.decision?.decision ?? null);
  const [comment, setComment] = useState(l.decision?.comment ?? '');
  const [reason, setReason] = useState(l.decision?.reason ?? '');
  const [newRole, setNewRole] = useState(l.decision?.newRole ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  // A key pressed for an earlier line must not act on this one: only picks made while it is shown count.
  const mountedPick = useRef(props.pick.nonce);

  useEffect(() => {
    if (props.pick.nonce === mountedPick.current) return;
    if (props.pick.decision) setDecision(props.pick.decision);
    commentRef.current?.focus();
  }, [props.pick]);

  const save = async () => {
    if (!decision) return setError({ code: 'BAD_INPUT', message: 'Choose keep, revoke, change role or defer.' });
    setBusy(true);
    setError(null);
    try {
      const saved = await call('review.decide', {
        review: props.review,
        line: l.line,
        decision,
        comment,
        reason: reason || undefined,
        newRole: decision === 'change_role' ? newRole || undefined : undefined,
        reviewer: props.reviewer || undefined,
      });
      props.onSaved(saved);
    } catch (err) {
      setError(err instanceof CallError ? err.body : { code: 'INTERNAL', message: String(err) });
    } finally {
      setBusy(false);
    }
  };
  const keys = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') props.onBack();
  };
  const disabled = props.closed || !l.needsDecision;
  return (
    <div className="rv-decide" data-testid="decision-panel" onKeyDown={keys}>
      <div className="rv-line-facts">
        <h3>
          Line {l.line}: {l.displayName}{' '}
          <span className="muted">
            ({l.source}, {l.type})
          </span>
        </h3>
        <dl className="kv">
          <dt>Principal</dt>
          <dd className="mono">{l.principal}</dd>
          <dt>Roles</dt>
          <dd>{l.roles.join('; ') || '—'}</dd>
          {l.rolesBefore && (
            <>
              <dt>At the previous review</dt>
              <dd>{l.rolesBefore.join('; ')}</dd>
            </>
          )}
          <dt>MFA · last activity</dt>
          <dd>
            {mfaText(l.mfa)} · {activityText(l.lastActivity)}
          </dd>
          <dt>Why flagged</dt>
          <dd>{l.flagNotes.join('; ') || 'No flags'}</dd>
          <dt>Read from</dt>
          <dd>
            {l.snapshots.map((s) => (
              <a key={s} href={`#/evidence/${s}`}>
                #{s}{' '}
              </a>
            ))}
            ({l.kinds.join(', ')})
          </dd>
          {l.decision && (
            <>
              <dt>Decided</dt>
              <dd>
                <Badge tone={DECISION_TONE[l.decision.decision]}>{DECISION_LABEL[l.decision.decision]}</Badge> by {l.decision.reviewer},{' '}
                {fmtDateTime(l.decision.decidedAt)} (log entry #{l.decision.logIdx}
                {l.decision.via === 'csv' ? ', from CSV' : ''}){l.superseded > 0 && `; replaces ${l.superseded} earlier`}
              </dd>
            </>
          )}
        </dl>
      </div>
      <fieldset className="rv-form" disabled={disabled}>
        <legend className="visually-hidden">Decision for line {l.line}</legend>
        <div className="rv-choices" role="radiogroup" aria-label="Decision">
          {(['keep', 'revoke', 'change_role', 'defer'] as const).map((d) => (
            <button
              key={d}
              type="button"
              role="radio"
              aria-checked={decision === d}
              className={`btn small rv-choice ${decision === d ? `chosen ${d}` : ''}`}
              onClick={() => setDecision(d)}
            >
              {DECISION_LABEL[d]} <kbd>{d === 'change_role' ? 'C' : d[0]!.toUpperCase()}</kbd>
            </button>
          ))}
        </div>
        <Field label={decision === 'keep' ? 'Comment (optional)' : 'Comment'} htmlFor="rv-comment">
          <textarea id="rv-comment" ref={commentRef} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
        </Field>
        {decision === 'change_role' && (
          <Field label="New role" htmlFor="rv-role" help="What the access should become, e.g. READ or roles/viewer.">
            <input id="rv-role" value={newRole} onChange={(e) => setNewRole(e.target.value)} />
          </Field>
        )}
        <div className="rv-row2">
          <Field label="Reviewer" htmlFor="rv-reviewer" help="Recorded with the decision.">
            <input id="rv-reviewer" value={props.reviewer} onChange={(e) => props.onReviewer(e.target.value)} placeholder="your name or e-mail" />
          </Field>
          <Field label="Reason (your own access)" htmlFor="rv-reason" help="Required when the line is your own access.">
            <input id="rv-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
        </div>
        <ErrorBanner error={error} title="Not recorded" />
        <div className="rv-actions">
          <Button variant="primary" busy={busy} onClick={() => void save()}>
            Save decision <kbd>Ctrl+Enter</kbd>
          </Button>
          <Button variant="ghost" onClick={props.onBack}>
            Back to lines <kbd>Esc</kbd>
          </Button>
        </div>
      </fieldset>
    </div>
  );
}
