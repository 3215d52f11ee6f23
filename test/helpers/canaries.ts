import { generateKeyPairSync } from 'node:crypto';

/**
 * Fake secrets planted in sources' responses (MLflow tags and params, W&B metadata, S3 bucket policies) and
 * searched for afterwards in every byte the app wrote. Each is built from parts so that no scanner of this repository
 * mistakes the test file itself for a leak. `rule` is the redaction rule expected to catch it where it stands alone
 * (a key-name rule wins where the value sits under a secret-named key).
 */
const pem = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

export const CANARY = {
  awsAccessKeyId: { value: 'AKIA' + 'ZCANARY7Q2XW4PLM', rule: 'el/aws-access-key-id' },
  awsSecretKey: { value: 'Cn4ryQ7vK2mZ9x' + 'R4tL8pW3nB6yH1cF5jD0sG', rule: 'el/high-entropy' },
  githubToken: { value: 'ghp_' + 'Cn4ry7Tk9Lm2Qx8Vb4Nz6Rw1Hy3Jd5Kf0Gs7', rule: 'secretlint/github' },
  slackToken: { value: 'xoxb-' + '2718281828-3141592653-Cn4ryS1ackZ9q7W4e2R8', rule: 'secretlint/slack' },
  jwt: { value: 'eyJhbGciOiJIUzI1NiJ9' + '.eyJzdWIiOiJjYW5hcnktand0In0.Q2FuYXJ5SldUc2lnbmF0dXJlMDk4', rule: 'el/jwt' },
  basicAuthPassword: { value: 'Cn4ry!pw#' + 'Zq81', rule: 'el/basic-auth-url' },
  lowEntropyPassword: { value: 'canary' + '-hunter2-pw', rule: 'key/password' },
  pemPrivateKey: { value: pem, rule: 'secretlint/privatekey' },
} as const;

export type CanaryName = keyof typeof CANARY;

/** A URL carrying the basic-auth canary as its password. */
export const basicAuthUrl = (host: string) => `https://svc-user:${CANARY.basicAuthPassword.value}@${host}/api`;

/**
 * Byte sequences that must never appear anywhere: each canary's most distinctive part (for the PEM key, a piece of
 * its base64 body; a whole multi-line value could be split by any encoder and still leak).
 */
export function canaryNeedles(): { name: CanaryName; needle: string }[] {
  return (Object.keys(CANARY) as CanaryName[]).map((name) => {
    const v = CANARY[name].value;
    const needle = name === 'pemPrivateKey' ? v.split('\n')[3]!.slice(8, 40) : v;
    return { name, needle };
  });
}

/** The canaries found in `bytes` (UTF-8 and, for the JSON-escaped basic-auth password, its escaped form). */
export function leakedCanaries(bytes: Buffer): CanaryName[] {
  return canaryNeedles()
    .filter(({ needle }) => bytes.includes(needle) || bytes.includes(JSON.stringify(needle).slice(1, -1)))
    .map((c) => c.name);
}
