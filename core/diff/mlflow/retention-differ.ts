import type { Change, Differ } from '../types';
import { diffField, keyBy, visitKeyed } from '../compare';
import { parseSnapshot, retentionContentSchema } from './shapes';

/**
 * Soft deletes over time (C1.2 disposal): what was deleted since the last snapshot, and what left the deleted
 * list. A run or experiment that leaves it was either purged by `mlflow gc` or restored; the snapshot cannot tell.
 */
export const retentionDiffer: Differ = (beforeRaw, afterRaw) => {
  const before = parseSnapshot(retentionContentSchema, beforeRaw, 'mlflow.retention', 'before');
  const after = parseSnapshot(retentionContentSchema, afterRaw, 'mlflow.retention', 'after');
  const out: Change[] = [...diffField('mlflow gc schedule', 'gc_schedule_changed', 'attested schedule', before.gcSchedule, after.gcSchedule)];
  const expSubject = (e: { experimentId: string; name?: string | null }) => `experiment ${e.experimentId}${e.name ? ` (${e.name})` : ''}`;
  visitKeyed(
    keyBy(before.deletedExperiments, (e) => e.experimentId),
    keyBy(after.deletedExperiments, (e) => e.experimentId),
    {
      added: (_, e) => out.push({ type: 'experiment_deleted', subject: expSubject(e), after: 'deleted' }),
      removed: (_, e) => out.push({ type: 'experiment_purged_or_restored', subject: expSubject(e), before: 'deleted' }),
      both: () => undefined,
    },
  );
  const runKey = (r: { experimentId: string; runId: string }) => `${r.experimentId}/${r.runId}`;
  const runSubject = (r: { experimentId: string; runId: string; runName?: string | null }) =>
    `run ${r.runId}${r.runName ? ` (${r.runName})` : ''} in experiment ${r.experimentId}`;
  visitKeyed(keyBy(before.deletedRuns, runKey), keyBy(after.deletedRuns, runKey), {
    added: (_, r) => out.push({ type: 'run_deleted', subject: runSubject(r), after: r.user ? { user: r.user } : 'deleted' }),
    removed: (_, r) => out.push({ type: 'run_purged_or_restored', subject: runSubject(r), before: 'deleted' }),
    both: () => undefined,
  });
  return out;
};
