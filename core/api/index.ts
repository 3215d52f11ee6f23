import { EvidenceStore } from '../store/evidence-store';
import type { SecretStore } from '../sign/secret-store';
import { FileSecretStore } from '../sign/secret-store';
import { FileCredentialStore, type CredentialStore } from '../sign/credential-store';
import { join } from 'node:path';
import { defaultHome, storePaths } from '../store/paths';
import { systemClock, type Clock } from '../util/runtime';
import { currentActor } from '../evidence/actor';
import { AppError, formatZodError, toErrorBody } from '../util/errors';
import type { CoreContext, ProgressEvent } from '../context';
import { contract, isProcedureName, type Envelope, type ProcedureInput, type ProcedureName, type ProcedureOutput } from './contract';
import { handlers } from './handlers';
import { createCatalog } from '../families/catalog';
import { BUILT_IN_FAMILIES } from '../families/built-in';
import type { SourceFamily } from '../families/types';
import { fileURLToPath } from 'node:url';
import { resourcesAt } from '../resources';
import type { Handler } from './handlers/handler';

export * from './contract';
export { createAppHost, PATH_INPUTS, type AppHost, type HostAdapter, type CoreCaller } from './host/app-host';
export { FileRefs } from './host/file-refs';
/** Where the store lives when no folder is given: `$EVIDENCE_HOME`, else the OS app-data folder. */
export { defaultHome } from '../store/paths';
export { FileCredentialStore, UnavailableCredentialStore, MemoryCredentialStore, type CredentialStore } from '../sign/credential-store';
export type { SecretStore } from '../sign/secret-store';
export { AppError, toErrorBody } from '../util/errors';

export interface CoreOptions {
  /** The store folder; default `$EVIDENCE_HOME`, else the OS app-data folder. */
  home?: string;
  secrets?: SecretStore;
  /** Where credentials typed into the app are kept; default files (mode 0600) in `<home>/keys/credentials`. */
  credentials?: CredentialStore;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  /** The source families this core knows; default the built-in ones. */
  families?: readonly SourceFamily[];
  /**
   * The folder holding fonts/ and bundle-tools/. Default: resources/ of this source tree; a bundled or packaged
   * host passes its own (Electron: process.resourcesPath).
   */
  resourcesDir?: string;
}

/** The one place the core finds its own files from a module location; hosts that bundle pass resourcesDir. */
const SOURCE_RESOURCES = fileURLToPath(new URL('../../resources/', import.meta.url));

export interface CallHooks {
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
}

export interface Core {
  /** Typed in-process call: the input is checked against the contract's schema, the result is the contract's type. */
  call<N extends ProcedureName>(name: N, input: ProcedureInput<N>, hooks?: CallHooks): Promise<Envelope<ProcedureOutput<N>>>;
  /** For hosts that receive names and inputs from outside (IPC, HTTP): validated the same way. */
  callUntyped(name: string, input: unknown, hooks?: CallHooks): Promise<Envelope<unknown>>;
  /** The store folder this core works on. */
  readonly home: string;
  close(): void;
}

/** The composition root every host uses (CLI, Electron main, web server, tests). */
export function createCore(options: CoreOptions): Core {
  const opts = { ...options, home: options.home ?? defaultHome(options.env ?? process.env) };
  const secrets = opts.secrets ?? new FileSecretStore(storePaths(opts.home).keysDir);
  const credentials = opts.credentials ?? new FileCredentialStore(join(storePaths(opts.home).keysDir, 'credentials'));
  const actor = currentActor();
  const catalog = createCatalog(opts.families ?? BUILT_IN_FAMILIES);
  const resources = resourcesAt(opts.resourcesDir ?? SOURCE_RESOURCES);
  let store: EvidenceStore | null = null;
  let reader: EvidenceStore | null = null;

  const openStore = (create = false): EvidenceStore => {
    if (!store) store = EvidenceStore.open({ home: opts.home, secrets, actor, clock: opts.clock ?? systemClock, create });
    return store;
  };
  // For procedures that only read: the store itself when it can be written, else a read-only one beside it.
  const openReader = (): EvidenceStore => {
    if (store) return store;
    if (!reader) {
      const opened = EvidenceStore.open({ home: opts.home, secrets, actor, clock: opts.clock ?? systemClock, forReading: true });
      if (!opened.readOnly) return (store = opened);
      reader = opened;
    }
    return reader;
  };

  const callUntyped = async (name: string, input: unknown, hooks: CallHooks = {}): Promise<Envelope<unknown>> => {
    try {
      if (!isProcedureName(name)) throw new AppError('BAD_INPUT', `Unknown procedure "${name}".`);
      const parsed = contract[name].input.safeParse(input ?? {});
      if (!parsed.success) throw new AppError('BAD_INPUT', formatZodError(parsed.error));
      const ctx: CoreContext = {
        home: opts.home,
        secrets,
        credentials,
        actor,
        clock: opts.clock ?? systemClock,
        env: opts.env ?? process.env,
        catalog,
        resources,
        store: openStore,
        readStore: openReader,
        progress: (e) => hooks.onProgress?.(e),
        signal: hooks.signal ?? new AbortController().signal,
      };
      const handler = handlers[name] as Handler<ProcedureName>;
      return { ok: true, value: await handler(ctx, parsed.data as never) };
    } catch (err) {
      return { ok: false, error: toErrorBody(err) };
    }
  };

  return {
    call: (name, input, hooks) => callUntyped(name, input, hooks) as never,
    callUntyped,
    home: opts.home,
    close() {
      store?.close();
      store = null;
      reader?.close();
      reader = null;
    },
  };
}
