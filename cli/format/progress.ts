import type { ProgressEvent } from '../../core/api';
import type { CliIo } from '../command';

/** A live one-line progress display on a TTY; one line per finished kind otherwise (cron logs stay readable). */
export function progressPrinter(io: CliIo, json: boolean): (e: ProgressEvent) => void {
  return (e) => {
    if (json) return;
    const parts = [e.source, e.kind, e.region].filter(Boolean).join(' / ');
    const counts = [
      e.pages !== undefined ? `${e.pages} pages` : '',
      e.items !== undefined ? `${e.items} items` : '',
      e.errors ? `${e.errors} errors` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const text = `${parts}: ${counts}${e.message ? ` ${e.message}` : ''}`;
    if (e.done) io.err(text);
    else io.status(text);
  };
}
