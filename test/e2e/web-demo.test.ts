import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../cli/demo';
import { DEMO_PERIOD } from '../../cli/demo-history';
import { seedWandbDemo } from '../../cli/demo-wandb';
import { tempDir } from '../helpers/temp-store';
import { ensureRenderer, launchChromium, openApp, type AppSession } from './harness';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'mlflow-import', name);

/** The demo workspace `npm start` opens on, walked screen by screen in light and dark, with the keyboard too. */
describe.each(['light', 'dark'] as const)('the demo workspace in Chromium (%s)', (scheme) => {
  const tmp = tempDir(`el-e2e-demo-${scheme}-`);
  let browser: Browser;
  let app: AppSession;
  const shot = (name: string) => app.shot(name);

  beforeAll(async () => {
    await ensureRenderer();
    browser = await launchChromium();
    app = await openApp(browser, { home: join(tmp.dir, 'home'), prefix: `demo-${scheme}`, colorScheme: scheme });
    await app.web.core.call('store.init', {});
    // What `npm start` loads into .demo-workspace (cli/start.ts).
    expect(await seedDemo(app.web.core, () => undefined)).toBe(true);
    await seedWandbDemo(app.web.core);
    await app.page.reload();
    await app.page.waitForSelector('[data-app-state="loaded"]');
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
    tmp.cleanup();
  });

  it('Overview: the demo banner and readiness of the demo period', async () => {
    const { page } = app;
    await page.getByTestId('demo-banner').waitFor();
    await page.getByTestId('criteria-coverage').waitFor();
    expect(await page.getByTestId('criteria-coverage').textContent()).toMatch(/CC8\.1.*Change management/);
    expect(await page.getByTestId('period-picker').inputValue()).toBe(DEMO_PERIOD);
    await shot('overview');
    // The human half counts: the register judges CC9.2, last year's red-team report (expired) is a named reason.
    const vendors = page.getByTestId('readiness-CC9.2');
    expect(await vendors.getAttribute('data-status')).toMatch(/^(covered|at_risk)$/);
    await page.getByTestId('readiness-CC4.1').getByRole('button', { name: 'Items, runs, gaps' }).click();
    expect(await page.getByTestId('readiness-detail-CC4.1').textContent()).toMatch(/red-team-report-2025\.pdf.*expired on/);
    await vendors.scrollIntoViewIfNeeded();
    await shot('overview-vendors');
    await page.getByTestId('readiness-CC4.1').getByRole('button', { name: 'Hide' }).click();
    await page.evaluate('window.scrollTo(0, 0)');
  });

  it('Coverage map and timeline of the demo window: the missed week, the partial week, the promotion and the leaver', async () => {
    const { page } = app;
    await app.go('Coverage map');
    const row = page.getByTestId('heat-row-CC8.1');
    await row.waitFor();
    const states = await row.locator('.heat-cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-state')));
    expect(states.filter((x) => x === 'complete').length).toBeGreaterThanOrEqual(10);
    expect(states).toContain('none');
    expect(await page.getByTestId('heat-row-C1.1').locator('.heat-cell[data-state="partial"]').count()).toBeGreaterThan(0);
    await shot('coverage');
    await app.go('Timeline');
    const timeline = page.getByTestId('timeline');
    await timeline.waitFor();
    expect(await timeline.textContent()).toMatch(/fraud-detector/);
    expect(await page.locator('[data-testid="timeline-entry"][data-kind="promotion"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="timeline-entry"][data-kind="leaver"]', { hasText: 'bob' }).count()).toBeGreaterThan(0);
    await shot('timeline');
  });

  it('Evidence: the table narrowed to the period, filters, and the item view with every tab; keyboard works', async () => {
    const { page } = app;
    await app.go('Evidence');
    // Counted through the same procedures, so the walk holds whatever demo families `seedDemo` loads.
    const count = async (filter: Parameters<typeof app.web.core.call<'items.list'>>[1]) => {
      const r = await app.web.core.call('items.list', { ...filter, limit: 1 });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.total;
    };
    const inPeriod = { period: DEMO_PERIOD, onlyPeriod: true };
    const total = await count({});
    await expect.poll(() => page.getByTestId('evidence-count').textContent()).toBe(`${await count(inPeriod)} items of ${total}`);
    await shot('evidence');
    await page.getByLabel('Criterion').selectOption('CC6.2');
    await expect
      .poll(() => page.getByTestId('evidence-count').textContent())
      .toBe(`${await count({ ...inPeriod, criterion: 'CC6.2' })} items of ${total}`);
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('Kind').selectOption('mlflow.registry');
    // Eleven weekly registry snapshots in the window: twelve weeks, one missed.
    await expect.poll(() => page.getByTestId('evidence-count').textContent()).toBe(`11 items of ${total}`);
    // Everything, with what lies outside the period marked as such (never mixed in silently).
    await page.getByTestId('only-period').uncheck();
    await expect.poll(() => page.getByTestId('evidence-count').textContent()).toBe(`${await count({ kind: 'mlflow.registry' })} items of ${total}`);
    await page.getByText('Outside period', { exact: false }).first().waitFor();
    await page.getByTestId('only-period').check();
    // Keyboard: focus the rows, move down twice, open with Enter.
    await page.getByLabel('Evidence rows: arrow keys move, Enter opens').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const drawer = page.getByTestId('item-drawer');
    await drawer.waitFor();
    await expect.poll(() => drawer.getByRole('heading', { level: 2 }).textContent()).toMatch(/Item #13 · mlflow\.registry/);
    await page.getByTestId('content-table').first().waitFor();
    expect(await page.getByTestId('content-table').first().textContent()).toMatch(/fraud-detector.*Production/);
    await shot('item-content');
    await page.getByRole('tab', { name: 'Canonical JSON' }).click();
    expect(await page.getByTestId('canonical-json').textContent()).toContain('"models"');
    await shot('item-json');
    await page.getByRole('tab', { name: 'How it was produced (IPE)' }).click();
    expect(await page.getByTestId('ipe').textContent()).toMatch(/admin_export.*mlflow-model-versions\.json/s);
    await shot('item-ipe');
    await page.getByRole('tab', { name: 'Integrity' }).click();
    expect(await page.getByTestId('integrity').textContent()).toMatch(/Log entry #\d+ records this item.*Covered by the signed checkpoint/s);
    await shot('item-integrity');
    // Modal: Tab stays in the item view; Escape closes it and gives focus back to the rows.
    for (let i = 0; i < 8; i++) await page.keyboard.press('Tab');
    expect(await drawer.evaluate((d) => d.contains(d.ownerDocument.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } } }).document.activeElement.getAttribute(
          'aria-label',
        ),
      ),
    ).toBe('Evidence rows: arrow keys move, Enter opens');
  });

  it('Changes: the last two snapshots of each series, each citing both snapshots', async () => {
    const { page } = app;
    await app.go('Changes');
    const iam = page.getByTestId('changes-gcp.iam');
    await iam.waitFor();
    expect(await iam.textContent()).toMatch(/Joiner|Role/);
    await page.getByTestId('diff-cites').first().waitFor();
    await shot('changes');
  });

  it('Sources: the imported source, and importing another admin export', async () => {
    const { page } = app;
    await app.go('Sources');
    await page.getByTestId('source-row-demo-mlflow').waitFor();
    await page.getByTestId('import-drop').locator('input[type=file]').setInputFiles(fixture('model-versions-search.json'));
    await page.getByLabel('Record under source (optional)').fill('air-gapped');
    await page.getByRole('button', { name: 'Import file' }).click();
    await page.getByText(/Recorded item #\d+ \(mlflow\.registry\) under air-gapped/).waitFor();
    await page.getByTestId('source-row-air-gapped').waitFor();
    await shot('sources');
  });

  it('Add source form is generated from the MLflow and AWS config schemas', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Add source' }).click();
    await page.getByLabel('Server URL').waitFor();
    await shot('sources-add-mlflow');
    await page.getByLabel('Type', { exact: true }).selectOption('aws');
    await page.getByLabel('AWS profile (optional)').waitFor();
    await page.getByRole('button', { name: /Advanced settings/ }).click();
    await page.getByRole('group', { name: 'Evidence to collect' }).waitFor();
    await shot('sources-add-aws');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('Collect: nothing live to collect from, said plainly', async () => {
    const { page } = app;
    await app.go('Collect');
    await page.getByText('Nothing to collect from').waitFor();
    await shot('collect');
  });

  it('Export: all criteria with evidence, then the past bundles with their chain', async () => {
    const { page } = app;
    await app.go('Export');
    await page.getByLabel('Criterion').selectOption('*');
    await page.getByRole('button', { name: 'Export bundle' }).click();
    await page.getByTestId('export-result').waitFor({ timeout: 120_000 });
    await page.getByLabel('Criterion').selectOption('CC8.1');
    await page.getByRole('button', { name: 'Export bundle' }).click();
    await page
      .getByTestId('export-result')
      .getByText(/chains to [0-9a-f]{32}/)
      .waitFor({ timeout: 120_000 });
    // The second CC8.1 bundle chains to the first, and the table says so.
    const list = await app.web.core.call('export.list', {});
    if (!list.ok) throw new Error(list.error.message);
    const [newest, ...older] = list.value;
    const previous = older.find((b) => b.criterion === 'CC8.1')!;
    expect(newest).toMatchObject({ criterion: 'CC8.1', previousBundle: previous.id, present: true });
    const firstRow = page.getByTestId('past-bundles').locator('tbody tr').first();
    await expect.poll(() => firstRow.textContent()).toContain(`${previous.id.slice(0, 16)}…`);
    await shot('export');
  });

  it('Verify: with nothing chosen, the button waits; Settings: fingerprint, store check, backup', async () => {
    const { page } = app;
    await app.go('Verify a bundle');
    expect(await page.getByRole('button', { name: 'Verify bundle' }).isDisabled()).toBe(true);
    await page.getByLabel('Expected key fingerprint').fill('not hex');
    await page.getByText('A fingerprint is 64 hex digits').waitFor();
    await shot('verify');
    await app.go('Settings');
    await page.getByTestId('key-fingerprint').waitFor();
    expect(await page.getByTestId('key-fingerprint').textContent()).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    await page.getByRole('button', { name: 'Verify store' }).click();
    await page.getByTestId('store-verify').getByText('The store verifies').waitFor();
    await page.getByRole('button', { name: 'Back up now' }).click();
    await page.getByText('Backup written and verified').waitFor({ timeout: 60_000 });
    await shot('settings');
  });

  it('saw no console errors and no CSP violations', () => {
    expect(app.problems).toEqual([]);
  });
});
