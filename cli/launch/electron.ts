import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Electron binary, if it is on this machine or can be fetched now. The `electron` package has no install
 * script: its binary is downloaded from GitHub on first use, which fails where only the npm registry is reachable
 * (then we fall back to web mode and say why, in one line).
 */
export type ElectronLookup = { ok: true; binary: string } | { ok: false; why: string };

function packageDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function installed(dir: string): string | null {
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

export function findElectron(opts: { fetch: boolean; timeoutMs?: number; packageDir?: string }): ElectronLookup {
  const dir = opts.packageDir ?? packageDir();
  if (!dir) return { ok: false, why: 'the electron package is not installed (npm install --omit=dev?)' };
  const present = installed(dir);
  if (present) return { ok: true, binary: present };
  if (!opts.fetch) return { ok: false, why: 'the Electron binary is not on this machine' };
  // Its own installer, as `require('electron')` would run it, but bounded and quiet.
  const r = spawnSync(process.execPath, [join(dir, 'install.js')], { encoding: 'utf8', timeout: opts.timeoutMs ?? 180_000 });
  const fetched = installed(dir);
  if (fetched) return { ok: true, binary: fetched };
  const reason = r.error?.message ?? (`${r.stderr ?? ''}`.split('\n').find((l) => /error|failed/i.test(l)) || `installer exited ${r.status}`);
  return { ok: false, why: `the Electron binary could not be downloaded from GitHub (${reason.trim().slice(0, 120)})` };
}

/** Linux without a display server cannot show a window at all. */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  return platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export function launchElectron(binary: string, mainScript: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    // ELECTRON_RUN_AS_NODE left over in the shell would start a Node REPL instead of the window.
    const { ELECTRON_RUN_AS_NODE: _drop, ...clean } = env;
    const child = spawn(binary, [mainScript], { stdio: 'inherit', env: clean });
    child.on('exit', (code) => resolve(code ?? 0));
    child.on('error', () => resolve(1));
  });
}
