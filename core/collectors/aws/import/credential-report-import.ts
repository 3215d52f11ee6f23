import { AppError } from '../../../util/errors';
import { canonicalCredentialReport } from '../canonical/credential-report';
import { parseJson, readGuarded } from './file-guard';
import type { ParsedImport } from './types';

export const CREDENTIAL_REPORT_COMMAND =
  'aws iam generate-credential-report ; aws iam get-credential-report --query Content --output text | base64 -d > cred.csv';

/** The CSV itself, or the JSON of `aws iam get-credential-report` ({Content: base64, ReportFormat, GeneratedTime}). */
export function parseCredentialReportFile(path: string, importedAt: string): ParsedImport {
  const { text, file } = readGuarded(path, 'Credential report');
  let csv = text;
  let generatedTime: string | null = null;
  if (text.trimStart().startsWith('{')) {
    const json = parseJson(text, path, 'the JSON output of `aws iam get-credential-report`') as {
      Content?: unknown;
      GeneratedTime?: unknown;
      ReportFormat?: unknown;
    };
    if (typeof json.Content !== 'string')
      throw new AppError('BAD_INPUT', `${file.name}: JSON without a base64 "Content" field is not \`aws iam get-credential-report\` output.`);
    csv = Buffer.from(json.Content, 'base64').toString('utf8');
    const t = typeof json.GeneratedTime === 'string' ? new Date(json.GeneratedTime) : null;
    generatedTime = t && !Number.isNaN(t.getTime()) ? t.toISOString() : null;
  }
  const content = canonicalCredentialReport(csv, generatedTime, importedAt);
  const account = content.rows.map((r) => /^arn:([a-z-]+):iam::(\d{12}):/.exec(r.arn)).find(Boolean);
  return {
    kind: 'aws.credential-report',
    scope: account ? { account: account[2]!, partition: account[1]! } : {},
    content,
    importedFile: file,
    command: CREDENTIAL_REPORT_COMMAND,
    recordsRetrieved: content.rows.length,
    errors: [],
    notes:
      content.asOfBasis === 'GeneratedTime' ? [] : [`Ages are computed as of the import (${content.asOfBasis.replace('collection', 'import')}).`],
  };
}
