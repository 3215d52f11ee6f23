import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { main } from './main';

/** Where Electron's binary would be if its installer could fetch it (it cannot on registry-only machines). */
function electronBinary(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const dir = join(require.resolve('electron/package.json'), '..');
    const pathFile = join(dir, 'path.txt');
    return existsSync(pathFile) ? join(dir, 'dist') : null;
  } catch {
    return null;
  }
}

export async function start(args: string[]): Promise<number> {
  const home = process.env.EVIDENCE_HOME ?? join(process.cwd(), '.demo-workspace');
  const out = (t: string) => process.stdout.write(`${t}\n`);
  out(
    electronBinary()
      ? 'Electron is installed, but the desktop window is not built yet in this version.'
      : 'No Electron binary on this machine (its installer downloads it from outside the npm registry).',
  );
  out('The desktop app and its web-mode fallback are not built yet; the CLI is fully usable today.');
  out(`Using the workspace ${home} (set EVIDENCE_HOME to choose another).\n`);
  const init = await main(['--home', home, 'init', ...args]);
  if (init !== 0) return init;
  out('');
  const status = await main(['--home', home, 'status']);
  out('\nNext: `npm run cli -- --help` lists every command (source add, collect, diff, export, verify, …).');
  return status;
}
