import { EvidenceStore } from '../store/evidence-store';
import type { SecretStore } from '../sign/secret-store';
import { FileSecretStore } from '../sign/secret-store';
import { storePaths } from '../store/paths';
import { currentActor, systemClock, type Clock } from '../util/runtime';
import { AppError, formatZodError, toErrorBody, type Envelope } from '../util/errors';
import type { CoreContext, ProgressEvent, Procedure } from './procedure';
import { procedures, type ProcedureName } from './procedures';

export { procedures, type ProcedureName } from './procedures';
export * from '../util/errors';
export type { ProgressEvent } from './procedure';

export interface CoreOptions {
  home: string;
  secrets?: SecretStore;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
}

export interface CallHooks {
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
}

export interface Core {
  call(name: string, input: unknown, hooks?: CallHooks): Promise<Envelope<unknown>>;
  close(): void;
}

/** The single entry point every host uses (CLI, Electron main, web server, tests). */
export function createCore(opts: CoreOptions): Core {
  const secrets = opts.secrets ?? new FileSecretStore(storePaths(opts.home).keysDir);
  const actor = currentActor();
  let store: EvidenceStore | null = null;

  const openStore = (create = false): EvidenceStore => {
    if (!store) store = EvidenceStore.open({ home: opts.home, secrets, actor, clock: opts.clock ?? systemClock, create });
    return store;
  };

  return {
    async call(name, input, hooks = {}) {
      try {
        const proc = (procedures as Record<string, Procedure>)[name];
        if (!proc) throw new AppError('BAD_INPUT', `Unknown procedure "${name}".`);
        const parsed = proc.input.safeParse(input ?? {});
        if (!parsed.success) throw new AppError('BAD_INPUT', formatZodError(parsed.error));
        const ctx: CoreContext = {
          home: opts.home,
          secrets,
          actor,
          clock: opts.clock ?? systemClock,
          env: opts.env ?? process.env,
          store: openStore,
          progress: (e) => hooks.onProgress?.(e),
          signal: hooks.signal ?? new AbortController().signal,
        };
        return { ok: true, value: await proc.handler(ctx, parsed.data) };
      } catch (err) {
        return { ok: false, error: toErrorBody(err) };
      }
    },
    close() {
      store?.close();
      store = null;
    },
  };
}


export function isProcedureName(name: string): name is ProcedureName {
  return Object.hasOwn(procedures, name);
}
