/**
 * What every use case receives from the host-independent core: the store, secrets, clock, actor and progress.
 * It lives below the use cases (collect, import, export) and above the store, so none of them imports core/api.
 */
import type { EvidenceStore } from './store/evidence-store';
import type { SecretStore } from './sign/secret-store';
import type { CredentialStore } from './sign/credential-store';
import type { Actor } from './evidence/ipe';
import type { Clock } from './util/runtime';
import type { Catalog } from './families/catalog';
import type { Resources } from './resources';
import type { ProgressEvent } from './util/progress';

export type { ProgressEvent };

export interface CoreContext {
  home: string;
  secrets: SecretStore;
  /** Source credentials typed into the app (never in the store); see core/collector-runtime/credentials. */
  credentials: CredentialStore;
  actor: Actor;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  /** The source families in use: collectors, differs, importers and the criteria mapping. */
  catalog: Catalog;
  /** Fonts and bundle tools, from the root the host handed to createCore. */
  resources: Resources;
  /** Opens (once) and returns the store; `create` only for init. */
  store(create?: boolean): EvidenceStore;
  /**
   * The store for a procedure that only reads (status, log, verify, key show, source list, backup): the same as
   * store() when the store can be written, else opened read-only, so a store this process cannot write (a
   * read-only folder or files, a -wal/-shm someone else owns) can still be read instead of failing.
   */
  readStore(): EvidenceStore;
  progress(event: ProgressEvent): void;
  signal: AbortSignal;
}
