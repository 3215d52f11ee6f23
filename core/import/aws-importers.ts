import { resolve } from 'node:path';
import type { CoreContext } from '../context';
import { awsIpe } from '../collectors/aws/ipe';
import { parseCredentialReportFile } from '../collectors/aws/import/credential-report-import';
import { parseGaadFile } from '../collectors/aws/import/gaad-import';
import { S3_EXPORT_SCRIPT, parseS3Dir } from '../collectors/aws/import/s3-import';
import type { ParsedImport } from '../collectors/aws/import/types';
import { toolVersion } from '../util/runtime';
import { recordFileImport } from './record-import';
import type { Importer, ImportOutcome, ImportRequest } from './importer';

const DEFAULT_SOURCE = 'aws-import';

/** Records a parsed import under an `aws` source (created, import-only, if absent). Parsing already succeeded. */
function recordImport(ctx: CoreContext, sourceName: string, parsed: ParsedImport, startedAt: string, evidenceFor?: string): ImportOutcome {
  const completeness = parsed.errors.length ? 'partial' : 'complete';
  const error = parsed.errors.length ? parsed.errors.join('; ') : null;
  const ipe = awsIpe({
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
    finishedAt: ctx.store().now(),
    notes: parsed.notes,
    importedFile: parsed.importedFile,
  });
  return recordFileImport(ctx, {
    type: 'aws',
    sourceName,
    sourceConfig: { regions: ['us-east-1'] },
    item: { kind: parsed.kind, scope: parsed.scope, content: parsed.content, ipe, evidenceFor },
    file: parsed.importedFile,
    records: parsed.recordsRetrieved,
    errors: parsed.errors,
  });
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
    return recordImport(ctx, req.source ?? DEFAULT_SOURCE, parsed, startedAt, req.evidenceFor);
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
