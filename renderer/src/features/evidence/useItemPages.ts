import { useCallback, useEffect, useRef, useState } from 'react';
import type { ItemFilter, ItemRowView } from '@contract';
import { useApp } from '../../app/context';

export const PAGE_SIZE = 500;

export interface ItemPages {
  total: number | null;
  row(index: number): ItemRowView | undefined;
  /** Ask for the pages covering rows [start, end]; already loaded or loading pages are skipped. */
  ensure(start: number, end: number): void;
  error: string | null;
}

/**
 * The evidence table's data: only the total is known up front; rows arrive a page (500) at a time as they scroll
 * into view, so 100,000 items cost one small query to show and never sit in memory all at once unless scrolled.
 */
export function useItemPages(filter: ItemFilter): ItemPages {
  const { transport, revision } = useApp();
  const [total, setTotal] = useState<number | null>(null);
  const [, setTick] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const pages = useRef(new Map<number, ItemRowView[]>());
  const loading = useRef(new Set<number>());
  const generation = useRef(0);
  const key = JSON.stringify(filter);

  const load = useCallback(
    (page: number, gen: number) => {
      loading.current.add(page);
      void transport.invoke('items.list', { ...(JSON.parse(key) as ItemFilter), offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then((r) => {
        if (gen !== generation.current) return;
        loading.current.delete(page);
        if (!r.ok) return setError(r.error.message);
        pages.current.set(page, r.value.rows);
        setTotal(r.value.total);
        setTick((t) => t + 1);
      });
    },
    [transport, key],
  );

  useEffect(() => {
    generation.current += 1;
    pages.current = new Map();
    loading.current = new Set();
    setError(null);
    load(0, generation.current);
  }, [load, revision]);

  return {
    total,
    error,
    row: (i) => pages.current.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE],
    ensure(start, end) {
      for (let p = Math.floor(start / PAGE_SIZE); p <= Math.floor(end / PAGE_SIZE); p++) {
        if (!pages.current.has(p) && !loading.current.has(p)) load(p, generation.current);
      }
    },
  };
}
