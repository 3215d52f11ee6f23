import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, createVersion, stage } from '../fixtures/mlflow/rest';
import { tempDir } from '../helpers/temp-store';
import { ensureRenderer, launchChromium, openApp, type AppSession } from './harness';

const { server } = inject('mlflow3');
// A model private to this file: the seeded server is shared; only this model is promoted between collections.
const MODEL = 'e2e-period-model';
const PERIOD = 'FY27 Type 2';
const DAY = 86_400_000;
const tmp = tempDir('el-e2e-period-');
// The core's clock moves in jumps: no sleeping for two weeks.
const T0 = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate(), 9));
let now = T0;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
let browser: Browser;
let app: AppSession;

/**
 * Moves the core's clock, then brings the window back into focus, which makes the app check its schedules at once
 * (as its one-minute timer would): the app runs what is due on its own, nobody clicks "Collect now".
 */
async function advanceTo(t: Date, expectRuns: number) {
  now = t;
  await app.page.evaluate(() => (globalThis as unknown as { dispatchEvent(e: Event): boolean }).dispatchEvent(new Event('focus')));
  await expect
    .poll(
      async () => {
        const runs = await app.web.core.call('runs.list', { source: 'prod' });
        return runs.ok ? runs.value.rows.filter((r) => r.status !== 'running').length : -1;
      },
      { timeout: 120_000, interval: 500 },
    )
    .toBe(expectRuns);
}

/** A screenshot of the screen as a person sees it on arrival: scrolled to the top, no toast over it. */
async function shot(name: string) {
  await app.page.locator('.toast').waitFor({ state: 'detached' });
  await app.page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
  await app.shot(name);
}

async function cc81() {
  const r = await app.web.core.call('readiness.get', { period: PERIOD });
  if (!r.ok) throw new Error(r.error.message);
  return {
    criterion: r.value.criteria.find((c) => c.id === 'CC8.1')!,
    source: r.value.sources.find((s) => s.source === 'prod')!,
    stale: r.value.sources.find((s) => s.source === 'stale-creds')!,
    overdue: r.value.overdue,
  };
}

beforeAll(async () => {
  await api(server, 'POST', '2.0/mlflow/registered-models/create', { name: MODEL });
  await createVersion(server, MODEL);
  await stage(server, MODEL, '1', 'Staging');
  await ensureRenderer();
  browser = await launchChromium();
  app = await openApp(browser, {
    home: join(tmp.dir, 'home'),
    prefix: 'period',
    env: { E2E_MLFLOW_PASSWORD: server.admin.password, E2E_WRONG_PASSWORD: 'not-the-password' },
    clock: () => now,
  });
  expect((await app.web.core.call('store.init', {})).ok).toBe(true);
  const added = await app.web.core.call('source.add', {
    type: 'mlflow',
    name: 'prod',
    config: { url: server.url, username: server.admin.username, passwordEnv: 'E2E_MLFLOW_PASSWORD' },
  });
  expect(added.ok).toBe(true);
  await app.page.reload();
  await app.page.waitForSelector('[data-app-state="loaded"]');
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  tmp.cleanup();
});

