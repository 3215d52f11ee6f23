import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, alias, createVersion, stage } from '../fixtures/mlflow/rest';
import { tempDir } from '../helpers/temp-store';
import { unzipTo, zipDir } from '../integration/bundle-helpers';
import { ensureRenderer, launchChromium, openApp, type AppSession } from './harness';

const { server } = inject('mlflow3');
// A model private to this file: the seeded server is shared, and only this model changes between collections.
const MODEL = 'e2e-model';
const WRONG = 'definitely-not-the-password';
const tmp = tempDir('el-e2e-mlflow-');
const home = join(tmp.dir, 'home');
let browser: Browser;
let app: AppSession;

beforeAll(async () => {
  await api(server, 'POST', '2.0/mlflow/registered-models/create', { name: MODEL });
  for (let i = 0; i < 2; i++) await createVersion(server, MODEL);
  await stage(server, MODEL, '1', 'Staging');
  await alias(server, MODEL, 'live', '1');
  await ensureRenderer();
  browser = await launchChromium();
  app = await openApp(browser, { home, prefix: 'mlflow', env: {} });
  const init = await app.web.core.call('store.init', {});
  expect(init.ok).toBe(true);
  await app.page.reload();
  await app.page.waitForSelector('[data-app-state="loaded"]');
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  tmp.cleanup();
});

/** Every file of the store except the credentials folder, where the app keeps typed secrets by design. */
function storeFilesContain(needle: string): string[] {
  return readdirSync(home)
    .filter((f) => !f.startsWith('keys'))
    .map((f) => join(home, f))
    .filter((f) => existsSync(f) && readFileSync(f).includes(Buffer.from(needle)));
}

async function fillSource(password: string) {
  const { page } = app;
  await page.getByLabel('Name', { exact: true }).fill('prod');
  await page.getByLabel('Server URL').fill(server.url);
  await page.getByLabel('Username (optional)').fill(server.admin.username);
  await page.getByRole('group', { name: 'Password: how it is provided' }).getByRole('button', { name: 'Enter it here' }).click();
  await page.locator('input[type=password]').fill(password);
}

