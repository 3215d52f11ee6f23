import { resolve } from 'node:path';
import type { CoreContext } from '../context';
import { gcpIpe } from '../collectors/gcp/ipe';
import { parseGcloudImport } from '../collectors/gcp/import/parse';
import type { NewItem } from '../evidence/ipe';
import { listSources } from '../store/store-reads';
import { AppError } from '../util/errors';
import { toolVersion } from '../util/runtime';
import { recordFileImport } from './record-import';
import type { Importer, ImportOutcome, ImportRequest } from './importer';

const DEFAULT_SOURCE = 'gcp-import';

/**
 * `import gcp FILE`: a gcloud export (project IAM policy, or bucket describe/list in either shape) recorded as
 * admin_export evidence. Everything is parsed, validated and canonicalised before a source is added or a run
 * started, so a refused file leaves no trace in the store or its log.
 */
function run(ctx: CoreContext, req: ImportRequest): ImportOutcome {
  const store = ctx.store();
  store.assertWritable();
  const startedAt = ctx.clock().toISOString();
  const name = req.source ?? DEFAULT_SOURCE;
  const existing = listSources(store).find((s) => s.name === name) ?? null;
  if (existing && existing.type !== 'gcp')
    throw new AppError('CONFLICT', `Source "${name}" is a ${existing.type} source, not gcp; pick another --source.`);
  const project = typeof existing?.config.project === 'string' ? existing.config.project : null;
  const parsed = parseGcloudImport(resolve(req.file), startedAt, project, req.kind);
  const item: NewItem = {
    evidenceFor: req.evidenceFor,
    kind: parsed.kind,
    scope: parsed.scope,
    content: parsed.content,
    ipe: gcpIpe({
      kind: parsed.kind,
      source: { type: 'gcp', name },
      trace: null,
      parameters: { shape: parsed.command.includes('--raw') ? 'raw' : 'gcloud normalised' },
      recordsRetrieved: parsed.recordsRetrieved,
      command: parsed.command,
      completeness: 'complete',
      error: null,
      provenance: 'admin_export',
      actor: ctx.actor,
      toolVersion: toolVersion(),
      startedAt,
      finishedAt: store.now(),
      notes: parsed.notes,
      importedFile: parsed.importedFile,
    }),
  };
  return recordFileImport(ctx, {
    type: 'gcp',
    sourceName: name,
    sourceConfig: { project: project ?? parsed.scope.project },
    item,
    file: parsed.importedFile,
    records: parsed.recordsRetrieved,
    errors: [],
  });
}

export const gcpImporter: Importer = {
  type: 'gcp',
  summary:
    'Import gcloud output: `gcloud projects get-iam-policy P --format=json` (save as P.iam-policy.json, or pass --source) as gcp.iam; `gcloud storage buckets describe gs://B --format=json [--raw]` or `gcloud storage buckets list --format=json --raw` as gcp.storage.retention.',
  sourceType: 'gcp',
  run,
};
