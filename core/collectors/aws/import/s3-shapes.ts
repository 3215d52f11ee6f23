import { z } from 'zod';
import { AppError, formatZodError } from '../../../util/errors';
import { jsonTooDeep, tooDeepMessage } from '../../../util/json-depth';
import { S3_SETTINGS, type S3SettingName } from '../canonical/s3-retention';

/**
 * What each `aws s3api get-bucket-*` command prints on success (awscli JSON; the SDK's output minus $metadata has
 * the same keys). A `.json` file of an `aws-s3` export must have its command's shape: otherwise any JSON file
 * dropped in the folder (an MLflow user list, say) would be read as "nothing configured" and recorded as a
 * complete snapshot ("kept indefinitely, no Object Lock"). Fields we read are typed; others AWS may add pass.
 * Versioning and logging answer `{}` when never configured, so their objects take no other keys: an unrelated
 * object must not pass as "empty".
 */
const int = z.number().int();
const loose = z.looseObject;

const lifecycleRule = loose({
  Status: z.enum(['Enabled', 'Disabled']),
  ID: z.string().optional(),
  Prefix: z.string().optional(),
  Filter: loose({}).optional(),
  Expiration: loose({ Days: int.optional(), Date: z.string().optional(), ExpiredObjectDeleteMarker: z.boolean().optional() }).optional(),
  NoncurrentVersionExpiration: loose({ NoncurrentDays: int.optional() }).optional(),
});

const S3_SHAPES: Record<S3SettingName, { schema: z.ZodType; expected: string }> = {
  lifecycle: { schema: loose({ Rules: z.array(lifecycleRule) }), expected: '{"Rules": [...]}' },
  objectLock: {
    schema: loose({
      ObjectLockConfiguration: loose({
        ObjectLockEnabled: z.string().optional(),
        Rule: loose({
          DefaultRetention: loose({ Mode: z.enum(['GOVERNANCE', 'COMPLIANCE']).optional(), Days: int.optional(), Years: int.optional() }).optional(),
        }).optional(),
      }),
    }),
    expected: '{"ObjectLockConfiguration": {...}}',
  },
  versioning: {
    schema: z.strictObject({ Status: z.enum(['Enabled', 'Suspended']).optional(), MFADelete: z.enum(['Enabled', 'Disabled']).optional() }),
    expected: '{"Status": "Enabled"|"Suspended", "MFADelete": …}, or {} / nothing when never enabled',
  },
  encryption: {
    schema: loose({
      ServerSideEncryptionConfiguration: loose({
        Rules: z.array(
          loose({
            ApplyServerSideEncryptionByDefault: loose({ SSEAlgorithm: z.string(), KMSMasterKeyID: z.string().optional() }).optional(),
            BucketKeyEnabled: z.boolean().optional(),
          }),
        ),
      }),
    }),
    expected: '{"ServerSideEncryptionConfiguration": {"Rules": [...]}}',
  },
  publicAccessBlock: {
    schema: loose({
      PublicAccessBlockConfiguration: loose({
        BlockPublicAcls: z.boolean().optional(),
        IgnorePublicAcls: z.boolean().optional(),
        BlockPublicPolicy: z.boolean().optional(),
        RestrictPublicBuckets: z.boolean().optional(),
      }),
    }),
    expected: '{"PublicAccessBlockConfiguration": {...}}',
  },
  policy: { schema: loose({ Policy: z.string() }), expected: '{"Policy": "<the policy JSON as a string>"}' },
  logging: {
    schema: z.strictObject({ LoggingEnabled: loose({ TargetBucket: z.string(), TargetPrefix: z.string() }).optional() }),
    expected: '{"LoggingEnabled": {"TargetBucket", "TargetPrefix"}}, or {} / nothing when never enabled',
  },
};

/** "an array", "a string", or `an object with the keys "user", "next_page_token"`: what the file looks like. */
function looksLike(json: unknown): string {
  if (Array.isArray(json)) return 'an array';
  if (json === null || typeof json !== 'object') return json === null ? 'null' : `a ${typeof json}`;
  const keys = Object.keys(json);
  if (keys.length === 0) return 'an empty object';
  return `an object with the key(s) ${keys
    .slice(0, 6)
    .map((k) => `"${k}"`)
    .join(', ')}${keys.length > 6 ? ', …' : ''}`;
}

/** The bucket policy inside policy.json: a JSON policy document held as a string (as S3 returns it). */
function checkPolicyText(text: string, file: string): void {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new AppError(
      'BAD_INPUT',
      `${file}: its "Policy" string is not JSON, so it is not \`aws s3api get-bucket-policy\` output. Nothing was imported.`,
    );
  }
  if (jsonTooDeep(doc)) throw new AppError('BAD_INPUT', `${tooDeepMessage(`${file}'s "Policy"`)}. Nothing was imported.`);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || !('Statement' in doc)) {
    throw new AppError('BAD_INPUT', `${file}: its "Policy" is ${looksLike(doc)}, not a policy document with a "Statement". Nothing was imported.`);
  }
}

/**
 * Parses one non-empty `<setting>.json` of an aws-s3 export and checks it has the shape its command prints.
 * `file` is the path shown to the user (`<bucket>/lifecycle.json`). Returns the JSON as parsed, unchanged.
 */
export function parseS3Output(name: S3SettingName, text: string, file: string): unknown {
  const command = `aws s3api ${S3_SETTINGS[name].cli}`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError(
      'BAD_INPUT',
      `${file} is not JSON, so it is not \`${command}\` output (was the CLI's output format text or table? run it with --output json). Nothing was imported.`,
    );
  }
  if (jsonTooDeep(json)) throw new AppError('BAD_INPUT', `${tooDeepMessage(file)}. Nothing was imported.`);
  const shape = S3_SHAPES[name];
  const parsed = shape.schema.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      'BAD_INPUT',
      `${file} is not \`${command}\` output: it is ${looksLike(json)}, expected ${shape.expected} (${formatZodError(parsed.error).slice(0, 200)}). Nothing was imported.`,
    );
  }
  if (name === 'policy') checkPolicyText((json as { Policy: string }).Policy, file);
  return json;
}