describe('the app in Chromium, web mode, against the real MLflow 3.x server', () => {
  it('a wrong password shows a clear error and stores nothing', async () => {
    const { page } = app;
    await app.go('Sources');
    await page.getByRole('button', { name: 'Add source' }).click();
    await fillSource(WRONG);
    await page.getByRole('button', { name: 'Save source' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect.poll(() => alert.textContent()).toMatch(/Not saved: .*(401|refused|credentials|Unauthorized)/i);
    await app.shot('sources-wrong-password');
    const sources = await app.web.core.call('source.list', {});
    expect(sources.ok && sources.value).toEqual([]);
    expect(existsSync(join(home, 'keys', 'credentials'))).toBe(false);
    expect(storeFilesContain(WRONG)).toEqual([]);
  });

  it('tests the connection (server version and identity) and saves the source', async () => {
    const { page } = app;
    await page.locator('input[type=password]').fill(server.admin.password);
    await page.getByRole('button', { name: 'Test connection' }).click();
    const result = page.getByTestId('test-result');
    await result.waitFor();
    await expect.poll(() => result.textContent()).toMatch(/Connection works.*server \d+\.\d+/);
    await app.shot('sources-tested');
    await page.getByRole('button', { name: 'Save source' }).click();
    await page.getByTestId('source-row-prod').waitFor();
    await expect.poll(() => page.getByTestId('source-row-prod').textContent()).toMatch(/password: configured/);
    await app.shot('sources');
    // The password is kept by the host (mode 0600 file), never in the store, its WAL or its log.
    expect(storeFilesContain(server.admin.password)).toEqual([]);
  });

  it('collects with visible progress, per source and kind', async () => {
    const { page } = app;
    await app.go('Collect');
    await page.getByRole('button', { name: 'Collect now' }).click();
    // A row per kind appears while the run is still going (the button says "Collecting…").
    await page.getByTestId('collect-progress').locator('tbody tr td.mono').first().waitFor();
    await app.shot('collect-running');
    await page.getByTestId('collect-result').waitFor({ timeout: 120_000 });
    const progress = await page.getByTestId('collect-progress').textContent();
    for (const kind of ['mlflow.registry', 'mlflow.access', 'mlflow.lineage', 'mlflow.retention']) expect(progress).toContain(kind);
    await expect.poll(() => page.getByTestId('run-history').textContent()).toMatch(/Complete|Partial/);
    await app.shot('collect');
  });

  it('shows the stage change and the alias move on Changes, citing both snapshots', async () => {
    await stage(server, MODEL, '1', 'Production');
    await alias(server, MODEL, 'live', '2');
    const { page } = app;
    await page.getByRole('button', { name: 'Collect now' }).click();
    await page.getByText('Collecting…').waitFor();
    await page.getByRole('button', { name: 'Collect now' }).waitFor({ timeout: 120_000 });
    await app.go('Changes');
    const registry = page.getByTestId('changes-mlflow.registry');
    await registry.waitFor();
    const text = (await registry.textContent()) ?? '';
    expect(text).toMatch(new RegExp(`Stage change.*model ${MODEL} v1.*Staging.*Production`));
    expect(text).toMatch(new RegExp(`Alias moved.*model ${MODEL}.*alias live.*1.*2`));
    const cites = (await page.getByTestId('diff-cites').first().textContent()) ?? '';
    expect(cites).toMatch(/Snapshot #\d+ .*SHA-256 [0-9a-f]{12}.*→ snapshot #\d+ .*SHA-256 [0-9a-f]{12}/);
    await app.shot('changes');
  });

  let zip = '';
  let fingerprint = '';

  it('exports CC8.1 and downloads the bundle', async () => {
    const { page } = app;
    await app.go('Export');
    await page.getByLabel('Criterion').selectOption('CC8.1');
    await page.getByLabel('Organisation (on the report)').fill('E2E Test Org');
    await page.getByRole('button', { name: 'Export bundle' }).click();
    await page.getByTestId('export-result').waitFor({ timeout: 120_000 });
    await app.shot('export');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-result').getByRole('link', { name: 'Download ZIP' }).first().click(),
    ]);
    zip = join(tmp.dir, 'cc81.zip');
    await download.saveAs(zip);
    expect(readFileSync(zip).subarray(0, 2).toString()).toBe('PK');
    await page.getByTestId('past-bundles').waitFor();
    const key = await app.web.core.call('key.show', {});
    if (!key.ok) throw new Error(key.error.message);
    fingerprint = key.value.active.fingerprint;
  });

  it('verifies that bundle as valid, with the fingerprint received out of band', async () => {
    const { page } = app;
    await app.go('Verify a bundle');
    await page.getByTestId('verify-drop').locator('input[type=file]').setInputFiles(zip);
    await page.getByLabel('Expected key fingerprint').fill(fingerprint);
    await page.getByRole('button', { name: 'Verify bundle' }).click();
    const result = page.getByTestId('verify-result');
    await result.waitFor();
    expect(await result.getAttribute('data-valid')).toBe('true');
    expect(await result.textContent()).toContain('Matches the expected fingerprint');
    await app.shot('verify-valid');
  });

  it('verifies a tampered copy as invalid, naming the file', async () => {
    const dir = unzipTo(zip, join(tmp.dir, 'tampered'));
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { items: { evidence: string }[] };
    const victim = manifest.items[0]!.evidence;
    const bytes = readFileSync(join(dir, victim));
    bytes[5] = bytes[5]! ^ 0x01;
    writeFileSync(join(dir, victim), bytes);
    const bad = join(tmp.dir, 'cc81-tampered.zip');
    zipDir(dir, bad);
    const { page } = app;
    await page.getByTestId('verify-drop').locator('input[type=file]').setInputFiles(bad);
    await page.getByRole('button', { name: 'Verify bundle' }).click();
    const result = page.getByTestId('verify-result');
    await expect.poll(() => result.getAttribute('data-valid')).toBe('false');
    expect(await page.getByTestId('verify-problems').textContent()).toContain(victim);
    await app.shot('verify-tampered');
    copyFileSync(bad, join(tmp.dir, 'kept.zip'));
  });

  it('saw no console errors and no CSP violations on the way', () => {
    expect(app.problems).toEqual([]);
  });
});
