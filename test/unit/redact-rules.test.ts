import { describe, expect, it } from 'vitest';
import { keyRuleFor, redactText, redactValue } from '../../core/redact';
import { CANARY, basicAuthUrl } from '../helpers/canaries';

const rulesOf = (value: unknown) => redactValue(value).redactions.map((r) => r.rule);

describe('value patterns: each rule class catches its secret inside free text and leaves the rest', () => {
  it.each([
    ['AWS access key id', CANARY.awsAccessKeyId.value, 'el/aws-access-key-id'],
    ['AWS secret key with its name (secretlint/aws)', `aws_secret_access_key = ${CANARY.awsSecretKey.value}ABCD`, 'secretlint/aws'],
    ['GitHub token', CANARY.githubToken.value, 'secretlint/github'],
    [
      'GitHub fine-grained token',
      'github_pat_' + '11ABCDEFG0aBcDeFgHiJkL_' + 'mN0pQrStUvWxYz1234567890aBcDeFgHiJkLmNoPqRsTuVwXyZ123456789',
      'secretlint/github',
    ],
    ['Slack token', CANARY.slackToken.value, 'secretlint/slack'],
    ['JWT', CANARY.jwt.value, 'el/jwt'],
    ['PEM private key (complete)', CANARY.pemPrivateKey.value, 'secretlint/privatekey'],
    ['basic-auth URL, any password characters', basicAuthUrl('mlflow.example.com'), 'el/basic-auth-url'],
    ['bearer token', 'curl -H "Authorization: Bearer ' + 'a1b2c3d4e5f6g7h8i9j0.k1l2"', 'el/auth-scheme', 'a1b2c3d4e5f6g7h8i9j0'],
    ['password= in a command line', 'train.py --db password=' + 'Pl41nT3xt!', 'el/secret-assignment', 'Pl41nT3xt!'],
    ['high-entropy key', CANARY.awsSecretKey.value, 'el/high-entropy'],
  ])('%s', (_what, secret, rule, secretPart?: string) => {
    const text = `before ${secret} after`;
    const out = redactText(text);
    expect(out).toContain(`[REDACTED:${rule}]`);
    expect(out.startsWith('before ')).toBe(true);
    expect(out.endsWith(' after')).toBe(true);
    for (const piece of secretPart ? [secretPart] : secret.split(/\s+/).filter((p) => p.length >= 12)) expect(out).not.toContain(piece);
  });

  it('a PEM key cut off before its END line is redacted to the end of the value (where it ends is unknown)', () => {
    expect(redactText('key: -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA')).toBe('key: [REDACTED:el/pem-private-key]');
  });

  it('keeps the host of a basic-auth URL and removes only the password', () => {
    expect(redactText(basicAuthUrl('db.internal'))).toBe('https://svc-user:[REDACTED:el/basic-auth-url]@db.internal/api');
  });

  it('leaves an environment-variable reference in place of a password alone', () => {
    expect(redactText('postgres://app:${DB_PASSWORD}@db.internal/x')).toBe('postgres://app:${DB_PASSWORD}@db.internal/x');
  });
});

describe('false-positive guards: legitimate identifiers in evidence stay byte for byte', () => {
  const keep = {
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    sha256Upper: 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855',
    gitCommit: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3',
    uuid: '123e4567-e89b-12d3-a456-426614174000',
    mlflowRunId: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    modelVersion: '17',
    modelUri: 'models:/fraud-detector/17',
    roleArn: 'arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole-20240101T000000',
    modelPackageArn: 'arn:aws:sagemaker:eu-west-1:123456789012:model-package/FraudDetectorPackageGroup/3',
    iamUserId: 'AIDAJQABLZS4A3QDU576Q',
    iamRoleId: 'AROAJQABLZS4A3QDU576Q',
    wandbRunId: 'UnVuOnYxOmFiYzEyMzpteS1wcm9qZWN0Om15LWVudGl0eQ==',
    wandbArtifactDigest: '2d5a8a1e6b9f0c3d4e7f8a9b0c1d2e3f',
    s3Uri: 's3://ml-artifacts-prod/models/FraudDetector/v17/model.tar.gz',
    gcpMember: 'serviceAccount:trainer@ml-prod-421307.iam.gserviceaccount.com',
    azureScope: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws',
    dockerDigest: 'sha256:9b2a4c6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c',
    camelCaseName: 'FraudDetectorTrainingPipelineV2Production2024',
    iso: '2024-06-01T12:34:56.789Z',
    email: 'alice.smith@example.com',
    description: 'Retrain nightly; tokens per batch 512; see the passed checks',
  };

  it('none of these is redacted', () => {
    const r = redactValue(keep);
    expect(r.redactions).toEqual([]);
    expect(r.value).toBe(keep); // the same object: nothing copied, nothing changed
  });

  it('a base64 content hash under a hash-named key is kept; the same string elsewhere is judged as a key', () => {
    const digest = 'q9Lm2Xv7Rt4Kp8Zw1Nb6Yc3Hf5Jd0Gs9Ae2Ui7Oq4Tx1=';
    expect(rulesOf({ contentSha256: digest, checksum: digest, etag: digest })).toEqual([]);
    expect(rulesOf({ note: digest })).toEqual(['el/high-entropy']);
  });

  it('a redaction marker is never redacted again (redacting twice changes nothing)', () => {
    const once = redactValue({ note: `key ${CANARY.githubToken.value}`, password: 'x-secret-1' });
    const twice = redactValue(once.value);
    expect(twice.redactions).toEqual([]);
    expect(twice.value).toBe(once.value);
  });
});

