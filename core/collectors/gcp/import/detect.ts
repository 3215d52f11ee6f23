import { AppError } from '../../../util/errors';
import { isNormalisedBucket } from './normalised';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export type GcloudShape = { shape: 'iam-policy'; policy: Obj } | { shape: 'buckets'; form: 'raw' | 'normalised'; buckets: Obj[]; list: boolean };

export const EXPECTED =
  '`gcloud projects get-iam-policy PROJECT --format=json`, `gcloud storage buckets describe gs://BUCKET --format=json [--raw]` or `gcloud storage buckets list --format=json --raw` output';

const isRawBucket = (o: Obj) =>
  o.kind === 'storage#bucket' ||
  (typeof o.name === 'string' && ('timeCreated' in o || 'storageClass' in o || 'projectNumber' in o) && !('bindings' in o));
const isBucket = (o: Obj) => isRawBucket(o) || isNormalisedBucket(o);
const POLICY_KEYS = new Set(['version', 'etag', 'bindings', 'auditConfigs']);
const isProjectPolicy = (o: Obj) =>
  (Array.isArray(o.bindings) || Array.isArray(o.auditConfigs) || typeof o.etag === 'string') && Object.keys(o).every((k) => POLICY_KEYS.has(k));

/** What a file that is not ours looks like, so the refusal can say which command (or importer) it came from. */
function lookalike(v: unknown): string {
  if (Array.isArray(v)) {
    const first = v.find(isObj);
    if (!first) return 'a JSON list without objects';
    if ('principalId' in first && 'roleDefinitionId' in first) return 'an Azure role assignment list (`az role assignment list`; use `import azure`)';
    if ('versionId' in first && 'displayName' in first)
      return 'a Vertex AI model list (`gcloud ai models list`); Vertex models are collected live, not imported';
    if ('projectId' in first) return 'a project list (`gcloud projects list`)';
    return `a JSON list of objects with keys ${Object.keys(first).slice(0, 6).join(', ')}`;
  }
  if (!isObj(v)) return `a JSON ${v === null ? 'null' : typeof v}`;
  if (v.kind === 'storage#policy' || String(v.resourceId ?? '').startsWith('projects/_/buckets/')) {
    return "a bucket's IAM policy (`gcloud storage buckets get-iam-policy`); bucket IAM is collected live with the bucket";
  }
  if ('UserDetailList' in v || 'RoleDetailList' in v) return 'an AWS IAM authorization-details export (use `import aws-gaad`)';
  if ('Content' in v && 'ReportFormat' in v) return 'an AWS credential report (use `import aws-credential-report`)';
  if ('Rules' in v || 'TransitionDefaultMinimumObjectSize' in v)
    return 'an S3 lifecycle configuration (`aws s3api get-bucket-lifecycle-configuration`; see `import aws-s3`)';
  if ('model_versions' in v || 'registered_models' in v || 'users' in v) return 'an MLflow REST response (use `import mlflow`)';
  if (isObj(v.policy) && Array.isArray((v.policy as Obj).rules))
    return 'an Azure storage management policy (`az storage account management-policy show`; use `import azure`)';
  if ('projectId' in v && ('lifecycleState' in v || 'projectNumber' in v))
    return 'a project description (`gcloud projects describe`), not its IAM policy';
  if ('versionId' in v && 'displayName' in v) return 'a Vertex AI model (`gcloud ai models describe`); Vertex models are collected live';
  if ('bindings' in v) return 'an IAM policy with extra fields this importer does not know';
  return `a JSON object with keys ${Object.keys(v).slice(0, 8).join(', ') || '(none)'}`;
}

export function refuse(name: string, v: unknown): never {
  throw new AppError('BAD_INPUT', `${name} looks like ${lookalike(v)}, not ${EXPECTED}. Nothing was imported.`);
}

/** Which gcloud command wrote the file, from its shape alone (gcloud adds no header or marker). */
export function detectGcloudShape(json: unknown, name: string): GcloudShape {
  if (Array.isArray(json)) {
    // `gcloud storage buckets list --format=json` of a project without buckets prints [].
    if (json.length === 0) return { shape: 'buckets', form: 'raw', buckets: [], list: true };
    if (!json.every((b) => isObj(b) && isBucket(b))) refuse(name, json);
    const forms = new Set(json.map((b) => (isNormalisedBucket(b as Obj) ? 'normalised' : 'raw')));
    if (forms.size > 1)
      throw new AppError('BAD_INPUT', `${name} mixes gcloud's normalised and --raw bucket shapes; export all with --raw. Nothing was imported.`);
    return { shape: 'buckets', form: [...forms][0] as 'raw' | 'normalised', buckets: json as Obj[], list: true };
  }
  if (isObj(json) && isBucket(json)) return { shape: 'buckets', form: isNormalisedBucket(json) ? 'normalised' : 'raw', buckets: [json], list: false };
  if (isObj(json) && isProjectPolicy(json)) return { shape: 'iam-policy', policy: json };
  return refuse(name, json);
}
