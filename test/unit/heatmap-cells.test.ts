import { describe, expect, it } from 'vitest';
import { foldCells, seriesRow, weekColumns, type Cell } from '../../core/periods/heatmap';
import { frameOf, type SeriesData, type SourceInfo } from '../../core/periods/period-data';
import type { ItemMeta } from '../../core/store/store-reads';

const item = (seq: number, at: string, completeness: ItemMeta['completeness'], collected = at, runId: number | null = null): ItemMeta => ({
  seq,
  run_id: runId,
  source_id: 1,
  kind: 'fake.access',
  scope: '{}',
  collected_at: collected,
  evidence_for: collected === at ? null : at,
  effective_at: at,
  content_sha256: 'c',
  ipe_sha256: 'i',
  completeness,
  provenance: 'api_snapshot',
  log_idx: seq,
});

const run = (id: number, startedAt: string, status: SourceInfo['runs'][number]['status'], kinds: { kind: string; completeness: string }[] = []) => ({
  id,
  status,
  startedAt,
  finishedAt: startedAt,
  reason: null,
  code: null,
  records: null,
  kinds,
});

describe('heat-map cells', () => {
  const frame = frameOf({ name: 'P', type: 'type2', from: '2026-03-02', to: '2026-04-05' }, new Date('2026-03-25T00:00:00Z'));
  const weeks = weekColumns(frame);
  const source: SourceInfo = {
    id: 1,
    name: 'team',
    type: 'fake',
    importOnly: false,
    removed: false,
    cadence: 'weekly',
    cron: null,
    cadenceHours: 168,
    runs: [
      run(1, '2026-03-10T06:00:00Z', 'partial', [{ kind: 'fake.access', completeness: 'failed' }]),
      run(2, '2026-03-17T06:00:00Z', 'failed'),
      run(3, '2026-03-24T06:00:00Z', 'complete'), // imported on 24 March, evidence for 4 March
    ],
    missed: [
      {
        id: 1,
        source_id: 1,
        due_at: '2026-03-23T00:00:00.000Z',
        window_end: '2026-03-30T00:00:00.000Z',
        cadence: 'weekly',
        noticed_at: 'x',
        log_idx: 9,
      },
    ],
  };
  const items = [
    item(1, '2026-02-27T06:00:00.000Z', 'complete'),
    item(2, '2026-03-03T06:00:00.000Z', 'partial'),
    item(3, '2026-03-04T06:00:00.000Z', 'complete', '2026-03-24T06:00:00.000Z', 3),
  ];
  const s: SeriesData = { key: 'k', kind: 'fake.access', source, scopeText: '{}', scope: {}, items, baseline: items[0]!, inPeriod: items.slice(1) };

  it('shows the best snapshot of the week, else a failed run (also one that failed only this kind), else a missed run', () => {
    const row = seriesRow(s, weeks, frame);
    expect(weeks.map((w) => [w.isoWeek, w.future])).toEqual([
      ['2026-W10', false],
      ['2026-W11', false],
      ['2026-W12', false],
      ['2026-W13', false],
      ['2026-W14', true],
    ]);
    expect(row.baseline).toEqual({ state: 'complete', seqs: [1], runIds: [], missed: [] });
    expect(row.cells.map((c) => c.state)).toEqual(['complete', 'failed', 'failed', 'missed', 'none']);
    expect(row.cells[0]!.seqs).toEqual([2, 3]);
    expect(row.cells[1]!.runIds).toEqual([1]);
    expect(row.cells[0]!.runIds).toEqual([3]); // the import run sits in the week its file is evidence for
    expect(row.cells[3]!.runIds).toEqual([]);
    expect(row.cells[3]!.missed).toEqual(['2026-03-23T00:00:00.000Z']);
  });

  it('folds series: complete only when all are, partial when some had a snapshot, else the worst news', () => {
    const c = (state: Cell['state'], seqs: number[] = []): Cell => ({ state, seqs, runIds: [], missed: [] });
    expect(foldCells([c('complete', [1]), c('complete', [2])])).toMatchObject({ state: 'complete', seqs: [1, 2] });
    expect(foldCells([c('complete'), c('none')]).state).toBe('partial');
    expect(foldCells([c('partial'), c('failed')]).state).toBe('partial');
    expect(foldCells([c('missed'), c('failed'), c('none')]).state).toBe('failed');
    expect(foldCells([c('missed'), c('none')]).state).toBe('missed');
    expect(foldCells([]).state).toBe('none');
  });
});
