import { GenerateCredentialReportCommand, GetCredentialReportCommand } from '@aws-sdk/client-iam';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../util/errors';
import { canonicalCredentialReport } from '../canonical/credential-report';
import { awsErrorCode } from '../errors';
import { checkAborted, type KindCollector } from './types';

/** AWS usually finishes within seconds; a report that is not ready after this is a failure, not a hang. */
export const REPORT_WAIT_MS = 90_000;
const POLL_MS = [250, 500, 1000, 2000, 4000];

/** aws.credential-report: generate, poll until COMPLETE (bounded), then parse all 22 columns. */
export const collectCredentialReport: KindCollector = async (run) => {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    checkAborted(run.signal);
    const gen = await run.clients.iam.send(new GenerateCredentialReportCommand({}));
    if (gen.State === 'COMPLETE') break;
    if (Date.now() - started > REPORT_WAIT_MS) {
      throw new AppError('BAD_RESPONSE', `GenerateCredentialReport: report still ${gen.State} after ${REPORT_WAIT_MS / 1000}s`);
    }
    await sleep(POLL_MS[Math.min(attempt, POLL_MS.length - 1)]!, undefined, { signal: run.signal });
  }
  let report;
  try {
    report = await run.clients.iam.send(new GetCredentialReportCommand({}));
  } catch (err) {
    // Generate said COMPLETE; a NotReady here is AWS eventual consistency, worth exactly one more look.
    if (awsErrorCode(err) !== 'CredentialReportNotReadyException' && awsErrorCode(err) !== 'ReportInProgress') throw err;
    await sleep(POLL_MS[2]!, undefined, { signal: run.signal });
    report = await run.clients.iam.send(new GetCredentialReportCommand({}));
  }
  run.page();
  const csv = Buffer.from(report.Content ?? new Uint8Array()).toString('utf8');
  const generatedTime = report.GeneratedTime ? report.GeneratedTime.toISOString() : null;
  const content = canonicalCredentialReport(csv, generatedTime, run.now());
  run.progress(1, content.rows.length);
  return {
    content,
    parameters: { ReportFormat: report.ReportFormat ?? 'text/csv' },
    recordsRetrieved: content.rows.length,
    apiTotal: null,
    commands: ['aws iam generate-credential-report', 'aws iam get-credential-report --query Content --output text | base64 -d'],
    errors: [],
    notes: content.asOfBasis === 'GeneratedTime' ? [] : [`Key and credential ages are computed as of ${content.asOfBasis}.`],
  };
};
