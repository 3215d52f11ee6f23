import type { TestProject } from 'vitest/node';
import { startSeeded } from './mlflow-server';

/** The end-to-end suite drives the app against MLflow 3.x only: no 2.x server to start for it. */
export default function setup(project: TestProject) {
  return startSeeded(project, [3]);
}
