import { resolve } from 'node:path';
import type { CoreContext } from '../context';
import { awsIpe } from '../collectors/aws/ipe';
import { parseCredentialReportFile } from '../collectors/aws/import/credential-report-import';
import { parseGaadFile } from '../collectors/aws/import/gaad-import';
import { S3_EXPORT_SCRIPT, parseS3Dir } from '../collectors/aws/import/s3-import';
import type { ParsedImport } from '../collectors/aws/import/types';
import { finishRun, prepareItems, recordPreparedItems, startRun } from '../store/store-writes';
import { toErrorBody } from '../util/errors';
import { toolVersion } from '../util/runtime';
import { scrubError } from '../util/scrub';
import { importSource } from './import-source';
import type { Importer, ImportOutcome, ImportRequest } from './importer';

const DEFAULT_SOURCE = 'aws-import';

/**
 * Records a parsed import under an `aws` source (created, import-only, if absent). The item is validated,
 * canonicalised and hashed before the source is added or the run started, so bad data never leaves a
 * `source_added`/`run_started` behind; should the write itself fail, the run is finished as failed, never left running.
 */
function recordImport(ctx: CoreContext, sourceName: string, parsed: ParsedImport, startedAt: string): ImportOutcome {
  const store = ctx.store();
  store.assertWritable();
  const completeness = parsed.errors.length ? 'partial' : 'complete';
  const error = parsed.errors.length ? parsed.errors.join('; ') : null;
  const [prepared] = prepareItems([
    {
      kind: parsed.kind,
      scope: parsed.scope,
      content: parsed.content,
      ipe: awsIpe({
        kind: parsed.kind,
        source: { type: 'aws', name: sourceName },
        log: null,
        parameters: {},
        recordsRetrieved: parsed.recordsRetrieved,
        apiTotal: null,
        command: parsed.command,
        completeness,
        error,
        provenance: 'admin_export',
        actor: ctx.actor,
        toolVersion: toolVersion(),
        startedAt,
        finishedAt: store.now(),
        notes: parsed.notes,
        importedFile: parsed.importedFile,
      }),
    },
  ]);
  const source = importSource(store, 'aws', sourceName, { regions: ['us-east-1'] });
  const runId = startRun(store, source.id, { source: sourceName, type: 'aws', import: parsed.kind, file: parsed.importedFile });
  let item;
  try {
    [item] = recordPreparedItems(store, { runId, sourceId: source.id }, [prepared!]);
  } catch (err) {
    finishRun(store, runId, 'failed', scrubError(toErrorBody(err).message), { items: 0 });
    throw err;
  }
  finishRun(store, runId, completeness, error, { items: 1 });
  return {
    source: sourceName,
    kind: parsed.kind,
    seq: item!.seq,
    contentSha256: item!.contentSha256,
    completeness,
    records: parsed.recordsRetrieved,
    file: parsed.importedFile,
    errors: parsed.errors,
  };
}

const awsImporter = (type: string, summary: string, parse: (path: string, now: string) => ParsedImport, directory = false): Importer => ({
  type,
  summary,
  sourceType: 'aws',
  directory,
  run(ctx: CoreContext, req: ImportRequest) {
    const startedAt = ctx.clock().toISOString();
    // Parse and validate everything first: a bad file leaves the store (and its log) untouched.
    const parsed = parse(resolve(req.file), startedAt);
    return recordImport(ctx, req.source ?? DEFAULT_SOURCE, parsed, startedAt);
  },
});

export const awsImporters: Importer[] = [
  awsImporter(
    'aws-gaad',
    'Import `aws iam get-account-authorization-details` output (CLI JSON or SDK pages; policies decoded either way) as aws.iam.',
    (path) => parseGaadFile(path),
  ),
  awsImporter(
    'aws-credential-report',
    'Import an IAM credential report: the CSV (`aws iam get-credential-report --query Content --output text | base64 -d`) or the JSON with base64 Content.',
    (path, now) => parseCredentialReportFile(path, now),
  ),
  awsImporter(
    'aws-s3',
    `Import a folder of \`aws s3api get-bucket-*\` outputs: DIR/<bucket>/{lifecycle,object-lock,versioning,encryption,public-access-block,policy,logging}.json with stderr in the matching .err file. Produce it with: ${S3_EXPORT_SCRIPT}`,
    (path) => parseS3Dir(path),
    true,
  ),
];
