import { AppError } from '../../../util/errors';

type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const EXPECTED =
  '`az role assignment list --all -o json` or `az storage account management-policy show -g RG --account-name ACCOUNT -o json` output';

export type AzureShape =
  | { shape: 'role-assignments'; form: 'az' | 'rest'; rows: Obj[]; nextLink: string | null }
  | { shape: 'management-policy'; form: 'az' | 'rest'; policy: Obj };

const isAzAssignment = (o: Obj) => typeof o.principalId === 'string' && typeof o.roleDefinitionId === 'string' && typeof o.scope === 'string';
const isRestAssignment = (o: Obj) => typeof o.id === 'string' && isObj(o.properties) && isAzAssignment(o.properties);
const rules = (o: unknown) => isObj(o) && isObj(o.policy) && Array.isArray(o.policy.rules);

/** What a file that is not ours looks like, so the refusal says which command (or importer) it came from. */
export function lookalike(v: unknown): string {
  if (Array.isArray(v)) {
    const first = v.find(isObj);
    if (!first) return v.length ? 'a JSON list without objects' : 'an empty JSON list';
    if ('roleName' in first && 'permissions' in first) return 'a role definition list (`az role definition list`), not role assignments';
    if ('principalId' in first && 'roleDefinitionId' in first) return 'a role assignment list with rows missing a scope';
    if ('isDefault' in first && 'tenantId' in first) return 'a subscription list (`az account list`)';
    if ('primaryEndpoints' in first || (first.type === 'Microsoft.Storage/storageAccounts' && 'sku' in first))
      return 'a storage account list (`az storage account list`); accounts are collected live';
    if ('bindings' in first || 'members' in first) return 'GCP IAM bindings (use `import gcp`)';
    if (first.kind === 'storage#bucket' || 'lifecycle_config' in first || 'storage_url' in first)
      return 'a GCS bucket list (`gcloud storage buckets list`; use `import gcp`)';
    if ('versionId' in first && 'displayName' in first) return 'a Vertex AI model list (`gcloud ai models list`)';
    return `a JSON list of objects with keys ${Object.keys(first).slice(0, 6).join(', ')}`;
  }
  if (!isObj(v)) return `a JSON ${v === null ? 'null' : typeof v}`;
  if ('bindings' in v && 'etag' in v) return 'a GCP IAM policy (`gcloud projects get-iam-policy`; use `import gcp`)';
  if (v.kind === 'storage#bucket' || 'lifecycle_config' in v) return 'a GCS bucket (`gcloud storage buckets describe`; use `import gcp`)';
  if ('UserDetailList' in v || 'RoleDetailList' in v) return 'an AWS IAM authorization-details export (use `import aws-gaad`)';
  if ('Content' in v && 'ReportFormat' in v) return 'an AWS credential report (use `import aws-credential-report`)';
  if ('Rules' in v || 'TransitionDefaultMinimumObjectSize' in v) return 'an S3 lifecycle configuration (see `import aws-s3`)';
  if ('model_versions' in v || 'registered_models' in v) return 'an MLflow REST response (use `import mlflow`)';
  if ('isDefault' in v && 'tenantId' in v && 'user' in v) return 'the current login (`az account show`), not an export of assignments or policies';
  if ('deleteRetentionPolicy' in v || (isObj(v.properties) && 'deleteRetentionPolicy' in v.properties))
    return 'blob service properties (`az storage account blob-service-properties show`); these are collected live';
  if ('immutabilityPeriodSinceCreationInDays' in v || (isObj(v.properties) && 'immutabilityPeriodSinceCreationInDays' in v.properties))
    return 'a container immutability policy; these are collected live';
  if ('roleName' in v && 'permissions' in v) return 'one role definition (`az role definition list`), not role assignments';
  return `a JSON object with keys ${Object.keys(v).slice(0, 8).join(', ') || '(none)'}`;
}

export function refuse(name: string, v: unknown): never {
  throw new AppError('BAD_INPUT', `${name} looks like ${lookalike(v)}, not ${EXPECTED}. Nothing was imported.`);
}

/** Which az command wrote the file, from its shape alone (az adds no header or marker). `az rest` output is accepted too. */
export function detectAzureShape(json: unknown, name: string): AzureShape {
  if (Array.isArray(json)) {
    if (json.length > 0 && json.every((r) => isObj(r) && isAzAssignment(r)))
      return { shape: 'role-assignments', form: 'az', rows: json as Obj[], nextLink: null };
    return refuse(name, json);
  }
  if (isObj(json) && Array.isArray(json.value) && json.value.length > 0 && json.value.every((r) => isObj(r) && isRestAssignment(r))) {
    return { shape: 'role-assignments', form: 'rest', rows: json.value as Obj[], nextLink: typeof json.nextLink === 'string' ? json.nextLink : null };
  }
  if (isObj(json) && rules(json)) return { shape: 'management-policy', form: 'az', policy: json };
  if (isObj(json) && isObj(json.properties) && rules(json.properties)) return { shape: 'management-policy', form: 'rest', policy: json };
  return refuse(name, json);
}
