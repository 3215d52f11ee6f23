import type { NewItem } from '../../core/evidence/ipe';

/** A valid item of about `bytes` bytes of content, with realistic IPE. */
export function sampleItem(i: number, kind = 'mlflow.registry', bytes = 200): NewItem {
  return {
    kind,
    scope: { server: 'http://127.0.0.1:5000' },
    content: { page: i, note: 'x'.repeat(Math.max(0, bytes - 40)), models: [{ name: `m${i}`, versions: [{ version: String(i) }] }] },
    ipe: {
      source: { type: 'mlflow', name: 'prod' },
      endpoints: ['GET /api/2.0/mlflow/registered-models/search'],
      apiVersion: '2.0',
      parameters: { max_results: 100 },
      pages: 1,
      recordsRetrieved: 1,
      apiTotal: null,
      requestIds: [],
      serverDates: [],
      actor: { osUser: 'test', host: 'test-host' },
      toolVersion: 'evidence-locker/test',
      command: 'curl -u "admin:$MLFLOW_PASSWORD" http://127.0.0.1:5000/api/2.0/mlflow/registered-models/search?max_results=100',
      completeness: 'complete',
      error: null,
      provenance: 'api_snapshot',
    },
  };
}
