import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ErrorBody, HostInfo } from '@contract';
import type { AppInput, AppOutput, AppProcedure, Transport } from '../transport';

interface AppContextValue {
  transport: Transport;
  host: HostInfo;
  /** Bumped after anything that changes stored data, so screens reload what they show. */
  revision: number;
  changed(): void;
  notify(text: string): void;
}

const AppContext = createContext<AppContextValue | null>(null);

export function AppProvider(props: { transport: Transport; host: HostInfo; children: ReactNode }) {
  const [revision, setRevision] = useState(0);
  const [toast, setToast] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const changed = useCallback(() => setRevision((r) => r + 1), []);
  const notify = useCallback((text: string) => {
    setToast(text);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setToast(null), 2000);
  }, []);
  return (
    <AppContext.Provider value={{ transport: props.transport, host: props.host, revision, changed, notify }}>
      {props.children}
      {toast && (
        <div className="toast" role="status">
          {toast}
        </div>
      )}
    </AppContext.Provider>
  );
}

export function useApp(): AppContextValue {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside AppProvider');
  return ctx;
}

export class CallError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message);
  }
}

/** Calls a procedure and returns its value, or throws CallError with the envelope's error. */
export function useCaller() {
  const { transport } = useApp();
  return useCallback(
    async <N extends AppProcedure>(name: N, input: AppInput<N>): Promise<AppOutput<N>> => {
      const r = await transport.invoke(name, input);
      if (!r.ok) throw new CallError(r.error);
      return r.value;
    },
    [transport],
  );
}

export interface Query<T> {
  data?: T;
  error: ErrorBody | null;
  loading: boolean;
  reload(): void;
}

/**
 * Loads a procedure's result and reloads it when the input or the data revision changes. The previous data stays
 * on screen while reloading, so nothing jumps.
 */
export function useQuery<N extends AppProcedure>(name: N, input: AppInput<N>, opts: { enabled?: boolean } = {}): Query<AppOutput<N>> {
  const { transport, revision } = useApp();
  const [state, setState] = useState<{ data?: AppOutput<N>; error: ErrorBody | null; loading: boolean }>({ error: null, loading: true });
  const [nonce, setNonce] = useState(0);
  const key = JSON.stringify(input);
  const enabled = opts.enabled ?? true;
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    transport.invoke(name, JSON.parse(key) as AppInput<N>).then((r) => {
      if (!live) return;
      setState((s) => (r.ok ? { data: r.value, error: null, loading: false } : { data: s.data, error: r.error, loading: false }));
    });
    return () => {
      live = false;
    };
  }, [transport, name, key, revision, nonce, enabled]);
  return { ...state, reload: useCallback(() => setNonce((n) => n + 1), []) };
}
