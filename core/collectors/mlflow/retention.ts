import type { RawRun } from './schemas';
import { naturalCompare, orNull, tagObject } from './util';

export interface RetentionContent {
  server: string;
  /** The team's `mlflow gc` schedule as attested in the source config; null when nobody stated one. */
  gcSchedule: string | null;
  deletedExperiments: { experimentId: string; name: string; creationTime: number | null; lastUpdateTime: number | null }[];
  deletedRuns: {
    runId: string;
    experimentId: string;
    runName: string | null;
    user: string | null;
    status: string | null;
    startTime: number | null;
    endTime: number | null;
  }[];
}

interface RawExperiment {
  experiment_id: string;
  name: string;
  creation_time?: number;
  last_update_time?: number;
}

/** Soft-deleted experiments and runs: they stay recoverable (and their artifacts stored) until `mlflow gc` runs. */
export function buildRetention(server: string, gcSchedule: string | undefined, experiments: RawExperiment[], runs: RawRun[]): RetentionContent {
  return {
    server,
    gcSchedule: gcSchedule ?? null,
    deletedExperiments: experiments
      .map((e) => ({
        experimentId: e.experiment_id,
        name: e.name,
        creationTime: e.creation_time ?? null,
        lastUpdateTime: e.last_update_time ?? null,
      }))
      .sort((a, b) => naturalCompare(a.experimentId, b.experimentId)),
    deletedRuns: runs
      .map((r) => ({
        runId: r.info.run_id,
        experimentId: r.info.experiment_id,
        runName: orNull(r.info.run_name),
        user: orNull(tagObject(r.data?.tags)['mlflow.user']) ?? orNull(r.info.user_id),
        status: orNull(r.info.status),
        startTime: r.info.start_time ?? null,
        endTime: r.info.end_time ?? null,
      }))
      .sort((a, b) => naturalCompare(`${a.experimentId}/${a.runId}`, `${b.experimentId}/${b.runId}`)),
  };
}
