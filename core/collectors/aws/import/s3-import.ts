import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../../../util/errors';
import { decodeUtf8 } from '../../../util/utf8';
import { sha256Hex } from '../../../util/canonical';
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
import { MAX_IMPORT_BYTES, checkSize, fileSize, readGuardedBytes } from './file-guard';
import { parseS3Output } from './s3-shapes';
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
  // A file that is not its command's output refuses the whole import (s3-shapes.ts says why).
  if (json !== null && json.trim() !== '') return settingFromResponse(name, parseS3Output(name, json, `${bucket}/${S3_FILE_NAMES[name]}.json`));
  if (err !== null && err.trim() !== '') {
    // awscli: "An error occurred (NoSuchLifecycleConfiguration) when calling the GetBucketLifecycleConfiguration operation: …"
    const code = /An error occurred \(([A-Za-z0-9]+)\)/.exec(err)?.[1] ?? 'UnrecognizedError';
    return settingFromError(name, code, err.trim());
  }
  // get-bucket-versioning / get-bucket-logging print nothing when never configured; other empty outputs are gaps.
  if (json !== null && S3_SETTINGS[name].notConfigured === null) return { status: 'not_configured', code: null };
  return {
    status: 'error',
    call: S3_SETTINGS[name].call,
    code: 'NotProvided',
    message: `no ${S3_FILE_NAMES[name]}.json or .err output in the export`,
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Size of an export file, or null when absent (a dangling symlink counts as absent); devices and FIFOs are refused. */
function sizeIfPresent(path: string, rel: string): number | null {
  try {
    return fileSize(path, rel);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}

/** DIR/<bucket>/{lifecycle,object-lock,versioning,encryption,public-access-block,policy,logging}.{json,err}. */
export function parseS3Dir(dir: string): ParsedImport {
  if (!isDirectory(dir)) throw new AppError('BAD_INPUT', `${dir} is not a directory; expected one folder per bucket (see \`import aws-s3 --help\`).`);
  const bucketDirs = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  // Sizes of every file before any read; anything but a regular file (a device, a FIFO) is refused unopened.
  const sizes = new Map<string, number>();
  for (const rel of bucketDirs.flatMap((b) => S3_SETTING_NAMES.flatMap((n) => ['json', 'err'].map((ext) => join(b, `${S3_FILE_NAMES[n]}.${ext}`))))) {
    const size = sizeIfPresent(join(dir, rel), rel);
    if (size !== null) sizes.set(rel, size);
  }
  if (sizes.size === 0)
    throw new AppError('BAD_INPUT', `${dir} holds no bucket folders with get-bucket-* outputs (expected e.g. <bucket>/lifecycle.json).`);
  checkSize(
    [...sizes.values()].reduce((n, s) => n + s, 0),
    dir,
  );
  const manifest: string[] = [];
  let bytes = 0;
  const read = (rel: string): string | null => {
    if (!sizes.has(rel)) return null;
    const data = readGuardedBytes(join(dir, rel), rel, MAX_IMPORT_BYTES - bytes);
    bytes += data.length;
    manifest.push(`${sha256Hex(data)}  ${rel}`);
    return decodeUtf8(data, rel);
  };
  const buckets: BucketRetention[] = bucketDirs.map((name) => {
    const settings = S3_SETTING_NAMES.map((n) =>
      settingFromFiles(n, name, read(join(name, `${S3_FILE_NAMES[n]}.json`)), read(join(name, `${S3_FILE_NAMES[n]}.err`))),
    );
    return { name, ...Object.fromEntries(S3_SETTING_NAMES.map((n, i) => [n, settings[i]!])) } as BucketRetention;
  });
  manifest.sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : 1)); // byte order, as `LC_ALL=C sort`
  const manifestText = manifest.map((l) => `${l}\n`).join('');
  return {
    kind: 'aws.s3.retention',
    scope: {},
    content: canonicalS3(buckets),
    // A folder has no single hash: this is the sha256 of its `sha256sum`-style manifest (sorted by path).
    importedFile: { name: basename(dir), sha256: sha256Hex(manifestText), bytes },
    command: S3_EXPORT_SCRIPT,
    recordsRetrieved: buckets.length,
    errors: bucketErrors(buckets),
    notes: [`importedFile.sha256 is the SHA-256 of the manifest "sha256  path" lines (sorted by path) of ${manifest.length} files.`],
  };
}
