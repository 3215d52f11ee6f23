import { useEffect, useState } from 'react';
import type { DueResult } from '@contract';
import { useApp } from './context';

/** How often an open app asks the core what is due; schedules are daily at the finest, so a minute is plenty. */
export const TICK_MS = 60_000;

export function dueSummary(v: DueResult): string {
  const parts = [
    v.ran.length ? `ran ${v.ran.map((r) => `${r.source} (${r.status})`).join(', ')}` : '',
    v.missed.length ? `recorded ${v.missed.length} missed run${v.missed.length === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'nothing was due';
}

/**
 * While the app is open it runs what is due: `schedule.tick` on start, every minute and when the window comes back
 * into focus (the core records missed runs first, and answers busy while another tick or collection is running).
 * Returns a line for the sidebar.
 */
export function useScheduleTicker(): string {
  const { transport, changed, notify } = useApp();
  const [text, setText] = useState('Schedules: checking…');
  useEffect(() => {
    let live = true;
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      const r = await transport.invoke('schedule.tick', {});
      running = false;
      if (!live) return;
      if (!r.ok) {
        setText(`Schedules not checked: ${r.error.code === 'NOT_FOUND' ? 'no store yet' : r.error.message}`);
        return;
      }
      if (r.value.busy) return;
      const time = new Date(r.value.checkedAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
      setText(`Schedules checked ${time}: ${dueSummary(r.value)}`);
      if (r.value.ran.length || r.value.missed.length) {
        changed();
        notify(`Scheduled collection: ${dueSummary(r.value)}`);
      }
    };
    void tick();
    const id = window.setInterval(() => void tick(), TICK_MS);
    // Back at the app (window focused, or the tab shown after the machine slept): check at once, not a minute later.
    const onFocus = () => void tick();
    const onVisible = () => document.visibilityState === 'visible' && void tick();
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      live = false;
      window.clearInterval(id);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [transport, changed, notify]);
  return text;
}
