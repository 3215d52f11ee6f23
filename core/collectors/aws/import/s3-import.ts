import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../../../util/errors';
import { jsonTooDeep, tooDeepMessage } from '../../../util/json-depth';
import {
  S3_SETTINGS,
  S3_SETTING_NAMES,
  bucketErrors,
  canonicalS3,
  settingFromError,
  settingFromResponse,
  type BucketRetention,
  type S3Setting,
  type S3SettingName,
} from '../canonical/s3-retention';
import { checkSize } from './file-guard';
import type { ParsedImport } from './types';

/** File base names inside DIR/<bucket>/: `<base>.json` holds stdout, `<base>.err` stderr (the "not configured" text). */
export const S3_FILE_NAMES: Record<S3SettingName, string> = {
  lifecycle: 'lifecycle',
  objectLock: 'object-lock',
  versioning: 'versioning',
  encryption: 'encryption',
  publicAccessBlock: 'public-access-block',
  policy: 'policy',
  logging: 'logging',
};

export const S3_EXPORT_SCRIPT = [
  'for b in $(aws s3api list-buckets --query "Buckets[].Name" --output text); do mkdir -p s3/$b;',
  ...S3_SETTING_NAMES.map((n) => ` aws s3api ${S3_SETTINGS[n].cli} --bucket $b > s3/$b/${S3_FILE_NAMES[n]}.json 2> s3/$b/${S3_FILE_NAMES[n]}.err;`),
  ' done',
].join('');

function settingFromFiles(name: S3SettingName, bucket: string, json: string | null, err: string | null): S3Setting {
  if (json !== null && json.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      return { status: 'error', call: S3_SETTINGS[name].call, code: 'UnreadableFile', message: `${S3_FILE_NAMES[name]}.json is not JSON` };
    }
    if (jsonTooDeep(parsed)) throw new AppError('BAD_INPUT', `${tooDeepMessage(`${bucket}/${S3_FILE_NAMES[name]}.json`)}. Nothing was imported.`);
    return settingFromResponse(name, parsed);
  }
  if (err !== null && err.trim() !== '') {
    // awscli: "An error occurred (NoSuchLifecycleConfiguration) when calling the GetBucketLifecycleConfiguration operation: …"
    const code = /An error occurred \(([A-Za-z0-9]+)\)/.exec(err)?.[1] ?? 'UnrecognizedError';
    return settingFromError(name, code, err.trim());
  }
  // get-bucket-versioning / get-bucket-logging print nothing when never configured; other empty outputs are gaps.
  if (json !== null && S3_SETTINGS[name].notConfigured === null) return { status: 'not_configured', code: null };
  return { status: 'error', call: S3_SETTINGS[name].call, code: 'NotProvided', message: `no ${S3_FILE_NAMES[name]}.json or .err output in the export` };
}

/** DIR/<bucket>/{lifecycle,object-lock,versioning,encryption,public-access-block,policy,logging}.{json,err}. */
export function parseS3Dir(dir: string): ParsedImport {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new AppError('BAD_INPUT', `${dir} is not a directory; expected one folder per bucket (see \`import aws-s3 --help\`).`);
  const bucketDirs = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const files = bucketDirs.flatMap((b) => S3_SETTING_NAMES.flatMap((n) => ['json', 'err'].map((ext) => join(b, `${S3_FILE_NAMES[n]}.${ext}`)))).filter((f) => existsSync(join(dir, f)));
  if (files.length === 0) throw new AppError('BAD_INPUT', `${dir} holds no bucket folders with get-bucket-* outputs (expected e.g. <bucket>/lifecycle.json).`);
  checkSize(files.reduce((n, f) => n + statSync(join(dir, f)).size, 0), dir); // all sizes before any read
  const manifest: string[] = [];
  let bytes = 0;
  const read = (rel: string): string | null => {
    if (!files.includes(rel)) return null;
    const data = readFileSync(join(dir, rel));
    bytes += data.length;
    manifest.push(`${createHash('sha256').update(data).digest('hex')}  ${rel}`);
    return data.toString('utf8');
  };
  const buckets: BucketRetention[] = bucketDirs.map((name) => {
    const settings = S3_SETTING_NAMES.map((n) => settingFromFiles(n, name, read(join(name, `${S3_FILE_NAMES[n]}.json`)), read(join(name, `${S3_FILE_NAMES[n]}.err`))));
    return { name, ...Object.fromEntries(S3_SETTING_NAMES.map((n, i) => [n, settings[i]!])) } as BucketRetention;
  });
  manifest.sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : 1)); // byte order, as `LC_ALL=C sort`
  const manifestText = manifest.map((l) => `${l}\n`).join('');
  return {
    kind: 'aws.s3.retention',
    scope: {},
    content: canonicalS3(buckets),
    // A folder has no single hash: this is the sha256 of its `sha256sum`-style manifest (sorted by path).
    importedFile: { name: basename(dir), sha256: createHash('sha256').update(manifestText).digest('hex'), bytes },
    command: S3_EXPORT_SCRIPT,
    recordsRetrieved: buckets.length,
    errors: bucketErrors(buckets),
    notes: [`importedFile.sha256 is the SHA-256 of the manifest "sha256  path" lines (sorted by path) of ${manifest.length} files.`],
  };
}
