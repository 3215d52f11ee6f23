import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-store';
import { ensureRenderer, launchChromium, openApp, type AppSession } from './harness';

/**
 * The AI vendors and Manual evidence screens in Chromium (web mode): a SOC 2 report expiring within 30 days is
 * flagged in the register; a policy PDF is uploaded through the upload ref (never a path) with its evidence-for
 * day, owner, expiry and criteria, and an expired upload is flagged. Screenshots in test-results/screenshots/.
 */
const tmp = tempDir('el-e2e-vendors-');
const now = new Date();
const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
let browser: Browser;
let app: AppSession;

async function ok(p: Promise<{ ok: boolean; error?: { message: string } }>) {
  const r = await p;
  if (!r.ok) throw new Error(r.error!.message);
}

beforeAll(async () => {
  await ensureRenderer();
  browser = await launchChromium();
  app = await openApp(browser, { home: join(tmp.dir, 'home'), prefix: 'vendors-manual', clock: () => now });
  const core = app.web.core;
  await ok(core.call('store.init', {}));
  await ok(core.call('source.add', { type: 'wandb', name: 'wandb-cloud', config: { teams: ['acme-ml'], apiKeyEnv: 'WANDB_API_KEY' } }));
  await ok(
    core.call('vendor.add', {
      name: 'OpenAI',
      services: ['Chat Completions API', 'Embeddings'],
      dataSent: 'support tickets with customer names',
      personalData: true,
      dpa: 'signed',
      dpaSignedOn: day(-200),
      trainingUse: 'not-used',
      reports: [{ type: 'soc2-type2', issuedOn: day(-345), expiresOn: day(20) }],
      lastReviewedOn: day(-100),
      owner: 'Dana Lee',
    }),
  );
  await ok(
    core.call('vendor.add', {
      name: 'Anthropic',
      services: ['Messages API'],
      reports: [{ type: 'iso42001', issuedOn: day(-30), expiresOn: day(700) }],
      lastReviewedOn: day(-400),
      owner: 'Sam Ortiz',
    }),
  );
  const old = join(tmp.dir, 'red-team-2025.pdf');
  writeFileSync(old, '%PDF-1.4\n% red team\n%%EOF\n');
  await ok(
    core.call('manual.add', {
      file: old,
      criteria: ['CC4.1'],
      evidenceFor: day(-300),
      owner: 'Security',
      expiresOn: day(-5),
      title: 'Red-team report 2025',
    }),
  );
  await app.page.reload();
  await app.page.waitForSelector('[data-app-state="loaded"]');
});
afterAll(async () => {
  await app?.close();
  await browser?.close();
  tmp.cleanup();
});

describe('AI vendors screen', () => {
  it('flags the SOC 2 report expiring within 30 days and the overdue review, and offers the vendors the sources suggest', async () => {
    await app.go('AI vendors');
    const openai = app.page.getByTestId('vendor-row').filter({ hasText: 'OpenAI' });
    await expect.poll(() => openai.getAttribute('data-flags')).toBe('report_expiring');
    await expect.poll(() => openai.textContent()).toContain(`SOC 2 Type 2 report expires on ${day(20)} (in 20 days)`);
    const anthropic = app.page.getByTestId('vendor-row').filter({ hasText: 'Anthropic' });
    expect(await anthropic.getAttribute('data-flags')).toBe('review_overdue');
    expect(await app.page.getByTestId('vendor-due-banner').textContent()).toContain('2 vendors need attention (1 overdue)');
    expect(await app.page.getByTestId('vendor-suggestions').textContent()).toContain('Weights & Biases');
    await app.shot('vendors');
  });

  it('records a review from the form as a change (a new log entry) and clears the overdue flag', async () => {
    await app.page.getByTestId('vendor-row').filter({ hasText: 'Anthropic' }).getByRole('button', { name: 'Edit' }).click();
    await app.page.getByLabel('Last review').fill(day(0));
    await app.page.getByTestId('vendor-form').getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => app.page.getByTestId('vendor-row').filter({ hasText: 'Anthropic' }).getAttribute('data-flags')).toBe('');
    const list = await app.web.core.call('items.list', { kind: 'vendor.entry', limit: 10 });
    expect(list.ok && list.value.total).toBe(3);
  });
});

describe('Manual evidence screen', () => {
  it('uploads a policy PDF with its evidence-for day, owner, expiry and criteria; the expired report is flagged', async () => {
    await app.go('Manual evidence');
    expect(await app.page.getByTestId('manual-expiry-banner').textContent()).toContain('1 expired');
    const pdf = join(tmp.dir, 'AI Acceptable Use Policy.pdf');
    writeFileSync(pdf, '%PDF-1.4\n% AI acceptable use policy, approved 2026-03-01\n%%EOF\n');
    await app.page.getByTestId('manual-upload').locator('input[type=file]').setInputFiles(pdf);
    await app.page.getByLabel('Title').fill('AI acceptable use policy');
    await app.page.getByLabel('Criteria').fill('CC5.3, CC9.2');
    await app.page.getByLabel('Evidence for (as of)').fill(day(-30));
    await app.page.getByLabel('Owner').fill('Dana Lee');
    await app.page.getByLabel('Expires on (optional)').fill(day(10));
    await app.page.getByTestId('manual-submit').click();
    const row = app.page.getByTestId('manual-row').filter({ hasText: 'AI acceptable use policy' });
    await row.waitFor();
    expect(await row.getAttribute('data-expiry')).toBe('expiring');
    expect(await row.textContent()).toContain('CC5.3');
    const expired = app.page.getByTestId('manual-row').filter({ hasText: 'Red-team report 2025' });
    expect(await expired.getAttribute('data-expiry')).toBe('expired');
    const list = await app.web.core.call('manual.list', { criterion: 'CC9.2' });
    expect(list.ok && list.value.map((m) => [m.fileName, m.evidenceFor, m.owner])).toEqual([['AI Acceptable Use Policy.pdf', day(-30), 'Dana Lee']]);
    await app.page.getByTestId('manual-table').scrollIntoViewIfNeeded();
    await app.shot('manual');
  });

  it('refuses an unknown criterion in the form before uploading anything', async () => {
    await app.page.getByLabel('Criteria').fill('CC9.9x');
    expect(await app.page.getByText('Not a criterion: CC9.9X').count()).toBe(1);
  });

  it('offers CC9.2 and the criteria manual files are attached to on the Export screen', async () => {
    await app.go('Export');
    // The options come from items.facets, answered after the screen shows: wait for them instead of reading once.
    await app.page.locator('#ex-criterion option', { hasText: 'CC9.2' }).first().waitFor({ state: 'attached' });
    const options = await app.page.locator('#ex-criterion option').allTextContents();
    expect(options.some((o) => o.startsWith('CC9.2'))).toBe(true);
    expect(options.some((o) => o.startsWith('CC5.3'))).toBe(true);
    expect(options.some((o) => o.startsWith('P6.1'))).toBe(true); // OpenAI is sent personal data
  });

  it('lists the vendor and manual items on the Evidence screen like any other item, with no console errors', async () => {
    await app.go('Evidence');
    await expect.poll(() => app.page.getByText('manual.document').count()).toBeGreaterThan(0);
    expect(await app.page.getByText('vendor.entry').count()).toBeGreaterThan(0);
    await app.shot('evidence');
    expect(app.problems).toEqual([]);
  });
});
