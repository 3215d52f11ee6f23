import { z } from 'zod';
import { spec } from './define';

/**
 * What the app's two hosts (Electron main, the web-mode server) add to the core contract: facts about the host,
 * files handed over by the user, folders and the OS shell. The renderer calls them through the same transport as
 * core procedures; each host implements them (some only make sense on the desktop and say so in web mode).
 *
 * File paths never come from the renderer. A file the user picks or drops is uploaded (web) or handed over as
 * bytes (desktop) and comes back as an opaque `ref`; procedures that read a file (`import.run`, `bundle.verify`)
 * take that ref. Procedures that write to a folder (`export.bundle`, `store.backup`) get the host's own folder.
 */
export interface HostInfo {
  mode: 'desktop' | 'web';
  version: string;
  platform: string;
  /** The evidence store folder. */
  dataFolder: string;
  /** Where bundles are written (and, in web mode, offered for download from). */
  exportFolder: string;
  /** Where "Back up now" writes a dated backup folder. */
  backupFolder: string;
  /** How source credentials typed into the app are kept; `available: false` means the app refuses to keep them. */
  credentials: { available: boolean; kind: 'keychain' | 'file' | 'none'; description: string };
  /** How the signing key is kept. */
  signingKey: string;
}

export interface FileRefView {
  ref: string;
  name: string;
  bytes: number;
}

/** An uploaded or dropped file, named by the host; never a path. */
/** The largest file a host accepts from the user (a bundle to verify, an export to import). */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

export const FILE_REF = /^upload:[A-Za-z0-9_-]{16,64}$/;
export const fileRef = z.string().regex(FILE_REF, 'must be a file handed over through the app (upload or drop), not a path');

export const hostContract = {
  'host.info': spec<HostInfo>()('Which host this is, its folders and how it keeps secrets.', z.object({}).strict()),
  'host.upload': spec<FileRefView>()(
    'Hand a file the user picked or dropped to the host (desktop: bytes over IPC; web mode uses POST /upload).',
    z
      .object({
        name: z.string().min(1).max(255),
        bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_UPLOAD_BYTES, 'files over 1 GiB are not accepted'),
      })
      .strict(),
  ),
  'host.chooseFolder': spec<{ folder: string | null }>()(
    'Choose the export or backup folder with the native dialog (desktop only).',
    z.object({ purpose: z.enum(['export', 'backup']) }).strict(),
  ),
  'host.showBundle': spec<{ shown: boolean }>()(
    'Show an exported bundle in the OS file manager (desktop only; web mode downloads it instead).',
    z.object({ bundleId: z.string().min(1).max(200) }).strict(),
  ),
  'host.openExternal': spec<{ opened: boolean }>()(
    'Open an https link in the OS browser.',
    z.object({ url: z.url({ protocol: /^https$/ }) }).strict(),
  ),
};

export type HostContract = typeof hostContract;
export type HostProcedureName = keyof HostContract;

export function isHostProcedureName(name: string): name is HostProcedureName {
  return Object.hasOwn(hostContract, name);
}
