import type { z } from 'zod';
import type {
  Envelope,
  FileRefView,
  HostContract,
  HostProcedureName,
  ProcedureInput,
  ProcedureName,
  ProcedureOutput,
  ProgressEvent,
} from '@contract';

/** Every name the renderer may call: the core contract plus the host's own procedures. */
export type AppProcedure = ProcedureName | HostProcedureName;
export type AppInput<N extends AppProcedure> = N extends ProcedureName
  ? ProcedureInput<N>
  : N extends HostProcedureName
    ? z.input<HostContract[N]['input']>
    : never;
export type AppOutput<N extends AppProcedure> = N extends ProcedureName
  ? ProcedureOutput<N>
  : N extends HostProcedureName
    ? NonNullable<HostContract[N]['output']>
    : never;

export interface ProgressMessage {
  procedure: string;
  event: ProgressEvent;
}

/** How the UI reaches the core: IPC through the preload's bridge (desktop) or HTTP (web mode). Chosen once at boot. */
export interface Transport {
  readonly kind: 'ipc' | 'http';
  invoke<N extends AppProcedure>(name: N, input: AppInput<N>): Promise<Envelope<AppOutput<N>>>;
  onProgress(fn: (message: ProgressMessage) => void): () => void;
  /** Hands a file the user picked or dropped to the host; the ref goes into `import.run` / `bundle.verify`. */
  upload(file: File): Promise<Envelope<FileRefView>>;
  /** A URL that downloads an exported bundle (web mode), or null on the desktop (show in folder instead). */
  downloadUrl(bundleId: string, which: 'zip' | 'pdf'): string | null;
}

/** What the desktop preload exposes on `window.bridge` (and nothing more). */
export interface Bridge {
  invoke(name: string, input: unknown): Promise<unknown>;
  on(event: 'progress', fn: (message: ProgressMessage) => void): () => void;
}
