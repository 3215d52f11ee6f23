import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../core/api';
import { startWebMode } from '../server/web-mode';
import { buildDesktop, buildRenderer, desktopIsStale, mainOutput, rendererIsStale } from '../scripts/build';
import { seedDemo } from './demo';
import { seedWandbDemo } from './demo-wandb';
import { openBrowser } from './launch/browser';
import { findElectron, hasDisplay, launchElectron } from './launch/electron';
import { main } from './main';

const out = (t: string) => process.stdout.write(`${t}\n`);

/** Creates the store (and, in the default workspace, the demo evidence) so the app opens on something real. */
async function prepareWorkspace(home: string, demo: boolean): Promise<number> {
  const quiet = { out: () => undefined, err: (t: string) => process.stderr.write(`${t}\n`), status: () => undefined, isTTY: false };
  const init = await main(['--home', home, 'init'], quiet);
  if (init !== 0) return init;
  if (demo) {
    const core = createCore({ home });
    try {
      // W&B evidence is seeded beside the MLflow demo (not inside it), so tests that count the MLflow demo stay valid.
      if (await seedDemo(core, out)) out(await seedWandbDemo(core));
    } finally {
      core.close();
    }
  }
  return 0;
}

/**
 * `npm start`: the desktop window where Electron's binary is present (or can be fetched now); otherwise web mode on
 * 127.0.0.1, with one line saying why it is not the desktop window. Builds what is missing first. The default
 * workspace (.demo-workspace, unless EVIDENCE_HOME is set) is seeded with demo evidence on first start.
 */
export async function start(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      web: { type: 'boolean', default: false },
      port: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      home: { type: 'string' },
    },
    allowPositionals: false,
  });
  const home = values.home ?? process.env.EVIDENCE_HOME ?? join(process.cwd(), '.demo-workspace');
  const demo = !values.home && !process.env.EVIDENCE_HOME;
  const prepared = await prepareWorkspace(home, demo);
  if (prepared !== 0) return prepared;

  if (rendererIsStale()) {
    out('Building the app (first start, or its sources changed)…');
    await buildRenderer(true);
  }

  let why: string;
  if (values.web) why = 'web mode was asked for (--web)';
  else if (!hasDisplay()) why = 'there is no display here (no DISPLAY or WAYLAND_DISPLAY)';
  else {
    const electron = findElectron({ fetch: true });
    if (electron.ok) {
      if (desktopIsStale()) await buildDesktop(true);
      out(`Opening Evidence Locker on ${home}`);
      return launchElectron(electron.binary, mainOutput(), { ...process.env, EVIDENCE_HOME: home });
    }
    why = electron.why;
  }

  const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  const web = await startWebMode({ home, port: values.port ? Number(values.port) : undefined, version });
  out(`Web mode, not the desktop window: ${why}.`);
  out('');
  out(`  Evidence Locker is running at ${web.server.url}`);
  out('');
  out(`Workspace: ${home}. Only this computer can reach the address; it opens one browser session. Press Ctrl+C to stop.`);
  if (!values['no-open'] && openBrowser(web.server.url)) out('Opening it in your browser…');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await web.close();
  out('Stopped.');
  return 0;
}
