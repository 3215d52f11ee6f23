import { useId, useRef, useState } from 'react';
import { fmtBytes } from '../lib/format';
import { Icon } from './icons';

/** Drop a file or choose one; keyboard users press Enter or Space on the zone. Nothing is read until chosen. */
export function FileDrop(props: {
  label: string;
  hint?: string;
  accept?: string;
  file: File | null;
  onFile(file: File | null): void;
  testId?: string;
}) {
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  return (
    <div
      className={`dropzone${over ? ' active' : ''}${props.file ? ' has-file' : ''}`}
      role="button"
      tabIndex={0}
      aria-describedby={`${id}-hint`}
      data-testid={props.testId}
      onClick={() => input.current?.click()}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          input.current?.click();
        }
      }}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const f = e.dataTransfer.files[0];
        if (f) props.onFile(f);
      }}
    >
      <Icon name={props.file ? 'file' : 'upload'} size={22} />
      {props.file ? (
        <span>
          <strong>{props.file.name}</strong> <span className="muted">({fmtBytes(props.file.size)})</span>
        </span>
      ) : (
        <strong>{props.label}</strong>
      )}
      <span className="small muted" id={`${id}-hint`}>
        {props.file ? 'Drop or choose another file to replace it.' : (props.hint ?? 'Drop a file here, or press to choose one.')}
      </span>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        accept={props.accept}
        aria-label={props.label}
        onChange={(e) => {
          props.onFile(e.target.files?.[0] ?? null);
          e.target.value = '';
        }}
      />
    </div>
  );
}
