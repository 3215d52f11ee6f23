import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCriterionReport } from '../../core/report';
import { recordItems } from '../../core/store/store-writes';
import { accessContent, clockedStore, day, item, mlflowSource, recordRun, registryContent } from './report-fixtures';
import { mappings } from '../helpers/catalog';

let ctx: ReturnType<typeof clockedStore>;
let src: number;
beforeEach(() => {
  ctx = clockedStore();
  src = mlflowSource(ctx);
});
afterEach(() => ctx.cleanup());

const q = { criterion: 'CC8.1', from: '2026-01-01', to: '2026-01-31', org: 'Acme ML', mappings };

describe('buildCriterionReport', () => {
  it('a daily registry series with a baseline is operating; items, counts, runs and tables follow', () => {
    recordRun(ctx, src, day('2025-12-20', 0), [item('mlflow.registry', registryContent(1), day('2025-12-20', 0))]);
    recordRun(ctx, src, day('2025-12-31', 0), [item('mlflow.registry', registryContent(1), day('2025-12-31', 0))]);
    for (let d = 0; d < 31; d++)
      recordRun(ctx, src, day('2026-01-01', d), [item('mlflow.registry', registryContent(1 + Math.floor(d / 10)), day('2026-01-01', d))]);
    recordRun(ctx, src, day('2026-01-15', 0, 9), [], 'failed');
    recordRun(ctx, src, day('2026-02-02', 0), [item('mlflow.registry', registryContent(5), day('2026-02-02', 0))]);
    // an access snapshot is not CC8.1 evidence
    recordItems(ctx.store, { runId: null, sourceId: src }, [item('mlflow.access', accessContent(['alice']), day('2026-01-05', 0))]);

    const r = buildCriterionReport(ctx.store, q);
    expect(r.criterion.title).toBe('Change management');
    expect(r.keyFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(r.items).toHaveLength(32); // 31 in period + the Dec 31 baseline, not Dec 20, not Feb 2
    expect(r.items.filter((i) => i.baseline).map((i) => i.collectedAt)).toEqual([day('2025-12-31', 0)]);
    expect(r.items.every((i) => i.kind === 'mlflow.registry')).toBe(true);
    expect(r.counts).toEqual({ complete: 32, partial: 0, failed: 0 });
    expect(r.items[5]!.labels).toEqual({ assurance: 'operating', provenance: 'api_snapshot', coverage: 'period' });
    expect(r.items[5]!.ipe).toMatchObject({ pages: 2, recordsRetrieved: 3, apiTotal: 3, requestIds: ['req-1', 'req-2'] });
    expect(r.coverage).toHaveLength(1);
    expect(r.coverage[0]).toMatchObject({
      kind: 'mlflow.registry',
      source: 'prod',
      collections: 31,
      label: 'period',
      baselineAt: day('2025-12-31', 0),
      longestGapHours: 24,
    });
    expect(r.runs).toHaveLength(32); // in the period only, sorted by start time
    expect(r.runs.map((x) => x.status)).toEqual([...Array(15).fill('complete'), 'failed', ...Array(16).fill('complete')]);
    expect(r.runs.find((x) => x.status === 'failed')!.reason).toMatch(/503/);
    // no diff items were recorded: the report says how to record them instead of showing an empty timeline
    expect(r.tables.find((t) => t.kind === 'mlflow.registry.diff')!.note).toContain('evidence-locker diff --source prod --kind mlflow.registry');
    const versions = r.tables.find((t) => t.kind === 'mlflow.registry')!;
    expect(versions.asOf).toBe(day('2026-01-31', 0));
    expect(versions.rows).toHaveLength(4); // the latest snapshot in the period has 4 versions
    expect(versions.rows.at(-1)).toEqual(expect.arrayContaining(['fraud', '4', 'Production', 'champion', 'alice']));
  });

  it('gaps, partial and failed items are shown, never hidden, and break operating', () => {
    const days = [0, 1, 2, 3, 10, 11, 12, 20, 25, 30];
    for (const d of days) recordRun(ctx, src, day('2026-01-01', d), [item('mlflow.access', accessContent(['alice', 'bob']), day('2026-01-01', d))]);
    recordRun(
      ctx,
      src,
      day('2026-01-05', 0),
      [item('mlflow.access', accessContent(['alice']), day('2026-01-05', 0), { completeness: 'partial' })],
      'partial',
    );
    recordRun(ctx, src, day('2026-01-06', 0), [item('mlflow.access', {}, day('2026-01-06', 0), { completeness: 'failed' })], 'failed');
    // A daily control: without a schedule the source's default (weekly, 192 h allowed) would accept these gaps.
    const r = buildCriterionReport(ctx.store, { ...q, criterion: 'CC6.2', cadenceHours: 24 });
    expect(r.counts).toEqual({ complete: 10, partial: 1, failed: 1 });
    const row = r.coverage.find((c) => c.kind === 'mlflow.access')!;
    expect(row).toMatchObject({ collections: 10, partial: 1, failed: 1, label: 'point_in_time', assurance: 'design', baselineSeq: null });
    expect(row.gaps.map((g) => g.hours)).toEqual([168, 192, 120, 120]);
    expect(row.longestGapHours).toBe(192);
    expect(r.items.every((i) => i.labels.assurance === 'design')).toBe(true);
    expect(r.runs.map((x) => x.status)).toEqual(expect.arrayContaining(['partial', 'failed']));
    const users = r.tables.find((t) => t.section === 'access')!;
    expect(users.rows.map((x) => x[0])).toEqual(['alice', 'bob']);
  });

  it('diff items inherit coverage from their snapshot series and feed the change tables', () => {
    for (let d = 0; d < 31; d++)
      recordRun(ctx, src, day('2026-01-01', d), [item('mlflow.access', accessContent(d < 15 ? ['alice', 'bob'] : ['alice']), day('2026-01-01', d))]);
    const diff = {
      from: { seq: 15, collectedAt: day('2026-01-14', 0) },
      to: { seq: 16, collectedAt: day('2026-01-15', 0) },
      changes: [{ type: 'user_removed', subject: 'user bob', before: { isAdmin: false } }],
    };
    recordItems(ctx.store, { runId: null, sourceId: src }, [item('mlflow.access.diff', diff, day('2026-01-15', 1), { provenance: 'derived' })]);
    const r = buildCriterionReport(ctx.store, { ...q, criterion: 'CC4.1' }); // CC4.1 maps the diff, not the snapshots
    expect(r.items.map((i) => i.kind)).toEqual(['mlflow.access.diff']);
    expect(r.items[0]!.labels).toEqual({ assurance: 'operating', provenance: 'derived', coverage: 'period' });
    expect(r.coverage[0]).toMatchObject({
      kind: 'mlflow.access.diff',
      collections: 1,
      label: 'period',
      basedOn: expect.stringContaining('mlflow.access |'),
    });
    const changes = r.tables.find((t) => t.kind === 'mlflow.access.diff')!;
    expect(changes.section).toBe('changes');
    expect(changes.rows[0]).toEqual(expect.arrayContaining(['user_removed', 'user bob']));
  });

  it('a diff without its snapshot series stays design, with the reason given', () => {
    recordItems(ctx.store, { runId: null, sourceId: src }, [
      item('mlflow.registry.diff', { from: {}, to: {}, changes: [] }, day('2026-01-10', 0), { provenance: 'derived' }),
    ]);
    const r = buildCriterionReport(ctx.store, q);
    expect(r.coverage[0]!.label).toBe('point_in_time');
    expect(r.coverage[0]!.reasons[0]).toMatch(/no mlflow.registry snapshots/);
  });

  it('rejects unknown criteria and bad periods with BAD_INPUT', () => {
    expect(() => buildCriterionReport(ctx.store, { ...q, criterion: 'C1.3' })).toThrow(/not a Trust Services Criterion/);
    expect(() => buildCriterionReport(ctx.store, { ...q, from: '2026-02-01' })).toThrow(/Bad period/);
  });
});

describe('report tables for MLflow lineage and retention', () => {
  it('traces versions to commits and datasets, and lists soft-deleted data with the gc schedule', () => {
    const lineage = {
      server: 'http://127.0.0.1:5000',
      versions: [
        {
          model: 'fraud',
          version: '1',
          runId: 'a1b2c3d4e5f6a7b8',
          problem: null,
          run: {
            user: 'alice',
            git: { commit: '0123456789abcdef0123', branch: 'main' },
            datasets: [{ name: 'transactions', digest: 'deadbeefcafe', context: 'training' }],
          },
        },
        { model: 'fraud', version: '2', runId: null, run: null, problem: 'version has no run id' },
      ],
    };
    const retention = {
      server: 'http://127.0.0.1:5000',
      gcSchedule: null,
      deletedExperiments: [{ experimentId: '7', name: 'old-exp', lastUpdateTime: 1767225600000 }],
      deletedRuns: [],
    };
    recordItems(ctx.store, { runId: null, sourceId: src }, [
      item('mlflow.lineage', lineage, day('2026-01-10', 0)),
      item('mlflow.retention', retention, day('2026-01-10', 0)),
    ]);
    const l = buildCriterionReport(ctx.store, { ...q, criterion: 'PI1.2' }).tables.find((t) => t.kind === 'mlflow.lineage')!;
    expect(l.section).toBe('lineage');
    expect(l.rows[0]).toEqual(['fraud', '1', 'a1b2c3d4e5f6', 'alice', '0123456789ab', 'main', 'transactions@deadbeef (training)', '-']);
    expect(l.rows[1]![7]).toBe('version has no run id');
    expect(l.note).toContain('1 without a recorded git commit');
    const r = buildCriterionReport(ctx.store, { ...q, criterion: 'C1.2' }).tables.find((t) => t.kind === 'mlflow.retention')!;
    expect(r.rows).toEqual([['experiment', '7', 'old-exp', '-', '2026-01-01 00:00Z']]);
    expect(r.note).toMatch(/No mlflow gc schedule stated/);
  });

  it('a criterion with no mapped evidence still yields a report with empty sections', () => {
    const r = buildCriterionReport(ctx.store, { ...q, criterion: 'P1.1' });
    expect(r.mappings).toEqual([]);
    expect(r.items).toEqual([]);
    expect(r.coverage).toEqual([]);
  });
});
