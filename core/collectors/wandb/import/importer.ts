import { basename, resolve } from 'node:path';
import { AppError } from '../../../util/errors';
import { decodeUtf8 } from '../../../util/utf8';
import { sha256Hex } from '../../../util/canonical';
import { FileRefused, readRegularFile } from '../../../util/regular-file';
import { makeIpe, type NewItem } from '../../../evidence/ipe';
import { prepareItems, recordPreparedItems } from '../../../store/store-writes';
import { redactedItems } from '../../../redact';
import { toolVersion } from '../../../util/runtime';
import { existingImportSource, importSource } from '../../../import/import-source';
import type { Importer, ImportRequest } from '../../../import/importer';
import type { CoreContext } from '../../../context';
import { MULTI_TENANT_HOST, baseUrl, wandbConfigSchema } from '../config';
import { WANDB_API_VERSION } from '../evidence';
import { detectWandbExport } from './detect';
import { adminCommand, importedContent } from './content';

const IMPORT_MAX_BYTES = 100 * 1024 * 1024;
const DEFAULT_SOURCE = 'imported-wandb';

function readFile(path: string): { name: string; bytes: Buffer } {
  const name = basename(path);
  try {
    return { name, bytes: readRegularFile(path, IMPORT_MAX_BYTES) };
  } catch (err) {
    if (!(err instanceof FileRefused)) throw err;
    const r = err.refusal;
    if (r.reason === 'missing') throw new AppError('NOT_FOUND', `Cannot read ${path}: ${r.code}.`);
    if (r.reason === 'not-regular') throw new AppError('BAD_INPUT', `${name} is not a regular file (${r.type}); nothing was imported.`);
    throw new AppError('BAD_INPUT', `${name} is ${r.bytes} bytes, over the ${IMPORT_MAX_BYTES}-byte import limit; nothing was imported.`);
  }
}

/**
 * `import wandb FILE`: parse and validate the whole file, build the item, and only then add the source (if new)
 * and record it, so a bad file leaves no trace. An existing wandb source lends its host as scope, so imported and
 * collected snapshots of one W&B diff against each other.
 */
function run(ctx: CoreContext, req: ImportRequest) {
  const file = readFile(resolve(req.file));
  const detected = detectWandbExport(decodeUtf8(file.bytes, file.name), file.name, req.kind);
  const store = ctx.store();
  store.assertWritable();
  const sourceName = req.source ?? DEFAULT_SOURCE;
  const existing = existingImportSource(store, 'wandb', sourceName);
  const config = existing ? wandbConfigSchema.safeParse(existing.config) : null;
  const host = config?.success ? baseUrl(config.data) : MULTI_TENANT_HOST;
  const mapped = importedContent(detected, host, config?.success ? config.data.teamTtlDefault : undefined, file.name);
  const importedFile = { name: file.name, sha256: sha256Hex(file.bytes), bytes: file.bytes.length };
  const ipe = makeIpe({
    source: { type: 'wandb', name: sourceName },
    endpoints: [detected.export.includes('/') ? `GET /${detected.export}` : `POST /graphql ${detected.export}`],
    apiVersion: WANDB_API_VERSION,
    serverVersion: null,
    parameters: { export: detected.export, responses: detected.responses },
    pages: detected.responses,
    recordsRetrieved: mapped.records,
    actor: ctx.actor,
    toolVersion: toolVersion(),
    command: adminCommand(detected, host, file.name),
    completeness: mapped.partial ? 'partial' : 'complete',
    error: mapped.partial,
    provenance: 'admin_export',
    notes: [`Imported from ${file.name}, a file an administrator saved; Evidence Locker did not query W&B itself.`, ...mapped.notes],
    importedFile,
  });
  const item: NewItem = { kind: detected.kind, scope: { server: host }, content: mapped.content, ipe, evidenceFor: req.evidenceFor };
  const prepared = prepareItems(redactedItems([item])); // secrets out before hashing (core/redact)
  const source = importSource(store, 'wandb', sourceName, { host });
  const [recorded] = recordPreparedItems(store, { runId: null, sourceId: source.id }, prepared);
  store.checkpoint();
  return {
    source: source.name,
    kind: detected.kind,
    export: detected.export,
    records: mapped.records,
    completeness: ipe.completeness,
    seq: recorded!.seq,
    contentSha256: recorded!.contentSha256,
    file: importedFile,
  };
}

export const wandbImporter: Importer = {
  type: 'wandb',
  summary:
    'Import a W&B admin export: saved GraphQL responses of GetTeamEntity (wandb.access) or RegistryVersions (wandb.registry; --kind wandb.retention for TTLs), SCIM /scim/Users JSON (wandb.access) or audit-log JSON lines (wandb.audit-log).',
  sourceType: 'wandb',
  run,
};
