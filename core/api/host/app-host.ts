import { join } from 'node:path';
import { AppError, formatZodError, toErrorBody, type Envelope } from '../../util/errors';
import type { ProgressEvent } from '../../util/progress';
import { isProcedureName } from '../contract';
import { hostContract, isHostProcedureName, type HostInfo, type HostProcedureName } from '../contract/host';
import type { FileRefs } from './file-refs';

/** What a host needs of the core: the untyped entry point (names and inputs arrive from outside). */
export interface CoreCaller {
  callUntyped(name: string, input: unknown, hooks?: { onProgress?: (e: ProgressEvent) => void; signal?: AbortSignal }): Promise<Envelope<unknown>>;
}

/** The parts that differ between Electron main and the web server. */
export interface HostAdapter {
  info(): HostInfo;
  /** Native folder dialog (desktop); absent in web mode. */
  chooseFolder?(purpose: 'export' | 'backup'): Promise<string | null>;
  /** Reveal a file in the OS file manager (desktop); absent in web mode. */
  showItem?(path: string): Promise<void> | void;
  /** Open an https URL in the OS browser. */
  openExternal?(url: string): Promise<void> | void;
}

export interface CallOptions {
  onProgress?: (e: ProgressEvent) => void;
  signal?: AbortSignal;
}

export interface AppHost {
  /** Every call from the renderer, host or core procedure, ends here; never throws. */
  call(name: string, input: unknown, opts?: CallOptions): Promise<Envelope<unknown>>;
  readonly files: FileRefs;
}

/** Where each core procedure that touches the file system gets its path from; nothing else takes a path. */
export const PATH_INPUTS: Record<string, { field: string; from: 'fileRef' | 'exportFolder' | 'backupFolder' }> = {
  'import.run': { field: 'file', from: 'fileRef' },
  'review.importCsv': { field: 'file', from: 'fileRef' },
  'bundle.verify': { field: 'bundle', from: 'fileRef' },
  'manual.add': { field: 'file', from: 'fileRef' },
  'export.bundle': { field: 'out', from: 'exportFolder' },
  'store.backup': { field: 'to', from: 'backupFolder' },
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A folder name for one backup: sortable and safe on every OS. */
export function backupFolderName(now: Date): string {
  return `evidence-backup-${now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[:]/g, '-')}`;
}

export function createAppHost(core: CoreCaller, adapter: HostAdapter, files: FileRefs, now: () => Date = () => new Date()): AppHost {
  const rewrite = (name: string, input: unknown): unknown => {
    const rule = PATH_INPUTS[name];
    if (!rule || !isRecord(input)) return input;
    const out = { ...input };
    if (rule.from === 'fileRef') out[rule.field] = files.resolve(input[rule.field]);
    else if (rule.from === 'exportFolder') out[rule.field] = adapter.info().exportFolder;
    else out[rule.field] = join(adapter.info().backupFolder, backupFolderName(now()));
    return out;
  };

  const exportPath = async (bundleId: string): Promise<string> => {
    const list = await core.callUntyped('export.list', {});
    if (!list.ok) throw new AppError(list.error.code, list.error.message);
    const found = (list.value as { id: string; path: string }[]).find((b) => b.id === bundleId);
    if (!found) throw new AppError('NOT_FOUND', `No exported bundle "${bundleId}".`);
    return found.path;
  };

  const hostCall = async (name: HostProcedureName, raw: unknown): Promise<unknown> => {
    const parsed = hostContract[name].input.safeParse(raw ?? {});
    if (!parsed.success) throw new AppError('BAD_INPUT', formatZodError(parsed.error));
    const input = parsed.data as Record<string, unknown>;
    switch (name) {
      case 'host.info':
        return adapter.info();
      case 'host.upload':
        return files.save(input.name as string, input.bytes as Uint8Array);
      case 'host.chooseFolder':
        if (!adapter.chooseFolder)
          throw new AppError('UNSUPPORTED', 'Choosing a folder needs the desktop app; in web mode the folders are set when the server starts.');
        return { folder: await adapter.chooseFolder(input.purpose as 'export' | 'backup') };
      case 'host.showBundle': {
        if (!adapter.showItem) throw new AppError('UNSUPPORTED', 'Showing a file needs the desktop app; in web mode, download the bundle instead.');
        await adapter.showItem(await exportPath(input.bundleId as string));
        return { shown: true };
      }
      case 'host.openExternal':
        if (!adapter.openExternal) throw new AppError('UNSUPPORTED', 'This host cannot open links.');
        await adapter.openExternal(input.url as string);
        return { opened: true };
    }
  };

  return {
    files,
    async call(name, input, opts = {}) {
      try {
        if (isHostProcedureName(name)) return { ok: true, value: await hostCall(name, input) };
        if (!isProcedureName(name)) throw new AppError('BAD_INPUT', `Unknown procedure "${name}".`);
        return await core.callUntyped(name, rewrite(name, input), opts);
      } catch (err) {
        return { ok: false, error: toErrorBody(err) };
      }
    },
  };
}
