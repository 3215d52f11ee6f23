import { resolve } from 'node:path';
import type { CoreContext } from '../../../context';
import { readImportFile } from '../../../import/import-file';
import { existingImportSource } from '../../../import/import-source';
import { recordFileImport } from '../../../import/record-import';
import type { Importer, ImportOutcome, ImportRequest } from '../../../import/importer';
import { AppError } from '../../../util/errors';
import { toolVersion } from '../../../util/runtime';
import { AZURE_KINDS, azureConfigSchema } from '../config';
import { azureIpe } from '../evidence';
import { EXPECTED, detectAzureShape } from './detect';
import { parseAzureExport } from './parse';

const DEFAULT_SOURCE = 'azure-import';

/**
 * `import azure FILE`: the whole file is read, recognised and canonicalised before the store is touched, so a
 * wrong or broken file leaves nothing behind (no source, no run, no log entry). An existing azure source lends
 * its subscription (and its name), so imported and collected snapshots diff against each other.
 */
function run(ctx: CoreContext, req: ImportRequest): ImportOutcome {
  const startedAt = ctx.clock().toISOString();
  const file = readImportFile(resolve(req.file));
  const shape = detectAzureShape(file.json, file.name);
  const store = ctx.store();
  store.assertWritable();
  const sourceName = req.source ?? DEFAULT_SOURCE;
  const existing = existingImportSource(store, 'azure', sourceName);
  const config = existing ? azureConfigSchema.safeParse(existing.config) : null;
  const parsed = parseAzureExport(shape, file.name, config?.success ? config.data.subscriptionId : null);
  if (req.kind && req.kind !== parsed.kind)
    throw new AppError('BAD_INPUT', `${file.name} holds ${parsed.kind}, not ${req.kind}. Nothing was imported.`);
  if (config?.success && config.data.subscriptionId.toLowerCase() !== parsed.subscriptionId.toLowerCase()) {
    throw new AppError(
      'CONFLICT',
      `${file.name} is from subscription ${parsed.subscriptionId}, but source "${sourceName}" is ${config.data.subscriptionId}; pick another --source. Nothing was imported.`,
    );
  }
  const completeness = parsed.errors.length ? 'partial' : 'complete';
  const error = parsed.errors.length ? parsed.errors.join('; ') : null;
  const importedFile = { name: file.name, sha256: file.sha256, bytes: file.bytes };
  const ipe = azureIpe({
    kind: parsed.kind,
    source: { type: 'azure', name: sourceName },
    trace: null,
    parameters: { export: shape.shape, form: shape.form },
    recordsRetrieved: parsed.recordsRetrieved,
    command: parsed.command,
    completeness,
    error,
    provenance: 'admin_export',
    actor: ctx.actor,
    toolVersion: toolVersion(),
    startedAt,
    finishedAt: store.now(),
    notes: [`Imported from ${file.name}, a file an administrator saved; Evidence Locker did not query Azure itself.`, ...parsed.notes],
    importedFile,
  });
  return recordFileImport(ctx, {
    type: 'azure',
    sourceName,
    sourceConfig: { subscriptionId: parsed.subscriptionId },
    item: { kind: parsed.kind, scope: { account: parsed.subscriptionId }, content: parsed.content, ipe, evidenceFor: req.evidenceFor },
    file: importedFile,
    records: parsed.recordsRetrieved,
    errors: parsed.errors,
  });
}

export const azureImporter: Importer = {
  type: 'azure',
  summary: `Import ${EXPECTED} (also the same answers saved with \`az rest\`). Kinds: ${AZURE_KINDS.slice(0, 2).join(', ')}.`,
  sourceType: 'azure',
  run,
};
