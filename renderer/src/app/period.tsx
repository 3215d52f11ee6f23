import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { PeriodView } from '@contract';
import { useQuery } from './context';

const KEY = 'evidence-locker.active-period';

interface PeriodContextValue {
  periods: PeriodView[];
  /** The period evidence screens are narrowed to; null = all evidence. */
  active: PeriodView | null;
  setActive(name: string | null): void;
  loaded: boolean;
}

const PeriodContext = createContext<PeriodContextValue | null>(null);

function stored(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/**
 * The active audit period, chosen in the shell and remembered on this computer (localStorage). A stored name that
 * no longer exists falls back to the newest period, so screens never narrow to something gone.
 */
export function PeriodProvider(props: { children: ReactNode }) {
  const list = useQuery('period.list', {});
  const [name, setName] = useState<string | null>(stored);
  const setActive = useCallback((next: string | null) => {
    try {
      if (next === null) localStorage.setItem(KEY, '');
      else localStorage.setItem(KEY, next);
    } catch {
      // Storage refused (private window): the choice lasts for this session only.
    }
    setName(next ?? '');
  }, []);
  const value = useMemo<PeriodContextValue>(() => {
    const periods = list.data ?? [];
    // '' = the user chose "All evidence"; null = never chose (take the newest period).
    const active = name === '' ? null : (periods.find((p) => p.name === name) ?? periods[0] ?? null);
    return { periods, active, setActive, loaded: list.data !== undefined };
  }, [list.data, name, setActive]);
  return <PeriodContext.Provider value={value}>{props.children}</PeriodContext.Provider>;
}

export function usePeriod(): PeriodContextValue {
  const ctx = useContext(PeriodContext);
  if (!ctx) throw new Error('usePeriod outside PeriodProvider');
  return ctx;
}

/** Whether a day (YYYY-MM-DD or ISO) falls inside the period, comparing UTC days. */
export function inPeriod(period: PeriodView, isoOrDay: string): boolean {
  const d = isoOrDay.slice(0, 10);
  return d >= period.from && d <= period.to;
}

export function periodLabel(p: PeriodView): string {
  return p.type === 'type1' ? `${p.name} · Type 1 as of ${p.from}` : `${p.name} · ${p.from} → ${p.to}`;
}
