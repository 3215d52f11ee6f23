import { resolve } from 'node:path';
import { z } from 'zod';
import { procedure, type CoreContext } from '../procedure';
import { AppError } from '../../util/errors';
import { awsIpe } from '../../collectors/aws/ipe';
import { parseCredentialReportFile } from '../../collectors/aws/import/credential-report-import';
import { parseGaadFile } from '../../collectors/aws/import/gaad-import';
import { S3_EXPORT_SCRIPT, parseS3Dir } from '../../collectors/aws/import/s3-import';
import type { ParsedImport } from '../../collectors/aws/import/types';
import { addSource, finishRun, recordItems, startRun } from '../../store/store-writes';
import { listSources } from '../../store/store-reads';
import { toolVersion } from '../../util/runtime';

const DEFAULT_SOURCE = 'aws-import';
const input = z.object({ file: z.string().min(1), source: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional() }).strict();

/** Records a parsed import under an `aws` source (created, import-only, if absent). Parsing already succeeded. */
function recordImport(ctx: CoreContext, sourceName: string, parsed: ParsedImport, startedAt: string) {
  const store = ctx.store();
  store.assertWritable();
  const existing = listSources(store).find((s) => s.name === sourceName);
  if (existing && existing.type !== 'aws') throw new AppError('CONFLICT', `Source "${sourceName}" is of type ${existing.type}, not aws.`);
  const sourceId = existing?.id ?? addSource(store, 'aws', sourceName, { regions: ['us-east-1'], importOnly: true });
  const runId = startRun(store, sourceId, { source: sourceName, type: 'aws', import: parsed.kind, file: parsed.importedFile });
  const completeness = parsed.errors.length ? 'partial' : 'complete';
  const [item] = recordItems(store, { runId, sourceId }, [
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
        error: parsed.errors.length ? parsed.errors.join('; ') : null,
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
  finishRun(store, runId, completeness, parsed.errors.length ? parsed.errors.join('; ') : null, { items: 1 });
  return { source: sourceName, kind: parsed.kind, seq: item!.seq, contentSha256: item!.contentSha256, completeness, scope: parsed.scope, file: parsed.importedFile, records: parsed.recordsRetrieved, errors: parsed.errors };
}

const importer = (summary: string, parse: (path: string, now: string) => ParsedImport) =>
  procedure({
    summary,
    input,
    handler(ctx, i) {
      const startedAt = ctx.clock().toISOString();
      // Parse and validate everything first: a bad file leaves the store (and its log) untouched.
      const parsed = parse(resolve(i.file), startedAt);
      return recordImport(ctx, i.source ?? DEFAULT_SOURCE, parsed, startedAt);
    },
  });

export const importAwsProcedures = {
  'import.aws-gaad': importer(
    'Import `aws iam get-account-authorization-details` output (CLI JSON or SDK pages; policies decoded either way) as aws.iam.',
    (path) => parseGaadFile(path),
  ),
  'import.aws-credential-report': importer(
    'Import an IAM credential report: the CSV (`aws iam get-credential-report --query Content --output text | base64 -d`) or the JSON with base64 Content.',
    (path, now) => parseCredentialReportFile(path, now),
  ),
  'import.aws-s3': importer(
    `Import a folder of \`aws s3api get-bucket-*\` outputs: DIR/<bucket>/{lifecycle,object-lock,versioning,encryption,public-access-block,policy,logging}.json with stderr in the matching .err file. Produce it with: ${S3_EXPORT_SCRIPT}`,
    (path) => parseS3Dir(path),
  ),
};
