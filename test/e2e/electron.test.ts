import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectron } from '../../cli/launch/electron';
import { buildDesktop, desktopIsStale, mainOutput } from '../../scripts/build';
import { tempDir } from '../helpers/temp-store';
import { SCREENSHOTS } from './harness';

/**
 * The real desktop window, where an Electron binary exists (it cannot be downloaded on registry-only machines, so
 * there this file is skipped, never faked; the main process is unit-tested with fakes in test/unit/electron).
 */
const electron = findElectron({ fetch: false });

describe.skipIf(!electron.ok)('the desktop window (Electron)', () => {
  const tmp = tempDir('el-e2e-electron-');
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    if (desktopIsStale()) await buildDesktop(true);
    app = await _electron.launch({
      executablePath: (electron as { binary: string }).binary,
      args: [mainOutput()],
      env: { ...process.env, EVIDENCE_HOME: join(tmp.dir, 'home') } as Record<string, string>,
    });
    page = await app.firstWindow();
    await page.waitForSelector('[data-app-state="loaded"]');
  });
  afterAll(async () => {
    await app?.close();
    tmp.cleanup();
  });

  it('loads from app:// with no Node in the page and only the bridge exposed', async () => {
    expect(page.url()).toBe('app://evidence-locker/index.html');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys((globalThis as unknown as { bridge: object }).bridge))).toEqual(['invoke', 'on']);
  });

  it('answers the contract over IPC as the desktop host', async () => {
    const info = await page.evaluate(() =>
      (globalThis as unknown as { bridge: { invoke(n: string, i: unknown): Promise<unknown> } }).bridge.invoke('host.info', {}),
    );
    expect(info).toMatchObject({ ok: true, value: { mode: 'desktop', dataFolder: join(tmp.dir, 'home') } });
    await page.screenshot({ path: join(SCREENSHOTS, 'electron-overview.png') });
  });

  it('refuses to navigate away or open windows', async () => {
    await page.evaluate(() => ((globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/'));
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://evidence-locker/index.html');
    expect(app.windows()).toHaveLength(1);
  });
});
