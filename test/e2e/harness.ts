import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startWebMode, type WebMode } from '../../server/web-mode';
import { buildRenderer, rendererIsStale } from '../../scripts/build';

/** Debian's Chromium (.ci/run installs it); Playwright's own browser download is a CDN these machines cannot reach. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

/** The e2e project's global setup builds the renderer; a file run on its own config still finds it built. */
export async function ensureRenderer(): Promise<void> {
  if (rendererIsStale()) await buildRenderer(true);
}

export async function launchChromium(): Promise<Browser> {
  // launch() adds --headless and a fresh temporary profile itself (desktop-notes §10).
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

export interface AppSession {
  web: WebMode;
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
  shot(name: string): Promise<void>;
  go(screen: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Web mode on a temp store, opened in Chromium at 1280×800 through the printed address (token → cookie), with
 * every console error, page error and CSP violation recorded so tests can assert there were none.
 */
export async function openApp(
  browser: Browser,
  opts: {
    home: string;
    env?: NodeJS.ProcessEnv;
    prefix: string;
    colorScheme?: 'light' | 'dark';
    /** The core's clock (schedules, missed runs, freshness): tests move time instead of sleeping. */
    clock?: () => Date;
  },
): Promise<AppSession> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const web = await startWebMode({
    home: opts.home,
    env: opts.env ?? {},
    exportFolder: join(opts.home, '..', 'exports'),
    backupFolder: join(opts.home, '..', 'backups'),
    clock: opts.clock,
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: opts.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  await context.addInitScript({
    content:
      "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));",
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(web.server.url);
  await page.waitForSelector('[data-app-state="loaded"]');
  return {
    web,
    context,
    page,
    problems,
    async shot(name) {
      await page.screenshot({ path: join(SCREENSHOTS, `${opts.prefix}-${name}.png`) });
    },
    async go(screen) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen, exact: true }).click();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
    },
    async close() {
      await context.close();
      await web.close();
    },
  };
}
