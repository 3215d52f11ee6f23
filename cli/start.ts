import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createCore } from '../core/api';
import { seedDemo } from './demo';
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
  if (!process.env.EVIDENCE_HOME) {
    const core = createCore({ home });
    await seedDemo(core, out);
    core.close();
  }
  out('');
  const status = await main(['--home', home, 'status']);
  const cli = `npm run -s cli -- --home ${home}`;
  const today = new Date().toISOString().slice(0, 10);
  out(
    [
      '',
      'Try:',
      `  ${cli} diff --source demo-mlflow --kind mlflow.registry     # what changed between the two snapshots`,
      `  ${cli} export --criterion CC8.1 --from ${today} --to ${today} --out ./bundles --org Demo`,
      `  ${cli} verify ./bundles/<bundle>.zip                         # or follow README.txt inside it with openssl`,
      '  npm run cli -- --help                                        # every command',
    ].join('\n'),
  );
  return status;
}
