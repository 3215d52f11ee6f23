import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewItem } from '../../core/evidence/ipe';
import { buildCriterionReport, renderCriterionPdf, type ReportQuery } from '../../core/report';
import { recordItems } from '../../core/store/store-writes';
import { accessContent, clockedStore, day, item, mlflowSource, recordRun, registryContent } from './report-fixtures';
import { mappings, resources } from '../helpers/catalog';

let ctx: ReturnType<typeof clockedStore>;
let src: number;
beforeEach(() => {
  ctx = clockedStore();
  src = mlflowSource(ctx);
});
afterEach(() => ctx.cleanup());

const q = { criterion: 'CC8.1', from: '2026-01-01', to: '2026-01-31', org: 'Acme ML Ltd', mappings };
const text = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
const pages = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);

/** `n` registry snapshots spread over the period (several per day once n > 31), recorded in bulk. */
function fill(n: number): void {
  const batch: NewItem[] = [];
  for (let i = 0; i < n; i++) batch.push(item('mlflow.registry', registryContent(1 + (i % 5)), day('2026-01-01', i % 31, Math.floor(i / 31) % 24)));
  for (let i = 0; i < batch.length; i += 500) recordItems(ctx.store, { runId: null, sourceId: src }, batch.slice(i, i + 500));
}

async function render(query: ReportQuery = q, name = 'report.pdf') {
  const report = buildCriterionReport(ctx.store, query);
  const out = join(ctx.dir, name);
  await renderCriterionPdf(report, out, resources.fontsDir);
  return { report, out };
}

describe('renderCriterionPdf', () => {
  it('the cover carries criterion, period, org, bundle id, full fingerprint and counts', async () => {
    fill(9);
    recordItems(ctx.store, { runId: null, sourceId: src }, [item('mlflow.registry', {}, day('2026-01-20', 0), { completeness: 'failed' })]);
    const { report, out } = await render({ ...q, bundleId: 'bndl-7f3a' });
    const t = text(out);
    expect(t).toContain('CC8.1');
    expect(t).toContain('Change management');
    expect(t).toContain('2026-01-01 to 2026-01-31');
    expect(t).toContain('Acme ML Ltd');
    expect(t).toContain('bndl-7f3a');
    expect(report.keyFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(t).toContain(report.keyFingerprint);
    expect(t).toMatch(/9\s+0\s+1\s*\n\s*complete items\s+partial items\s+failed items/);
    expect(t).toContain('Failed or partial collections in this period');
    expect(t).toContain('Appendix: how each item was produced (IPE)');
    expect(t).not.toMatch(/\bcompliant\b|\bsatisfies\b|\bpassed\b/i);
  });

  it('page count grows with the data: 10 vs 2,000 items', async () => {
    fill(10);
    const small = await render(q, 'small.pdf');
    fill(1990);
    const big = await render(q, 'big.pdf');
    expect(big.report.items).toHaveLength(2000);
    const [a, b] = [pages(small.out), pages(big.out)];
    expect(a).toBeGreaterThanOrEqual(4);
    expect(b).toBeGreaterThan(a + 20); // the IPE appendix lists every item
    const t = text(big.out);
    expect(t).toContain('(continued)'); // long tables repeat their header on the next page
    expect(t.match(/SHA-256 \(prefix\)/g)!.length).toBeGreaterThan(20);
  });

  it('caps long tables with an explicit "more rows" line, and lists failed runs with their reason', async () => {
    const users = Array.from({ length: 450 }, (_, i) => `user${String(i).padStart(3, '0')}`);
    recordRun(ctx, src, day('2026-01-02', 0), [item('mlflow.access', accessContent(users), day('2026-01-02', 0))]);
    recordRun(ctx, src, day('2026-01-03', 0), [], 'failed');
    const { out } = await render({ ...q, criterion: 'CC6.2' });
    const t = text(out);
    expect(t).toContain('150 more rows in evidence/mlflow.access/');
    expect(t).toContain('user299');
    expect(t).not.toContain('user300');
    expect(t).toContain('1 run(s) in the period did not complete');
    expect(t).toContain('HTTP 503 from the server');
  });

  it('renders unexpected content shapes defensively', async () => {
    const odd: NewItem[] = [
      item('aws.credential-report', 'user,arn\nalice,arn:aws:iam::1:user/alice', day('2026-01-02', 0)),
      item('aws.iam', { users: 'not a list' }, day('2026-01-02', 0)),
      item('aws.s3.retention', { buckets: [{ name: 'ml-data', lifecycleRules: [{ days: 30 }] }] }, day('2026-01-02', 0)),
      item('aws.logs.retention', { logGroups: [{ name: '/aws/lambda/x' }, { name: '/ml/train', retentionInDays: 365 }] }, day('2026-01-02', 0)),
      item('aws.cloudtrail', [1, 2, 3], day('2026-01-02', 0)),
      item('mlflow.lineage', { runs: [{ runId: 'r1', gitCommit: 'abc' }] }, day('2026-01-02', 0)),
      item('aws.iam.diff', { changes: 'none' }, day('2026-01-02', 1), { provenance: 'derived' }),
    ];
    recordItems(ctx.store, { runId: null, sourceId: src }, odd);
    for (const criterion of ['CC6.1', 'C1.1', 'CC7.2', 'PI1.2']) {
      const { out } = await render({ ...q, criterion }, `${criterion}.pdf`);
      expect(text(out)).toContain(criterion);
    }
    const c11 = text(join(ctx.dir, 'C1.1.pdf'));
    expect(c11).toContain('NEVER EXPIRES');
    expect(c11).toContain('ml-data');
  });
});

describe('renderCriterionPdf without evidence', () => {
  it('says so instead of rendering empty tables', async () => {
    const { out } = await render({ ...q, criterion: 'P1.1' }, 'empty.pdf');
    const t = text(out);
    expect(t).toContain('P1.1');
    expect(t).toContain('No evidence in this period');
    expect(t).toContain('No evidence series');
  });
});
