import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDesktop, buildRenderer, desktopIsStale, mainOutput, rendererIsStale, ROOT } from '../../../scripts/build';
import { tempDir } from '../../helpers/temp-store';

/**
 * The built main process (out/main/index.js, what Electron would run) on plain Node, with `electron` resolved to a
 * recording fake (test/fixtures/electron). It catches what unit tests of the sources cannot: bundling, the ESM-only
 * electron-store, and files the bundled core finds from its own location (fonts and verify tools in an export).
 */
describe('the built Electron main process, on Node with a fake electron module', () => {
  let report: Record<string, unknown>;
  const tmp = tempDir('el-bundle-smoke-');

  beforeAll(async () => {
    if (rendererIsStale()) await buildRenderer(true);
    if (desktopIsStale()) await buildDesktop(true);
    const r = spawnSync(process.execPath, ['--import', join(ROOT, 'test/fixtures/electron/register.mjs'), mainOutput()], {
      encoding: 'utf8',
      timeout: 90_000,
      env: {
        PATH: process.env.PATH,
        FAKE_ELECTRON_DIR: tmp.dir,
        FAKE_ELECTRON_IMPORT: join(ROOT, 'test/fixtures/mlflow-import/model-versions-search.json'),
        EVIDENCE_HOME: join(tmp.dir, 'home'),
      },
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('FAKE-ELECTRON-REPORT '));
    if (!line) throw new Error(`no report; exit ${r.status}\n${r.stdout}\n${r.stderr}`);
    report = JSON.parse(line.slice('FAKE-ELECTRON-REPORT '.length)) as Record<string, unknown>;
  }, 180_000);

  it('locks, registers app:// before ready, guards the session, then serves the UI with the CSP', () => {
    expect(report.events).toEqual([
      'lock',
      'privileged:app',
      'ready',
      'permission-request-handler',
      'permission-check-handler',
      'before-request',
      'handle:app',
    ]);
    expect(report.url).toBe('app://evidence-locker/index.html');
    expect(report.page).toMatchObject({ status: 200, hasRoot: true, csp: expect.stringContaining("connect-src 'none'") });
  });

  it('opens one hardened window with the built preload', () => {
    const [win] = report.windows as { webPreferences: Record<string, unknown> }[];
    expect(report.windows).toHaveLength(1);
    expect(win!.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, devTools: false });
    expect(existsSync(String(win!.webPreferences.preload))).toBe(true);
  });

  it('answers the contract on one channel, refuses other senders, and refuses basic_text for credentials', () => {
    expect(report.channels).toEqual(['bridge:invoke']);
    expect(report.info).toMatchObject({ ok: true, value: { mode: 'desktop', dataFolder: join(tmp.dir, 'home'), credentials: { available: false } } });
    expect(report.status).toMatchObject({ ok: true, keyFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(report.forged).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('imports a handed-over file, exports a bundle with its PDF into the export folder, and verifies it', () => {
    const exported = report.exported as { imported: boolean; bundle: { path: string; pdf: string }; verified: boolean };
    expect(exported.imported).toBe(true);
    expect(exported.bundle.path.startsWith(join(tmp.dir, 'documents', 'Evidence Locker exports'))).toBe(true);
    expect(existsSync(exported.bundle.pdf)).toBe(true);
    expect(exported.verified).toBe(true);
  });
});
