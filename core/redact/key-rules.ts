/**
 * Layer 2: key-name rules (integrity.md §12). A string stored under a key that names a secret is replaced whole,
 * whatever it looks like: passwords are often low-entropy and no value pattern would see them.
 *
 * Keys are split into words (camelCase, snake_case, kebab-case, dots, colons, spaces) and matched word by word, so
 * `apiKey`, `api_key`, `X-Api-Key` and `API-KEY` are one rule, while `tokenizer`, `bypass` or `passed` are not.
 * Keys that describe a secret rather than hold it are left alone: `password_last_used` (IAM credential report),
 * `next_page_token` (a cursor), `token_type`, `secret_name`, `passwordEnv` (names an environment variable).
 */

export interface KeyRule {
  id: string;
  /** Human-readable, for the manifest and docs. */
  matches: string;
  test(words: readonly string[]): boolean;
}

const has = (words: readonly string[], ...any: string[]) => words.some((w) => any.includes(w));
const pair = (words: readonly string[], a: string, b: readonly string[]) => words.some((w, i) => w === a && b.includes(words[i + 1] ?? ''));

export const KEY_RULES: readonly KeyRule[] = [
  {
    id: 'key/password',
    matches: 'password, passwd, pwd, passphrase, pass',
    test: (w) => has(w, 'password', 'passwords', 'passwd', 'pwd', 'passphrase', 'pass'),
  },
  { id: 'key/secret', matches: 'secret, secrets, client secret', test: (w) => has(w, 'secret', 'secrets', 'clientsecret') },
  {
    id: 'key/token',
    matches: 'token (access, refresh, id, bearer, session, …)',
    test: (w) => has(w, 'token', 'accesstoken', 'refreshtoken', 'idtoken', 'authtoken'),
  },
  {
    id: 'key/api-key',
    matches: 'api key, apikey, access key, account key, signing key, master key',
    test: (w) =>
      has(w, 'apikey', 'accesskey', 'xapikey') ||
      pair(w, 'api', ['key', 'keys']) ||
      pair(w, 'access', ['key']) ||
      pair(w, 'account', ['key']) ||
      pair(w, 'signing', ['key']) ||
      pair(w, 'master', ['key']),
  },
  { id: 'key/authorization', matches: 'authorization, auth, proxy-authorization', test: (w) => has(w, 'authorization', 'auth') },
  { id: 'key/credential', matches: 'credential, credentials, creds', test: (w) => has(w, 'credential', 'credentials', 'creds') },
  { id: 'key/private-key', matches: 'private key, privatekey', test: (w) => has(w, 'privatekey') || pair(w, 'private', ['key', 'keys']) },
  { id: 'key/cookie', matches: 'cookie, set-cookie', test: (w) => has(w, 'cookie', 'cookies') },
  { id: 'key/session', matches: 'session (id, key, cookie), sessionid', test: (w) => has(w, 'session', 'sessionid', 'sessionkey') },
];

/**
 * Words that make a key describe a secret instead of holding one. The value patterns (layer 3) still scan these
 * values; only the "redact whatever is there" rule steps back.
 */
const DESCRIPTIVE = new Set([
  // when and whether: IAM credential report, key ages, expiry
  ...['enabled', 'disabled', 'active', 'last', 'next', 'used', 'changed', 'rotated', 'rotation', 'age', 'created', 'updated', 'expires', 'expiry'],
  ...['expiration', 'expired', 'date', 'time', 'timestamp', 'at', 'status', 'state', 'required', 'reuse', 'prevention', 'present'],
  // what kind, how many, where: settings and metadata, not the secret
  ...['type', 'kind', 'count', 'length', 'min', 'max', 'minimum', 'maximum', 'policy', 'ttl', 'timeout', 'duration', 'rate', 'ratio'],
  ...['name', 'names', 'id', 'ids', 'arn', 'endpoint', 'url', 'uri', 'env', 'file', 'path', 'version', 'format', 'algorithm', 'alg'],
  ...['method', 'mode', 'scheme', 'provider', 'source', 'location', 'hint', 'prefix', 'suffix', 'issuer', 'audience', 'scope', 'scopes'],
  // pagination cursors
  ...['page', 'cursor', 'continuation', 'marker'],
  // language-model parameters logged as run params (eos_token, max_new_tokens, …): vocabulary, not credentials
  ...['eos', 'bos', 'pad', 'unk', 'sep', 'cls', 'mask', 'special', 'stop', 'num', 'vocab', 'prompt', 'completion', 'total', 'per'],
]);
/** `session_id` and `session_key` are bearer secrets even though `id`/`key` describe other keys. */
const STILL_SECRET = (w: readonly string[]) => pair(w, 'session', ['id', 'key', 'token', 'cookie', 'secret']);

/** Splits a key into lowercase words: `X-Api-Key` → x, api, key; `awsSecretAccessKey` → aws, secret, access, key. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const cache = new Map<string, KeyRule | null>();
const CACHE_LIMIT = 10_000;

/** The key-name rule a key falls under, or null. Cached: the same keys recur on every item of a page. */
export function keyRuleFor(key: string): KeyRule | null {
  let hit = cache.get(key);
  if (hit !== undefined) return hit;
  const words = keyWords(key);
  const rule = KEY_RULES.find((r) => r.test(words)) ?? null;
  hit = rule && (STILL_SECRET(words) || !words.some((w) => DESCRIPTIVE.has(w))) ? rule : null;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, hit);
  return hit;
}

/** Labels under generic words (`credential: "access_key_1"` in a finding) are names, not secrets. */
const GENERIC = new Set(['key/credential', 'key/session', 'key/authorization', 'key/cookie']);
// Words joined by _ or -, numbers only as short counters: access_key_1, unused_credential (not abc123def456).
const LABEL = /^[a-z]+(?:[_-](?:[a-z]+|\d{1,3}))+$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
const BENIGN = new Set(['', 'true', 'false', 'null', 'none', 'n/a', 'not_supported', 'no_information', 'redacted', 'hidden', 'unset']);
// A reference to where the secret lives (an environment variable, a template) is evidence of good practice, not a leak.
const REFERENCE = /^(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\{\{[^}]{1,80}\}\}|%[A-Za-z_][A-Za-z0-9_]*%)$/;
// Already masked by the source ("********", "••••").
const MASKED = /^(.)\1*$/u;

/** Whether a string under a secret-named key holds something worth hiding. */
export function holdsSecret(rule: KeyRule, value: string): boolean {
  const v = value.trim();
  if (BENIGN.has(v.toLowerCase()) || ISO_TIME.test(v) || REFERENCE.test(v) || MASKED.test(v)) return false;
  if (GENERIC.has(rule.id) && v.length <= 40 && LABEL.test(v)) return false;
  return true;
}
