import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeS3Folder } from './demo-history-s3';

/**
 * The admin exports behind the demo's 12-week history, written as the files an administrator would have saved each
 * week (MLflow `users/get` and `model-versions/search` JSON, `aws iam get-credential-report` JSON, an `aws s3api`
 * folder), so the demo goes through the same import code as a real user's files. What changes between weeks:
 * the promotion of fraud-detector v3 (week 5: the base files' second state), a joiner (erin) and a downgrade at
 * the same time, bob leaving (week 9), and one week whose S3 export lacks a bucket's lifecycle (AccessDenied).
 */
export interface WeekState {
  /** The day the files are evidence for (YYYY-MM-DD). */
  day: string;
  /** The day fraud-detector v3 was promoted (v2 archived), once it has happened. */
  promotedOn: string | null;
  bobLeft: boolean;
  /** The S3 export lacks one bucket's lifecycle: the import is recorded as partial. */
  lifecycleDenied: boolean;
}

interface MlflowVersion {
  name: string;
  version: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  user_id: string;
}

const readJson = <T>(dir: string, name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;
const at = (day: string, hours = 0) => Date.parse(`${day}T00:00:00Z`) + hours * 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

/** Model versions as of `state.day`: version timestamps moved into the demo window (the base files are from 2025). */
function modelVersions(demoDir: string, state: WeekState, firstDay: string): unknown {
  const promoted = state.promotedOn;
  const base = readJson<{ model_versions: MlflowVersion[] }>(demoDir, promoted ? 'mlflow-model-versions-2.json' : 'mlflow-model-versions-1.json');
  const created = (v: MlflowVersion) => (v.version === '4' && promoted ? at(promoted, 2) : at(firstDay, -30 * 24) + Number(v.version) * 3_600_000);
  const touched = (v: MlflowVersion) => promoted && v.name === 'fraud-detector' && (v.version === '2' || v.version === '3');
  return {
    model_versions: base.model_versions.map((v) => ({
      ...v,
      creation_timestamp: created(v),
      last_updated_timestamp: touched(v) ? at(promoted!, 10) : created(v) + 60_000,
    })),
  };
}

function users(demoDir: string, state: WeekState): unknown {
  const base = readJson<{ user: { username: string } }[]>(demoDir, state.promotedOn ? 'mlflow-users-2.json' : 'mlflow-users-1.json');
  return base.filter((u) => !(state.bobLeft && u.user.username === 'bob@example.com'));
}

const REPORT_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

/** `aws iam get-credential-report` output: the CSV in base64 and the report's own GeneratedTime (the week's day). */
function credentialReport(state: WeekState, firstDay: string): unknown {
  const since = iso(at(firstDay, -90 * 24));
  const used = iso(at(state.day, -20));
  const arn = (u: string) => `arn:aws:iam::123456789012:${u === '<root_account>' ? 'root' : `user/${u}`}`;
  const person = (u: string, mfa = true) =>
    [
      u,
      arn(u),
      since,
      'true',
      used,
      since,
      'N/A',
      String(mfa),
      'false',
      'N/A',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'N/A',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'N/A',
      'false',
      'N/A',
    ].join(',');
  const rows = [
    [
      '<root_account>',
      arn('<root_account>'),
      since,
      'not_supported',
      'no_information',
      'not_supported',
      'not_supported',
      'true',
      'false',
      'N/A',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'N/A',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'N/A',
      'false',
      'N/A',
    ].join(','),
    person('alice'),
    ...(state.bobLeft ? [] : [person('bob')]),
    person('carol'),
    ...(state.promotedOn ? [person('erin', false)] : []),
    [
      'ci-deployer',
      arn('ci-deployer'),
      since,
      'false',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'true',
      since,
      used,
      'us-east-1',
      's3',
      'false',
      'N/A',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'N/A',
      'false',
      'N/A',
    ].join(','),
  ];
  const csv = [REPORT_HEADER, ...rows].join('\n') + '\n';
  return { Content: Buffer.from(csv).toString('base64'), ReportFormat: 'text/csv', GeneratedTime: iso(at(state.day, 6)) };
}

export interface WeekFiles {
  mlflowVersions: string;
  mlflowUsers: string;
  awsCredentialReport: string;
  awsS3: string;
}

/** Writes one week's exports into `<root>/<day>/` and returns their paths. */
export function writeWeekFiles(root: string, demoDir: string, state: WeekState, firstDay: string): WeekFiles {
  const dir = join(root, state.day);
  mkdirSync(dir, { recursive: true });
  const files: WeekFiles = {
    mlflowVersions: join(dir, 'mlflow-model-versions.json'),
    mlflowUsers: join(dir, 'mlflow-users.json'),
    awsCredentialReport: join(dir, 'aws-credential-report.json'),
    awsS3: join(dir, 's3'),
  };
  writeFileSync(files.mlflowVersions, JSON.stringify(modelVersions(demoDir, state, firstDay), null, 1));
  writeFileSync(files.mlflowUsers, JSON.stringify(users(demoDir, state), null, 1));
  writeFileSync(files.awsCredentialReport, JSON.stringify(credentialReport(state, firstDay), null, 2));
  writeS3Folder(files.awsS3, state);
  return files;
}