describe('key-name rules', () => {
  it.each([
    ['apiKey', 'key/api-key'],
    ['api_key', 'key/api-key'],
    ['X-Api-Key', 'key/api-key'],
    ['API-KEY', 'key/api-key'],
    ['wandbApiKey', 'key/api-key'],
    ['password', 'key/password'],
    ['DB_PASSWORD', 'key/password'],
    ['passwd', 'key/password'],
    ['clientSecret', 'key/secret'],
    ['aws_secret_access_key', 'key/secret'],
    ['access_token', 'key/token'],
    ['refreshToken', 'key/token'],
    ['Authorization', 'key/authorization'],
    ['Proxy-Authorization', 'key/authorization'],
    ['credentials', 'key/credential'],
    ['private_key', 'key/private-key'],
    ['privateKey', 'key/private-key'],
    ['Set-Cookie', 'key/cookie'],
    ['session_id', 'key/session'],
    ['sessionToken', 'key/token'],
  ])('%s → %s', (key, rule) => {
    expect(keyRuleFor(key)?.id).toBe(rule);
    expect(redactValue({ [key]: 'Hunter2-but-Longer!' }).redactions).toEqual([{ rule, path: `$['${key}']` }]);
  });

  it.each([
    'password_last_used',
    'password_enabled',
    'password_next_rotation',
    'access_key_1_last_rotated',
    'next_page_token',
    'nextToken',
    'pageToken',
    'continuationToken',
    'token_type',
    'secret_name',
    'passwordEnv',
    'apiKeyEnv',
    'tokenizer',
    'max_new_tokens',
    'eos_token',
    'bypass',
    'compass',
    'keyboard',
    'KMSMasterKeyID',
  ])('%s is not a secret-holding key', (key) => {
    expect(keyRuleFor(key)).toBeNull();
  });

  it('redacts low-entropy values no pattern would see, but not dates, booleans, masks or references', () => {
    const r = redactValue({
      password: CANARY.lowEntropyPassword.value,
      token: 'true',
      secret: '********',
      apiKey: '${WANDB_API_KEY}',
      credential: 'access_key_1',
      cookie: '2024-01-01T00:00:00Z',
    });
    expect(r.redactions).toEqual([{ rule: 'key/password', path: "$['password']" }]);
    expect(r.value).toMatchObject({ password: '[REDACTED:key/password]', token: 'true', secret: '********', apiKey: '${WANDB_API_KEY}' });
  });

  it('numbers under secret-named keys are settings, not secrets (max_tokens: 256, session_timeout: 3600)', () => {
    expect(rulesOf({ token: 256, session: 3600, password: true })).toEqual([]);
  });

  it('name/value pairs: MLflow-style tags and environment lists', () => {
    const r = redactValue({
      tags: [
        { key: 'db.password', value: 'pl41n' + '-text' },
        { key: 'mlflow.user', value: 'alice' },
      ],
      env: [{ name: 'WANDB_API_KEY', value: 'k-123456789' }],
    });
    expect(r.redactions).toEqual([
      { rule: 'key/password', path: "$['tags'][0]['value']" },
      { rule: 'key/api-key', path: "$['env'][0]['value']" },
    ]);
    expect((r.value as { tags: { value: string }[] }).tags[1]!.value).toBe('alice');
  });
});

describe('structure and paths', () => {
  it('nested arrays and objects: every string under a secret-named key, RFC 9535 paths, the input untouched', () => {
    const input = {
      runs: [
        {
          params: { lr: '0.1', 'odd key\'s "name"': CANARY.githubToken.value },
          credentials: { user: 'svc', keys: ['k-1a2b3c4d', 'k-5e6f7a8b'], type: 'static' },
        },
      ],
    };
    const frozen = JSON.stringify(input);
    const r = redactValue(input);
    expect(JSON.stringify(input)).toBe(frozen);
    expect(r.redactions).toEqual([
      { rule: 'key/credential', path: "$['runs'][0]['credentials']['user']" },
      { rule: 'key/credential', path: "$['runs'][0]['credentials']['keys'][0]" },
      { rule: 'key/credential', path: "$['runs'][0]['credentials']['keys'][1]" },
      { rule: 'secretlint/github', path: "$['runs'][0]['params']['odd key\\'s \"name\"']" },
    ]);
    const out = r.value as typeof input;
    expect(out.runs[0]!.credentials.type).toBe('static'); // a describing key under a secret-named object is kept
    expect(out.runs[0]!.params.lr).toBe('0.1');
  });

  it('two secrets in one string: two records with the same path, the text between kept', () => {
    const r = redactValue({ note: `${CANARY.awsAccessKeyId.value} and ${CANARY.slackToken.value}` });
    expect(r.value).toEqual({ note: '[REDACTED:el/aws-access-key-id] and [REDACTED:secretlint/slack]' });
    expect(r.redactions.map((x) => x.path)).toEqual(["$['note']", "$['note']"]);
  });

  it('a value never runs into the next one (a secret split across two values is not matched as one)', () => {
    expect(rulesOf(['aws_secret_access_key =', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'])).toEqual([]);
  });
});
