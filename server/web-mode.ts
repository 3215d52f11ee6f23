import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppHost, createCore, FileCredentialStore, FileRefs, type Core, type CoreOptions, type HostInfo } from '../core/api';
import { startWebServer, type WebServer } from './index';

export const RENDERER_DIR = fileURLToPath(new URL('../out/renderer/', import.meta.url));

export interface WebModeOptions {
  home: string;
  port?: number;
  token?: string;
  exportFolder?: string;
  backupFolder?: string;
  rendererDir?: string;
  env?: NodeJS.ProcessEnv;
  version?: string;
  /** Tests inject a clock (schedules, missed runs, freshness) instead of sleeping; default the system clock. */
  clock?: CoreOptions['clock'];
}

export interface WebMode {
  server: WebServer;
  core: Core;
  info: HostInfo;
  close(): Promise<void>;
}

/**
 * Web mode's composition: one core on the store folder, source credentials in files (mode 0600) beside the signing
 * key, the exports and backups folders on this machine, and the HTTP server in front.
 */
export async function startWebMode(opts: WebModeOptions): Promise<WebMode> {
  const keys = join(opts.home, 'keys');
  const credentials = new FileCredentialStore(join(keys, 'credentials'));
  const core = createCore({ home: opts.home, credentials, env: opts.env, clock: opts.clock });
  const info: HostInfo = {
    mode: 'web',
    version: opts.version ?? '0.1.0',
    platform: process.platform,
    dataFolder: opts.home,
    exportFolder: opts.exportFolder ?? join(opts.home, 'exports'),
    backupFolder: opts.backupFolder ?? `${opts.home.replace(/[\\/]+$/, '')}-backups`,
    credentials: { available: true, kind: 'file', description: credentials.description },
    signingKey: `a key file (mode 0600) in ${keys}`,
  };
  mkdirSync(info.exportFolder, { recursive: true, mode: 0o700 });
  const files = new FileRefs();
  const host = createAppHost(core, { info: () => info }, files);
  let server: WebServer;
  try {
    server = await startWebServer({ host, rendererDir: opts.rendererDir ?? RENDERER_DIR, port: opts.port, token: opts.token });
  } catch (err) {
    core.close();
    files.close();
    throw err;
  }
  return {
    server,
    core,
    info,
    async close() {
      await server.close();
      core.close();
      files.close();
    },
  };
}
