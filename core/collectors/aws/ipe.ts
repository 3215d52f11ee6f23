import { makeIpe, type Ipe } from '../../evidence/ipe';
import type { CallLog } from './call-log';
import type { AwsConfig } from './config';
import type { TracedIpeInput } from '../../collector-runtime/traced-ipe';

/** The re-runnable CLI line: same profile, region and endpoint; never a secret (none is in the config). */
export function cliCommand(commands: string[], config: Pick<AwsConfig, 'profile' | 'endpoint'>, region: string | null): string {
  const flags = [
    config.profile ? `--profile ${config.profile}` : '',
    region ? `--region ${region}` : '',
    config.endpoint ? `--endpoint-url ${config.endpoint}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return commands
    .map((c) => {
      const pipe = c.indexOf(' | ');
      return pipe < 0 ? `${c} ${flags}`.trim() : `${c.slice(0, pipe)} ${flags}${c.slice(pipe)}`.replace(/ {2,}/g, ' ');
    })
    .join(' ; ');
}

/** The API version of each kind's service (AWS versions every service API separately). */
export const API_VERSIONS: Record<string, string> = {
  'aws.iam': 'iam 2010-05-08',
  'aws.credential-report': 'iam 2010-05-08',
  'aws.s3.retention': 's3 2006-03-01',
  'aws.logs.retention': 'logs 2014-03-28',
  'aws.cloudtrail': 'cloudtrail 2013-11-01',
  'aws.sagemaker.registry': 'sagemaker 2017-07-24',
};

/** The same fields every REST producer gives (collector-runtime/traced-ipe.ts), with the SDK's call log and total. */
export interface IpeInput extends Omit<TracedIpeInput, 'trace'> {
  log: CallLog | null;
  apiTotal: number | null;
}

export function awsIpe(i: IpeInput): Ipe {
  return makeIpe({
    source: i.source,
    endpoints: i.log ? [...i.log.endpoints].sort() : [],
    apiVersion: API_VERSIONS[i.kind] ?? null,
    serverVersion: null,
    parameters: i.parameters,
    pages: i.log?.pages ?? 0,
    recordsRetrieved: i.recordsRetrieved,
    apiTotal: i.apiTotal,
    requestIds: i.log?.requestIds ?? [],
    serverDates: i.log?.serverDates ?? [],
    actor: i.actor,
    toolVersion: i.toolVersion,
    command: i.command,
    completeness: i.completeness,
    error: i.error,
    provenance: i.provenance,
    startedAt: i.startedAt,
    finishedAt: i.finishedAt,
    notes: i.notes?.length ? i.notes : undefined,
    importedFile: i.importedFile,
  });
}
