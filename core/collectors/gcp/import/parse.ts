import { closeSync, openSync, readSync } from 'node:fs';
import { z } from 'zod';
import { AppError, formatZodError } from '../../../util/errors';
import { readImportFile, type ImportedFile } from '../../../import/import-file';
import type { Scope } from '../../../evidence/ipe';
import { canonicalBucket, rawBucketSchema } from '../canonical/bucket';
import { policySchema } from '../canonical/policy';
import type { GcpKind } from '../config';
import { iamContent } from '../kinds/iam';
import { storageContent } from '../kinds/storage';
import { detectGcloudShape } from './detect';
import { rawFromNormalised } from './normalised';

export interface GcpParsedImport {
  kind: GcpKind;
  scope: Scope;
  content: unknown;
  importedFile: { name: string; sha256: string; bytes: number };
  command: string;
  recordsRetrieved: number;
  notes: string[];
}

const PROJECT_IN_NAME = /^([a-z][a-z0-9-]{4,28}[a-z0-9])\.iam-policy\.json$/;

/** gcloud prints YAML unless told `--format=json`: say that, rather than "not JSON". */
function readGcloudFile(path: string): ImportedFile {
  try {
    return readImportFile(path);
  } catch (err) {
    if (!(err instanceof AppError) || !/ is not JSON /.test(err.message)) throw err;
    const head = Buffer.alloc(512);
    const fd = openSync(path, 'r');
    const n = (() => {
      try {
        return readSync(fd, head, 0, head.length, 0);
      } finally {
        closeSync(fd);
      }
    })();
    const text = head.subarray(0, n).toString('utf8');
    if (/^(---\s*\n)?[A-Za-z_]+:(\s|$)/m.test(text) && !text.trimStart().startsWith('{')) {
      throw new AppError(
        'BAD_INPUT',
        `${path} looks like gcloud's default YAML output; re-run the command with --format=json. Nothing was imported.`,
      );
    }
    throw err;
  }
}

const parsed = <S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> => {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError('BAD_INPUT', `${where}: ${formatZodError(r.error).slice(0, 300)}. Nothing was imported.`);
  return r.data;
};

/**
 * Parses and validates a whole gcloud export before anything is written. `project` comes from the source the
 * admin named; failing that, an IAM policy file may carry it in its name (`PROJECT.iam-policy.json`), since
 * `gcloud projects get-iam-policy` prints no project, and a bucket file from its projectNumber.
 */
export function parseGcloudImport(path: string, asOf: string, project: string | null, kindHint?: string): GcpParsedImport {
  const file = readGcloudFile(path);
  const shape = detectGcloudShape(file.json, file.name);
  const importedFile = { name: file.name, sha256: file.sha256, bytes: file.bytes };
  const kind: GcpKind = shape.shape === 'iam-policy' ? 'gcp.iam' : 'gcp.storage.retention';
  if (kindHint && kindHint !== kind) throw new AppError('BAD_INPUT', `${file.name} holds ${kind} evidence, not ${kindHint}. Nothing was imported.`);
  if (shape.shape === 'iam-policy') {
    const p = project ?? file.name.match(PROJECT_IN_NAME)?.[1] ?? null;
    if (!p) {
      throw new AppError(
        'BAD_INPUT',
        `${file.name} is a project IAM policy, but gcloud does not write the project into it: name the file PROJECT.iam-policy.json, or pass --source naming a gcp source with that project. Nothing was imported.`,
      );
    }
    const content = iamContent(p, parsed(policySchema, shape.policy, file.name), asOf);
    return {
      kind,
      scope: { project: p },
      content,
      importedFile,
      command: `gcloud projects get-iam-policy ${p} --format=json > ${file.name}`,
      recordsRetrieved: content.bindings.length,
      notes: [`Conditions are judged as of the import time (${asOf}); gcloud's output does not say when it was written.`],
    };
  }
  const raws = shape.buckets.map((b, i) =>
    parsed(rawBucketSchema, shape.form === 'normalised' ? rawFromNormalised(b) : b, shape.list ? `${file.name}, bucket ${i + 1}` : file.name),
  );
  const p = project ?? raws.find((b) => b.projectNumber)?.projectNumber ?? null;
  if (!p)
    throw new AppError(
      'BAD_INPUT',
      `${file.name} does not name its project (gcloud's normalised shape has no projectNumber): pass --source naming a gcp source with that project, or export with --raw. Nothing was imported.`,
    );
  const buckets = raws.map((b) => canonicalBucket(b, { status: 'not_in_export' }));
  const raw = shape.form === 'raw' ? ' --raw' : '';
  const command = shape.list
    ? `gcloud storage buckets list --project=${p} --format=json${raw} > ${file.name}`
    : `gcloud storage buckets describe gs://${raws[0]!.name} --format=json${raw} > ${file.name}`;
  const notes = [
    "Bucket IAM policies are not part of gcloud's bucket output (iamPolicy: not_in_export); live collection records them.",
    ...(shape.form === 'normalised' ? ["gcloud's normalised shape omits the uniform bucket-level access lock time; --raw keeps it."] : []),
    ...(project === null ? [`The project is identified by its number (${p}) from the file, not by its id.`] : []),
  ];
  return { kind, scope: { project: p }, content: storageContent(p, buckets, asOf), importedFile, command, recordsRetrieved: buckets.length, notes };
}
