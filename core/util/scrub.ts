/**
 * Scrubbing of error text before it reaches the signed log, IPE, a PDF or a terminal. A server's error body may
 * echo the request (headers included), and the log can never be rewritten, so every collector's error text passes
 * through here: known secret values in every form a server may echo, credential headers, and token-shaped values.
 */
import { secretForms } from './secret-forms';

export const REDACTED = '[REDACTED]';
/** Error text kept in the store and printed: enough to diagnose, too short to carry a dumped request or page. */
export const ERROR_EXCERPT_CHARS = 300;

// A credential header (or JSON/dict key) and its value: quoted, or the rest of the line for headers.
const HEADER_VALUE =
  /(["']?)\b(proxy-authorization|authorization|set-cookie|cookie|x-api-key|x-auth-token|x-amz-security-token|x-databricks-token)\1(\s*[:=]\s*)("[^"]*"|'[^']*'|[^\r\n"'}]*)/gi;
// key=value / "key": "value" pairs whose value is a secret by name.
const SECRET_PARAM =
  /(["']?)\b(password|passwd|pwd|secret|client_secret|token|access_token|refresh_token|id_token|api_?key|apikey|secret_access_key|session_token)\1(\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;&"'}]+)/gi;
// An auth scheme followed by its credentials, wherever it appears.
const SCHEME_TOKEN = /\b(Basic|Bearer|Digest|Token|Negotiate)(\s+|%20)([A-Za-z0-9._~+/=%-]{8,})/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const AWS_ACCESS_KEY = /\b(AKIA|ASIA)[A-Z0-9]{16}\b/g;
const PREFIXED_TOKENS =
  /\b(dapi[0-9a-f]{32}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|xox[abprs]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_-]{20,}|sk-[A-Za-z0-9_-]{20,})/g;
// Long runs of token characters; only high-entropy mixed-class ones are redacted (see looksRandom).
const LONG_RUN = /[A-Za-z0-9+/=_-]{32,}/g;

/** Shannon entropy in bits per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / s.length) * Math.log2(n / s.length);
  return bits;
}

/**
 * Random-looking: upper, lower and digits mixed with high entropy. Hex hashes (one letter case) and words are
 * kept, as are path components (a run right after `/` or `.`, or starting with `/`): error messages name files.
 */
function looksRandom(run: string, before: string): boolean {
  if (before === '/' || before === '.' || before === '\\' || run.startsWith('/')) return false;
  // A URL path after a host and port ("127.0.0.1:8443/subscriptions/…/Microsoft") is a path, not a token: it has
  // a plain lowercase word between slashes, which base64 secrets do not. Then only a random-looking segment counts.
  const segments = run.split('/');
  if (segments.length > 1 && segments.some((seg) => /^[a-z]{3,}$/.test(seg)))
    return segments.some((seg) => seg.length >= 16 && mixedClasses(seg) && entropy(seg) >= 3.5);
  return mixedClasses(run) && entropy(run) >= 4;
}

const mixedClasses = (s: string): boolean => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s);

const schemeCredentials = (creds: string): boolean => /[0-9+/=%]/.test(creds) || creds.length >= 20;

/** Text with the given secret values (and their encodings) and token-shaped values replaced by [REDACTED]. */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const form of secretForms(secrets)) out = redactForm(out, form);
  out = out.replace(HEADER_VALUE, (_m, q: string, name: string, sep: string) => `${q}${name}${q}${sep}${REDACTED}`);
  out = out.replace(SECRET_PARAM, (_m, q: string, name: string, sep: string) => `${q}${name}${q}${sep}${REDACTED}`);
  out = out.replace(SCHEME_TOKEN, (m, scheme: string, sp: string, creds: string) => (schemeCredentials(creds) ? `${scheme}${sp}${REDACTED}` : m));
  out = out.replace(JWT, REDACTED).replace(AWS_ACCESS_KEY, REDACTED).replace(PREFIXED_TOKENS, REDACTED);
  out = out.replace(LONG_RUN, (run: string, offset: number) => (looksRandom(run, out.charAt(offset - 1)) ? REDACTED : run));
  return out;
}

/** Replaces a secret form; a base64 fragment takes the whole base64 run around it (its edges encode it too). */
function redactForm(text: string, form: { value: string; base64Fragment: boolean }): string {
  if (!form.base64Fragment) return text.split(form.value).join(REDACTED);
  const escaped = form.value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return text.replace(new RegExp(`[A-Za-z0-9+/_-]*${escaped}[A-Za-z0-9+/_=-]*`, 'g'), REDACTED);
}

/** At most `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** At most `max` characters on one line (whitespace collapsed), with an ellipsis when cut. */
export function excerpt(text: string, max = ERROR_EXCERPT_CHARS): string {
  return clip(text.replace(/\s+/g, ' ').trim(), max);
}

/** The one call for error text entering the store or a terminal: scrubbed first (so a cut cannot split a secret), then cut. */
export function scrubError(text: string, secrets: readonly string[] = [], max = ERROR_EXCERPT_CHARS): string {
  return excerpt(scrubSecrets(text, secrets), max);
}
