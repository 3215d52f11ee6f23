import { describe, expect, it } from 'vitest';
import { retentionDiffer } from '../../core/diff/mlflow/retention-differ';

const exp = (experimentId: string, name: string) => ({ experimentId, name, creationTime: 1, lastUpdateTime: 2 });
const run = (runId: string, experimentId = '1', runName: string | null = null, user: string | null = 'alice') => ({
  runId,
  experimentId,
  runName,
  user,
  status: 'FINISHED',
  startTime: 1,
  endTime: 2,
});
const snap = (gcSchedule: string | null, deletedExperiments: ReturnType<typeof exp>[], deletedRuns: ReturnType<typeof run>[]) => ({
  server: 'http://127.0.0.1:5000',
  gcSchedule,
  deletedExperiments,
  deletedRuns,
});

describe('mlflow.retention differ', () => {
  it('finds nothing between identical snapshots in any order', () => {
    expect(
      retentionDiffer(
        snap('weekly', [exp('3', 'a'), exp('2', 'b')], [run('r1'), run('r2')]),
        snap('weekly', [exp('2', 'b'), exp('3', 'a')], [run('r2'), run('r1')]),
      ),
    ).toEqual([]);
  });

  it('reports new soft deletes, entries gone from the deleted list, and a changed gc attestation', () => {
    const before = snap(null, [exp('3', 'scratch')], [run('r1', '1', 'baseline'), run('r2')]);
    const after = snap('weekly, --older-than 30d', [exp('4', 'tmp')], [run('r2'), run('r9', '2', null, 'bob')]);
    expect(retentionDiffer(before, after)).toEqual([
      { type: 'gc_schedule_changed', subject: 'mlflow gc schedule', field: 'attested schedule', before: null, after: 'weekly, --older-than 30d' },
      { type: 'experiment_purged_or_restored', subject: 'experiment 3 (scratch)', before: 'deleted' },
      { type: 'experiment_deleted', subject: 'experiment 4 (tmp)', after: 'deleted' },
      { type: 'run_purged_or_restored', subject: 'run r1 (baseline) in experiment 1', before: 'deleted' },
      { type: 'run_deleted', subject: 'run r9 in experiment 2', after: { user: 'bob' } },
    ]);
  });

  it('refuses content that is not a retention snapshot', () => {
    expect(() => retentionDiffer({ models: [] }, snap(null, [], []))).toThrow(/before snapshot is not mlflow.retention content/);
  });
});
