type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);

/** gcloud's normalised `storage buckets describe` output: snake_case outside, the API's camelCase inside. */
export const isNormalisedBucket = (o: Obj): boolean => typeof o.storage_url === 'string' || 'creation_time' in o || 'default_storage_class' in o;

/**
 * Back to the storage v1 JSON API shape (what `--raw` prints), field by field as gcloud 528 renames them
 * (googlecloudsdk/command_lib/storage/resources/gcs_resource_reference.py). The normalised form has no
 * uniform-bucket-level-access lockedTime and no projectNumber: those stay absent.
 */
export function rawFromNormalised(n: Obj): Obj {
  const retentionMode = obj(n.per_object_retention)?.mode ?? (typeof n.per_object_retention === 'string' ? n.per_object_retention : undefined);
  const out: Obj = {
    name: n.name,
    location: n.location,
    storageClass: n.default_storage_class,
    timeCreated: n.creation_time,
    updated: n.update_time,
    metageneration: n.metageneration,
    lifecycle: n.lifecycle_config,
    retentionPolicy: n.retention_policy,
    softDeletePolicy: n.soft_delete_policy,
    versioning: n.versioning_enabled === undefined ? undefined : { enabled: n.versioning_enabled },
    iamConfiguration: {
      uniformBucketLevelAccess: n.uniform_bucket_level_access === undefined ? undefined : { enabled: n.uniform_bucket_level_access },
      publicAccessPrevention: n.public_access_prevention,
    },
    logging: n.logging_config,
    encryption: n.default_kms_key === undefined ? undefined : { defaultKmsKeyName: n.default_kms_key },
    objectRetention: retentionMode === undefined ? undefined : { mode: retentionMode },
    defaultEventBasedHold: n.default_event_based_hold,
    labels: n.labels,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined && v !== null));
}
