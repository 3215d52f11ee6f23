import { useState, type ComponentPropsWithRef, type ReactNode } from 'react';
import type { ErrorBody } from '@contract';
import { Icon } from './icons';

export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'muted';

export function Badge(props: { tone: Tone; children: ReactNode; plain?: boolean; title?: string }) {
  return (
    <span className={`badge ${props.tone}${props.plain ? ' plain' : ''}`} title={props.title}>
      {props.children}
    </span>
  );
}

export function Button(
  props: ComponentPropsWithRef<'button'> & { variant?: 'primary' | 'danger' | 'ghost'; size?: 'small'; icon?: string; busy?: boolean },
) {
  const { variant, size, icon, busy, children, className, ...rest } = props;
  return (
    <button
      type="button"
      {...rest}
      className={['btn', variant, size, className].filter(Boolean).join(' ')}
      disabled={rest.disabled || busy}
      aria-busy={busy || undefined}
    >
      {icon && <Icon name={icon} size={size === 'small' ? 14 : 16} />}
      {children}
    </button>
  );
}

export function PageHeader(props: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{props.title}</h1>
        {props.description && <p>{props.description}</p>}
      </div>
      {props.actions && <div className="page-actions">{props.actions}</div>}
    </header>
  );
}

export function Panel(props: {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  flush?: boolean;
  className?: string;
  labelledBy?: string;
}) {
  return (
    <section className={`panel ${props.className ?? ''}`} aria-label={typeof props.title === 'string' ? props.title : undefined}>
      {(props.title || props.actions) && (
        <div className="panel-header">
          <div>
            {props.title && <h2>{props.title}</h2>}
            {props.description && <p>{props.description}</p>}
          </div>
          {props.actions && <div className="row">{props.actions}</div>}
        </div>
      )}
      <div className={`panel-body${props.flush ? ' flush' : ''}`}>{props.children}</div>
    </section>
  );
}

export function Empty(props: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty">
      <strong>{props.title}</strong>
      {props.children && <div>{props.children}</div>}
      {props.action}
    </div>
  );
}

/** An error from an envelope, named as the core named it. */
export function ErrorBanner(props: { error: ErrorBody | null | undefined; title?: string }) {
  if (!props.error) return null;
  return (
    <div className="banner bad" role="alert">
      <Icon name="alert" />
      <div>
        <strong>{props.title ?? titleFor(props.error.code)}</strong>
        <span className="break">{props.error.message}</span>
      </div>
    </div>
  );
}

export function titleFor(code: string): string {
  switch (code) {
    case 'AUTH_FAILED':
      return 'The credentials were refused';
    case 'FORBIDDEN':
      return 'Access denied';
    case 'UNREACHABLE':
      return 'Could not connect';
    case 'NOT_FOUND':
      return 'Not found';
    case 'BAD_INPUT':
      return 'Please check the input';
    case 'ENVIRONMENT':
      return 'Something is missing on this machine';
    case 'INTEGRITY':
      return 'Integrity problem';
    case 'ROLLBACK_DETECTED':
      return 'The store was rolled back';
    case 'UNSUPPORTED':
      return 'Not available here';
    default:
      return 'Something went wrong';
  }
}

/** Fixed-height placeholder lines: the layout does not move when data arrives. */
export function SkeletonLines(props: { lines?: number }) {
  return (
    <div className="stack" aria-hidden="true">
      {Array.from({ length: props.lines ?? 3 }, (_, i) => (
        <div key={i} className="skeleton" />
      ))}
    </div>
  );
}

export function CopyButton(props: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      size="small"
      icon={copied ? 'check' : 'copy'}
      onClick={() => {
        void navigator.clipboard
          ?.writeText(props.text)
          .then(() => {
            setCopied(true);
            window.setTimeout(() => setCopied(false), 1800);
          })
          .catch(() => undefined);
      }}
    >
      {copied ? 'Copied' : (props.label ?? 'Copy')}
    </Button>
  );
}

export function Stat(props: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <div className="panel stat">
      <div className="label">{props.label}</div>
      <div className="value">{props.value}</div>
      {props.hint && <div className="hint">{props.hint}</div>}
    </div>
  );
}

export function Field(props: { label: string; htmlFor: string; help?: ReactNode; error?: string | null; children: ReactNode; className?: string }) {
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label htmlFor={props.htmlFor}>{props.label}</label>
      {props.children}
      {props.error ? (
        <span className="error" id={`${props.htmlFor}-error`}>
          {props.error}
        </span>
      ) : (
        props.help && <span className="help">{props.help}</span>
      )}
    </div>
  );
}

export function ProgressBar(props: { label: string }) {
  return (
    <div className="progress-bar" role="progressbar" aria-label={props.label} aria-busy="true">
      <div />
    </div>
  );
}
