import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-store';
import { ensureRenderer, launchChromium, openApp, type AppSession } from './harness';

const DEMO = join(import.meta.dirname, '..', '..', 'resources', 'demo');

/**
 * The Reviews screen in web mode: start from an imported MLflow access snapshot, decide by keyboard, the
 * self-review rule, CSV down and back up (a mismatching row refused with its line), close, then the follow-up after
 * the next snapshot (the role change carried out, the revocation still open).
 */
describe('access reviews in Chromium (web mode)', () => {
  const tmp = tempDir('el-e2e-reviews-');
  let browser: Browser;
  let app: AppSession;
  const importDemo = async (type: string, file: string, source: string) => {
    const r = await app.web.core.call('import.run', { type, file: join(DEMO, file), source });
    if (!r.ok) throw new Error(r.error.message);
  };
  const line = (n: number) => app.page.getByTestId(`review-line-${n}`);

  beforeAll(async () => {
    await ensureRenderer();
    browser = await launchChromium();
    app = await openApp(browser, { home: join(tmp.dir, 'home'), prefix: 'reviews' });
    await app.web.core.call('store.init', {});
    await importDemo('mlflow', 'mlflow-users-1.json', 'mlflow-prod');
    await importDemo('gcp', 'acme-ml-prod.iam-policy.json', 'gcp-prod');
    await app.page.reload();
    await app.page.waitForSelector('[data-app-state="loaded"]');
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
    tmp.cleanup();
  });

  it('starts a review from a snapshot and shows lines with tags and flags', async () => {
    const { page } = app;
    await app.go('Access reviews');
    await page.getByText('No access review yet').waitFor();
    const snaps = await app.web.core.call('review.snapshots', {});
    if (!snaps.ok) throw new Error(snaps.error.message);
    const mlflow = snaps.value.find((s) => s.kind === 'mlflow.access')!;
    await page.getByLabel('Access snapshot').selectOption(String(mlflow.seq));
    await app.shot('start');
    await page.getByRole('button', { name: 'Start review' }).click();
    await page.getByTestId('review-detail').waitFor();
    await expect.poll(() => line(1).textContent()).toMatch(/admin.*Orphaned.*Privileged/);
    expect(await line(3).textContent()).toMatch(/bob@example\.com.*new.*undecided/);
    await app.shot('lines');
  });

  it('decides with the keyboard: R revokes, C changes a role, Ctrl+Enter saves; your own access needs a reason', async () => {
    const { page } = app;
    await page.getByLabel('Reviewer', { exact: true }).fill('dana');
    await page.getByLabel(/Review lines: arrow keys move/).focus();
    await page.keyboard.press('ArrowDown'); // line 2, alice
    await page.keyboard.press('c');
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('rv-comment');
    await page.keyboard.type('read only is enough');
    await page.getByLabel('New role').fill('READ');
    await page.locator('#rv-comment').press('Control+Enter');
    await expect.poll(() => line(2).textContent()).toMatch(/Change role/);
    // Saved: focus is back on the lines, on the next undecided one (bob).
    await page.keyboard.press('r');
    await page.keyboard.type('left the company');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => line(3).textContent()).toMatch(/Revoke/);
    await app.shot('decided');
    // carol reviewing carol's own line: refused without a reason.
    await page.getByLabel('Reviewer', { exact: true }).fill('carol');
    await line(4).click();
    await page.getByRole('radio', { name: /Keep/ }).click();
    await page.getByRole('button', { name: /Save decision/ }).click();
    await page.getByText(/carol is deciding on their own access/).waitFor();
    await app.shot('own-access-refused');
    await page.getByLabel('Reason (your own access)').fill('no other admin this week');
    await page.getByRole('button', { name: /Save decision/ }).click();
    await expect.poll(() => line(4).textContent()).toMatch(/Keep/);
  });

  it('downloads the CSV, reads it back with one mismatching row refused by line number, and closes', async () => {
    const { page } = app;
    await page.getByLabel('Reviewer', { exact: true }).fill('dana');
    await page.getByRole('button', { name: 'CSV', exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-download').click()]);
    expect(download.suggestedFilename()).toBe('access-review-1.csv');
    const csvPath = join(tmp.dir, 'downloaded.csv');
    await download.saveAs(csvPath);
    const rows = parse(readFileSync(csvPath, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(4);
    rows[0]!.decision = 'keep'; // admin, undecided in the app
    const bad = { ...rows[1]!, principal: 'mallory@example.com', decision: 'revoke', comment: 'x' };
    const filled = join(tmp.dir, 'filled.csv');
    writeFileSync(filled, stringify([rows[0], bad], { header: true }));
    await page.getByTestId('csv-drop').locator('input[type=file]').setInputFiles(filled);
    await page.getByRole('button', { name: 'Read decisions' }).click();
    await expect
      .poll(() => page.getByTestId('csv-result').textContent())
      .toMatch(/1 decision\(s\) recorded.*1 row\(s\) refused.*Line 3: line 2 is mlflow-prod alice@example\.com/s);
    await app.shot('csv-imported');
    await expect.poll(() => line(1).textContent()).toMatch(/Keep/);
    await page.getByRole('button', { name: 'Close review' }).click();
    await expect.poll(() => page.getByTestId('review-stats').textContent()).toMatch(/closed/);
  });

  it('shows the follow-up after the next snapshot: the role change carried out, the revocation open', async () => {
    const { page } = app;
    expect(await page.getByTestId('review-followup').textContent()).toMatch(/Open · 0 d.*Open · 0 d/s);
    await importDemo('mlflow', 'mlflow-users-2.json', 'mlflow-prod');
    await page.reload();
    await page.waitForSelector('[data-app-state="loaded"]');
    const followUp = page.getByTestId('review-followup');
    await expect.poll(() => followUp.textContent()).toMatch(/alice@example\.com.*Carried out.*#\d+/s);
    expect(await followUp.textContent()).toMatch(/bob@example\.com.*Open · 0 d.*Still listed/s);
    await followUp.scrollIntoViewIfNeeded();
    await app.shot('follow-up');
    await app.go('Access reviews');
    await expect.poll(() => page.getByTestId('reviews-table').textContent()).toMatch(/4 \/ 4.*closed/s);
    await app.shot('list');
    expect(app.problems).toEqual([]);
  });
});