describe('an audit period in Chromium (web mode, real MLflow 3.x): schedule, a two-week gap, the map, readiness, the timeline', () => {
  it('defines a Type 2 period, which becomes the active one', async () => {
    const { page } = app;
    await app.go('Audit periods');
    await page.getByRole('button', { name: 'New period' }).click();
    await page.getByLabel('Name').fill(PERIOD);
    await page.getByLabel('First day (UTC)').fill(day(T0.getTime() - 7 * DAY));
    await page.getByLabel('Last day (UTC, inclusive)').fill(day(T0.getTime() + 12 * 7 * DAY - 8 * DAY));
    await page.getByRole('button', { name: 'Create period' }).click();
    await page.getByTestId(`period-row-${PERIOD}`).waitFor();
    await expect.poll(() => page.getByTestId('period-picker').inputValue()).toBe(PERIOD);
  });

  it('sets a daily schedule on the Sources screen; the app collects on its own when due', async () => {
    const { page } = app;
    await app.go('Sources');
    await page.getByLabel('How often to collect prod').selectOption('daily');
    await expect
      .poll(async () => {
        const s = await app.web.core.call('schedule.list', {});
        return s.ok ? s.value.find((x) => x.source === 'prod')?.cadence : null;
      })
      .toBe('daily');
    await advanceTo(new Date(T0.getTime() + 60_000), 1);
  });

  it('after a two-week gap (the promotion made on the server meanwhile), the next collection records the missed days', async () => {
    await stage(server, MODEL, '1', 'Production');
    await advanceTo(new Date(T0.getTime() + 14 * DAY), 2);
    const { criterion, source } = await cc81();
    expect(source.missed.length).toBe(13);
    expect(criterion.status).toBe('at_risk');
    expect(criterion.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['gap', 'missed_runs']));
  });

  it('the heat map shows the gap as missed runs; hover and keyboard focus show what is behind a cell', async () => {
    const { page } = app;
    await app.go('Coverage map');
    const row = page.getByTestId('heat-row-CC8.1');
    await row.waitFor();
    const states = await row.locator('.heat-cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-state')));
    expect(states).toContain('missed');
    expect(states).toContain('complete');
    const missed = row.locator('.heat-cell[data-state="missed"]').first();
    await missed.hover();
    await expect.poll(() => page.getByTestId('cell-detail').textContent()).toMatch(/CC8\.1 · week .*Missed run.*Missed runs \(\d+\): due/s);
    // Keyboard: the grid is one tab stop, arrows move, focus shows the detail.
    await missed.focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.locator('.heat-cell:focus').count()).toBe(1);
    expect(await page.getByTestId('cell-detail').textContent()).toMatch(/CC8\.1 · (week|baseline)/);
    await shot('heatmap');
    // One row per series: the registry series of prod has the same missed week.
    await page.getByTestId('per-series').check();
    const series = page.getByTestId('heat-row-CC8.1 mlflow.registry · prod');
    await series.waitFor();
    expect(await series.locator('.heat-cell[data-state="missed"]').count()).toBeGreaterThan(0);
    await shot('heatmap-series');
    await page.getByTestId('per-series').uncheck();
  });

  it('Overview marks CC8.1 at risk and names the gap and the missed runs', async () => {
    const { page } = app;
    await app.go('Overview');
    const row = page.getByTestId('readiness-CC8.1');
    await row.waitFor();
    await expect.poll(() => row.getAttribute('data-status')).toBe('at_risk');
    expect(await row.textContent()).toMatch(/At risk.*13 missed runs/);
    await shot('overview-at-risk');
    await row.getByRole('button', { name: 'Items, runs, gaps' }).click();
    await expect.poll(() => page.getByTestId('readiness-detail-CC8.1').textContent()).toMatch(/Missed runs \(13\)/);
    expect(await page.getByTestId('source-health-prod').textContent()).toMatch(/13 missed/);
    await app.shot('overview-cc81-detail');
  });

  it('a third collection closes the gap going forward: fresh again, nothing re-recorded, the past gap still shown', async () => {
    await advanceTo(new Date(T0.getTime() + 15 * DAY), 3);
    const { criterion, source } = await cc81();
    expect(source.freshness).toBe('fresh');
    expect(source.missed.length).toBe(13);
    expect(source.consecutiveFailures).toBe(0);
    expect(criterion.reasons.map((r) => r.code)).not.toContain('latest_run_failed');
    const map = await app.web.core.call('coverage.map', { period: PERIOD });
    if (!map.ok) throw new Error(map.error.message);
    const cells = map.value.criteria.find((c) => c.criterion === 'CC8.1')!.cells;
    const thisWeek = map.value.weeks.findIndex((w) => w.from <= day(now.getTime()) && day(now.getTime()) <= w.to);
    expect(cells[thisWeek]!.state).toBe('complete');
    expect(cells.some((c) => c.state === 'missed')).toBe(true);
    const { page } = app;
    await app.go('Overview');
    await expect.poll(() => page.getByTestId('source-health-prod').getAttribute('data-freshness')).toBe('fresh');
    await shot('overview');
  });

  it('the timeline shows the promotion made on the server between the collections, linked to the diff and both snapshots', async () => {
    const { page } = app;
    await app.go('Timeline');
    const promotion = page.locator(`[data-testid="timeline-entry"][data-kind="promotion"]`, { hasText: MODEL });
    await promotion.first().waitFor();
    expect(await promotion.first().textContent()).toMatch(/Staging.*Production/);
    expect(await promotion.first().getByRole('link').count()).toBe(3);
    await page.getByLabel('Kind of change').selectOption('promotion');
    await expect
      .poll(async () =>
        (await page.getByTestId('timeline-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).every((k) => k === 'promotion'),
      )
      .toBe(true);
    await page.getByLabel('Kind of change').selectOption('');
    await shot('timeline');
  });

  it('a source whose password stopped working: "credentials rejected" (not "failed"), overdue, in a banner on opening', async () => {
    // The same server with a password that no longer works, added now so the scenario above stays about prod.
    const stale = await app.web.core.call('source.add', {
      type: 'mlflow',
      name: 'stale-creds',
      config: { url: server.url, username: server.admin.username, passwordEnv: 'E2E_WRONG_PASSWORD' },
    });
    expect(stale.ok).toBe(true);
    await advanceTo(new Date(T0.getTime() + 16 * DAY), 4);
    await expect.poll(async () => (await cc81()).stale?.status, { timeout: 60_000 }).toBe('credentials_rejected');
    await advanceTo(new Date(T0.getTime() + 24 * DAY), 5);
    await expect.poll(async () => (await cc81()).stale?.consecutiveFailures, { timeout: 60_000 }).toBe(2);
    const { stale: s, overdue } = await cc81();
    expect(s).toMatchObject({ status: 'credentials_rejected', lastFailure: { status: 'credentials_rejected' }, lastSuccess: null });
    expect(overdue).toContain('stale-creds');
    const { page } = app;
    // Opening the app afresh (no screen in the address) lands on Overview, overdue sources first.
    await page.goto(new URL('/', page.url()).href);
    await page.waitForSelector('[data-app-state="loaded"]');
    await page.getByTestId('overdue-banner').waitFor();
    expect(await page.getByTestId('overdue-banner').textContent()).toMatch(/stale-creds/);
    expect(await page.getByTestId('source-health-stale-creds').textContent()).toMatch(/Overdue.*Credentials rejected/);
    await shot('overview-overdue');
  });

  it('saw no console errors and no CSP violations on the way', () => {
    expect(app.problems).toEqual([]);
  });
});
