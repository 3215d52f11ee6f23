import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Completeness, Ipe, NewItem } from '../../core/evidence/ipe';
import { exportBundle, type ExportRequest, type ExportResult } from '../../core/export/export-bundle';
import type { EvidenceStore } from '../../core/store/evidence-store';
import { addSource, finishRun, recordItems, startRun } from '../../core/store/store-writes';
import { mappings, resources } from '../helpers/catalog';

export const SERVER = 'http://127.0.0.1:5000';

function mlflowIpe(endpoint: string, records: number, completeness: Completeness, at: string): Ipe {
  return {
    source: { type: 'mlflow', name: 'prod' },
    endpoints: [endpoint],
    apiVersion: '2.0',
    serverVersion: '3.1.0',
    parameters: { max_results: 100 },
    pages: 1,
    recordsRetrieved: records,
    apiTotal: null,
    requestIds: [],
    serverDates: [new Date(at).toUTCString()],
    actor: { osUser: 'test', host: 'test-host' },
    toolVersion: 'evidence-locker/test',
    command: `curl -u "admin:$MLFLOW_PASSWORD" '${SERVER}${endpoint.replace(/^GET /, '')}?max_results=100'`,
    completeness,
    error: completeness === 'complete' ? null : 'page 2 timed out',
    provenance: 'api_snapshot',
    startedAt: at,
    finishedAt: at,
  };
}

/** An mlflow.registry snapshot shaped like the collector's: models with versions, stages and aliases. */
export function registryItem(day: string, i: number, completeness: Completeness = 'complete'): NewItem {
  const at = `${day}T06:00:00.000Z`;
  return {
    kind: 'mlflow.registry',
    scope: { server: SERVER },
    collectedAt: at,
    content: {
      server: SERVER,
      models: [
        {
          name: 'fraud-detector',
          description: 'card fraud scoring',
          tags: { team: 'risk' },
          aliases: { champion: String(1 + (i % 3)) },
          versions: [1, 2, 3].map((v) => ({
            version: String(v),
            currentStage: v === 1 + (i % 3) ? 'Production' : 'Archived',
            aliases: v === 1 + (i % 3) ? ['champion'] : [],
            runId: `run${v}abc`,
            source: `models:/fraud-detector/${v}`,
            createdBy: v === 3 ? 'alice@example.com' : 'bob@example.com',
            creationTimestamp: String(Date.parse('2026-01-01') + v * 86_400_000),
            tags: { approved_by: 'carol@example.com' },
          })),
        },
      ],
    },
    ipe: mlflowIpe('GET /api/2.0/mlflow/registered-models/search', 1, completeness, at),
  };
}

/** An mlflow.access snapshot: the user population with admin flags and per-model permissions. */
export function accessItem(day: string, i: number): NewItem {
  const at = `${day}T06:05:00.000Z`;
  const users = ['admin', 'alice', 'bob', ...(i % 2 ? ['dave'] : [])].map((username, n) => ({
    username,
    isAdmin: username === 'admin',
    id: String(n + 1),
    experimentPermissions: [{ experimentId: '0', permission: 'READ' }],
    registeredModelPermissions: [{ name: 'fraud-detector', permission: username === 'alice' ? 'MANAGE' : 'READ' }],
  }));
  return {
    kind: 'mlflow.access',
    scope: { server: SERVER },
    collectedAt: at,
    content: { server: SERVER, enumeration: 'users/list', users },
    ipe: mlflowIpe('GET /api/2.0/mlflow/users/list', users.length, 'complete', at),
  };
}

/** Daily runs over `days` days from `start`, each recording one registry and one access snapshot. */
export function seedMlflow(store: EvidenceStore, start: string, days: number, opts: { partialEvery?: number } = {}): void {
  const sourceId = addSource(store, 'mlflow', `prod-${Math.random().toString(36).slice(2, 8)}`, { url: SERVER });
  for (let d = 0; d < days; d++) {
    const day = new Date(Date.parse(start) + d * 86_400_000).toISOString().slice(0, 10);
    const runId = startRun(store, sourceId);
    const partial = opts.partialEvery !== undefined && d % opts.partialEvery === opts.partialEvery - 1;
    recordItems(store, { runId, sourceId }, [registryItem(day, d, partial ? 'partial' : 'complete'), accessItem(day, d)]);
    finishRun(store, runId, partial ? 'partial' : 'complete', partial ? 'page 2 timed out' : null);
  }
}

/** Exports from any store (a seeded one here, one filled by the real MLflow collector elsewhere). */
export async function exportTo(
  store: EvidenceStore,
  dir: string,
  req: Omit<ExportRequest, 'outDir' | 'mappings' | 'resources'>,
): Promise<ExportResult> {
  return exportBundle(store, { ...req, outDir: dir, mappings, resources });
}

export interface Ran {
  code: number;
  out: string;
}

export function run(cmd: string, args: string[], cwd?: string): Ran {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

export function unzipTo(zip: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const r = run('unzip', ['-q', zip, '-d', dir]);
  if (r.code !== 0) throw new Error(`unzip failed: ${r.out}`);
  return dir;
}

/** Re-zips an extracted (possibly tampered) folder with python's zipfile, entries sorted, no directory entries. */
export function zipDir(dir: string, zip: string): void {
  const py = [
    'import os, sys, zipfile',
    'src, dst = sys.argv[1], sys.argv[2]',
    'names = sorted(os.path.relpath(os.path.join(r, f), src) for r, _, fs in os.walk(src) for f in fs)',
    'with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:',
    '    for n in names: z.write(os.path.join(src, n), n)',
  ].join('\n');
  const r = run('python3', ['-c', py, dir, zip]);
  if (r.code !== 0) throw new Error(`zip failed: ${r.out}`);
}

export function bundleFile(dir: string, path: string): string {
  return join(dir, ...path.split('/'));
}
