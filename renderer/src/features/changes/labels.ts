/** Plain names for change types, in the words of an access review or a change-management test. */
const NAMES: Record<string, string> = {
  user_added: 'Joiner',
  user_removed: 'Leaver',
  user_recreated: 'Account re-created',
  admin_changed: 'Admin rights changed',
  permission_granted: 'Permission granted',
  permission_revoked: 'Permission revoked',
  permission_changed: 'Role changed',
  group_membership_added: 'Added to group',
  group_membership_removed: 'Removed from group',
  policy_attached: 'Policy attached',
  policy_detached: 'Policy detached',
  mfa_enabled: 'MFA enabled',
  mfa_disabled: 'MFA disabled',
  stage_changed: 'Stage change (promotion)',
  alias_moved: 'Alias moved',
  alias_added: 'Alias added',
  alias_removed: 'Alias removed',
  version_created: 'New model version',
  version_deleted: 'Model version deleted',
  approval_changed: 'Approval changed',
  lifecycle_rule_added: 'Retention rule added',
  lifecycle_rule_removed: 'Retention rule removed',
  lifecycle_read_state_changed: 'Lifecycle readable / unreadable',
};

export function changeName(type: string): string {
  const n = NAMES[type];
  if (n) return n;
  const words = type.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function changeTone(type: string): 'ok' | 'warn' | 'bad' | 'info' | 'muted' {
  if (/removed|revoked|deleted|disabled|detached|purged/.test(type)) return 'bad';
  if (/added|granted|created|enabled|attached/.test(type)) return 'ok';
  if (/changed|moved|stage/.test(type)) return 'warn';
  return 'info';
}

/** A before/after value as words: lists joined, objects as "key: value" pairs, nothing as raw JSON. */
export function valueText(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return 'none';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length ? v.map(valueText).join('; ') : 'none';
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${valueText(x)}`)
      .join(' · ');
  }
  return JSON.stringify(v);
}

export const seriesTitle = (kind: string) =>
  ({
    'mlflow.registry': 'Model registry: promotions and alias moves',
    'mlflow.access': 'MLflow access: joiners, leavers and role changes',
    'mlflow.retention': 'MLflow retention: deletions and gc',
    'mlflow.lineage': 'Model lineage',
    'aws.iam': 'AWS IAM: joiners, leavers and policy changes',
    'aws.credential-report': 'AWS credentials: MFA and keys',
    'aws.s3.retention': 'S3 retention rules',
    'aws.logs.retention': 'CloudWatch Logs retention',
    'aws.cloudtrail': 'CloudTrail logging',
    'aws.sagemaker.registry': 'SageMaker model registry',
    'gcp.iam': 'GCP IAM: joiners, leavers and role changes',
    'gcp.storage.retention': 'Cloud Storage retention rules and locks',
    'gcp.vertex.registry': 'Vertex AI model registry',
    'wandb.access': 'W&B access: team members and roles',
    'wandb.registry': 'W&B registry: versions and aliases',
    'wandb.retention': 'W&B artifact TTLs',
    'azure.rbac': 'Azure role assignments',
    'azure.storage.retention': 'Azure storage retention',
    'azure.ml.registry': 'Azure ML model registry',
  })[kind] ?? `Changes in ${kind}`;
