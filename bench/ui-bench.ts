import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { NewItem } from '../core/evidence/ipe';
import { EvidenceStore } from '../core/store/evidence-store';
import { FileSecretStore } from '../core/sign/secret-store';
import { addSource } from '../core/store/store-writes';
import { recordItems } from '../core/store/store-writes';
import { buildRenderer, rendererIsStale } from '../scripts/build';
import { startWebMode } from '../server/web-mode';
import { tempDir } from '../test/helpers/temp-store';
import { sampleItem } from '../test/helpers/items';
import { fmt } from './util';

const ITEMS = Number(process.env.BENCH_UI_ITEMS ?? 100_000);
const RUNS = 3;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const KINDS: string[] = [
  'mlflow.registry',
  'mlflow.access',
  'mlflow.retention',
  'mlflow.lineage',
  'aws.iam',
  'aws.credential-report',
  'aws.s3.retention',
  'aws.cloudtrail',
];

const IAM_ITEMS = Array.from({ length: ITEMS / 1000 }, (_, p) => p).filter((p) => KINDS[p % KINDS.length] === 'aws.iam').length * 1000;

/** 100,000 items over two sources and eight kinds, one in fifty partial: what a few years of daily runs look like. */
function seed(home: string): void {
  const store = EvidenceStore.open({
    home,
    secrets: new FileSecretStore(join(home, 'keys')),
    actor: { osUser: 'bench', host: 'bench' },
    create: true,
  });
  store.initialize();
  const mlflow = addSource(store, 'mlflow', 'prod-mlflow', { url: 'https://mlflow.example.com' });
  const aws = addSource(store, 'aws', 'prod-aws', { regions: ['us-east-1'] });
  for (let p = 0; p < ITEMS / 1000; p++) {
    const kind = KINDS[p % KINDS.length]!;
    const base = sampleItem(p, kind, 300);
    const partial = { ...base.ipe, completeness: 'partial' as const, error: 'page 3 timed out' };
    const items: NewItem[] = Array.from({ length: 1000 }, (_, i) => ({
      ...sampleItem(p * 1000 + i, kind, 300),
      ipe: i % 50 === 0 ? partial : base.ipe,
    }));
    recordItems(store, { runId: null, sourceId: kind.startsWith('aws') ? aws : mlflow }, items);
  }
  store.checkpoint();
  store.close();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

/** The page's document, typed just enough (this file is checked without the DOM library; casts are erased). */
type Doc = {
  querySelector(s: string): { textContent: string | null } | null;
  querySelectorAll(s: string): ArrayLike<{ textContent: string | null }>;
};
const countIs = (page: Page, text: string) =>
  page.waitForFunction(
    (t) => (globalThis as unknown as { document: Doc }).document.querySelector('[data-testid=evidence-count]')?.textContent === t,
    text,
  );

/** Our evidence screen: first paint of the table, a filter, a jump to the last row. */
async function measureApp(page: Page, origin: string): Promise<{ paint: number; filter: number; end: number }> {
  const paint = await timed(async () => {
    await page.goto(`${origin}/#/evidence`);
    await countIs(page, `${ITEMS.toLocaleString('en-US')} items`);
    await page.waitForSelector('.vt-row:not(.placeholder)');
  });
  const filter = await timed(async () => {
    await page.getByLabel('Kind').selectOption('aws.iam');
    await page.waitForFunction(
      (n) =>
        ((globalThis as unknown as { document: Doc }).document.querySelector('[data-testid=evidence-count]')?.textContent ?? '')
          .replace(/\D/g, '')
          .startsWith(String(n)),
      IAM_ITEMS,
    );
    await page.waitForSelector('.vt-row:not(.placeholder)');
  });
  await page.getByRole('button', { name: 'Clear' }).click();
  await countIs(page, `${ITEMS.toLocaleString('en-US')} items`);
  const end = await timed(async () => {
    await page.getByLabel('Evidence rows: arrow keys move, Enter opens').focus();
    await page.keyboard.press('End');
    await page.waitForFunction(
      (n) =>
        Array.from(
          (globalThis as unknown as { document: Doc }).document.querySelectorAll('.vt-row:not(.placeholder) [role=gridcell]:first-child'),
        ).some((c) => c.textContent === String(n)),
      ITEMS,
    );
  });
  return { paint, filter, end };
}

const PLAIN_PAGE = `<!doctype html><meta charset="utf-8"><select id="kind"><option value="">all</option><option>aws.iam</option></select>
<table><thead><tr><th>#</th><th>Kind</th><th>Source</th><th>Scope</th><th>Status</th><th>Provenance</th><th>Collected</th></tr></thead><tbody id="rows"></tbody></table>
<script>
let all = [];
const esc = (s) => String(s).replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);
const render = (rows) => new Promise((done) => {
  document.getElementById('rows').innerHTML = rows.map((r) => '<tr><td>' + r.seq + '</td><td>' + esc(r.kind) + '</td><td>' + esc(r.source) + '</td><td>' + esc(r.scope) + '</td><td>' + r.completeness + '</td><td>' + r.provenance + '</td><td>' + r.collectedAt + '</td></tr>').join('');
  requestAnimationFrame(() => requestAnimationFrame(done));
});
window.ready = fetch('/rows.json').then((r) => r.json()).then((rows) => { all = rows; return render(all); }).then(() => (document.body.dataset.painted = '1'));
document.getElementById('kind').addEventListener('change', (e) => {
  document.body.dataset.filtered = '';
  render(all.filter((r) => !e.target.value || r.kind === e.target.value)).then(() => (document.body.dataset.filtered = '1'));
});
</script>`;

/** The same rows as a plain <table> with every row in the DOM: the scale the virtualized table is compared with. */
async function measurePlain(page: Page, rowsJson: string): Promise<{ paint: number; filter: number }> {
  const server = createServer((req, res) => {
    if (req.url === '/rows.json') res.writeHead(200, { 'Content-Type': 'application/json' }).end(rowsJson);
    else res.writeHead(200, { 'Content-Type': 'text/html' }).end(PLAIN_PAGE);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  try {
    const paint = await timed(async () => {
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForSelector('body[data-painted="1"]', { timeout: 120_000 });
    });
    const filter = await timed(async () => {
      await page.selectOption('#kind', 'aws.iam');
      await page.waitForSelector('body[data-filtered="1"]', { timeout: 120_000 });
    });
    return { paint, filter };
  } finally {
    server.close();
  }
}

export async function run(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
    return;
  }
  if (rendererIsStale()) await buildRenderer(true);
  const tmp = tempDir('el-ui-bench-');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const home = join(tmp.dir, 'home');
    const seedS = await timed(async () => seed(home));
    console.log(`seeded ${ITEMS.toLocaleString()} items in ${fmt(seedS)} s`);
    const web = await startWebMode({ home, env: {} });
    try {
      // Every row's metadata, as the plain table gets it (the app itself pages 500 rows at a time).
      const rows: unknown[] = [];
      for (let offset = 0; offset < ITEMS; offset += 5000) {
        const r = await web.core.call('items.list', { offset, limit: 5000 });
        if (!r.ok) throw new Error(r.error.message);
        rows.push(...r.value.rows.map((x) => ({ ...x, scope: Object.values(x.scope).join(' ') })));
      }
      const rowsJson = JSON.stringify(rows);
      const app: { paint: number; filter: number; end: number }[] = [];
      const plain: { paint: number; filter: number }[] = [];
      for (let i = 0; i < RUNS; i++) {
        const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await ctx.newPage();
        await page.goto(web.server.url); // token → cookie
        await page.waitForSelector('[data-app-state="loaded"]');
        app.push(await measureApp(page, web.server.origin));
        plain.push(await measurePlain(page, rowsJson));
        await ctx.close();
      }
      const a = { paint: median(app.map((x) => x.paint)), filter: median(app.map((x) => x.filter)), end: median(app.map((x) => x.end)) };
      const p = { paint: median(plain.map((x) => x.paint)), filter: median(plain.map((x) => x.filter)) };
      console.log(`evidence table, ${ITEMS.toLocaleString()} items in Chromium (median of ${RUNS}; goal < 1 s each):`);
      const line = (label: string, ours: number, rest: string) => console.log(`  ${label.padEnd(42)} ${fmt(ours)} s   ${rest}`);
      line('first paint (boot, facets, first page):', a.paint, `plain table of every row: ${fmt(p.paint)} s, ratio ${fmt(p.paint / a.paint, 1)}×`);
      line(
        `filter by kind (${IAM_ITEMS.toLocaleString()} left):`,
        a.filter,
        `plain table of every row: ${fmt(p.filter)} s, ratio ${fmt(p.filter / a.filter, 1)}×`,
      );
      line('jump to the last row (End):', a.end, '(plain table: every row already in the DOM)');
    } finally {
      await web.close();
    }
  } finally {
    await browser.close();
    tmp.cleanup();
  }
}
