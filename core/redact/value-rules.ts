import type { Span } from './types';

/**
 * Layer 3, our own value patterns: what the maintained rule set (secretlint's recommended preset) leaves out or
 * catches only in narrower forms. Each rule has keywords: a string none of whose keywords occur is not run
 * against the rule's regex (the cheap prefilter gitleaks uses), so most strings cost one gate test.
 */
export interface ValueRule {
  id: string;
  description: string;
  /** Lowercase substrings, one of which a match always contains (checked against the lowercased string). */
  keywords: readonly string[];
  /** Global regex; `secret` names the group to redact (whole match when absent). */
  pattern: RegExp;
  /** Extra check on a match; false keeps the value. */
  accept?: (secret: string) => boolean;
}

const ENV_REFERENCE = /^(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\{\{[^}]{1,80}\}\}|%[A-Za-z_][A-Za-z0-9_]*%|\*+|x+|<[^>]*>)$/i;
const notReference = (s: string) => !ENV_REFERENCE.test(s) && !/^\d{1,6}$/.test(s);

export const VALUE_RULES: readonly ValueRule[] = [
  {
    id: 'el/aws-access-key-id',
    description: 'AWS access key id (AKIA…, ASIA…, A3T…): secretlint scans these only with its ID option, which also flags IAM user and role ids',
    keywords: ['akia', 'asia', 'a3t'],
    pattern: /\b(?:A3T[A-Z0-9]|AKIA|ASIA)[A-Z0-9]{16}\b/g,
  },
  {
    id: 'el/jwt',
    description: 'JSON Web Token (three base64url parts, header starting eyJ)',
    keywords: ['eyj'],
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{8,}/g,
  },
  {
    id: 'el/pem-private-key',
    description: 'PEM private key block of any length, also cut off or escaped (secretlint requires a complete, plausible key)',
    keywords: ['private key'],
    pattern: /-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
  },
  {
    id: 'el/basic-auth-url',
    description: 'password in a URL (scheme://user:password@host), any characters (secretlint allows only [-A-Za-z0-9_])',
    keywords: ['://'],
    pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@"'<>]{1,256}:(?<secret>[^\s/@"'<>]{1,256})@[^\s/@"'<>]/gi,
    accept: notReference,
  },
  {
    id: 'el/auth-scheme',
    description: 'credentials after an HTTP auth scheme (Bearer, Basic, Token, Digest) inside a value',
    keywords: ['bearer', 'basic', 'token', 'digest'],
    pattern: /\b(?:Bearer|Basic|Token|Digest)(?:\s+|%20)(?<secret>[A-Za-z0-9._~+/=%-]{12,})/gi,
    accept: (s) => /[0-9+/=%]/.test(s) && notReference(s),
  },
  {
    id: 'el/secret-assignment',
    description: 'password=…, api_key: … and the like inside text (a command line, an env file, a connection string)',
    keywords: ['pass', 'pwd', 'secret', 'token', 'key'],
    pattern:
      /(?<![A-Za-z0-9_])(?:password|passwd|pwd|secret|client_secret|(?:aws_)?secret_access_key|token|access_token|refresh_token|id_token|auth_token|session_token|api_?key|apikey|x-api-key|private_key)["']?\s*[:=]\s*["']?(?<secret>[^\s,;&"'}{)]{4,})/gi,
    accept: notReference,
  },
];

/** One lowercase test per string: does any rule's keyword occur at all? */
const GATE = new RegExp([...new Set(VALUE_RULES.flatMap((r) => r.keywords))].map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'i');

/** Spans our own value rules find in one string. */
export function valueRuleSpans(text: string, out: Span[]): void {
  if (!GATE.test(text)) return;
  const lower = text.toLowerCase();
  for (const rule of VALUE_RULES) {
    if (!rule.keywords.some((k) => lower.includes(k))) continue;
    rule.pattern.lastIndex = 0;
    for (const m of text.matchAll(rule.pattern)) {
      const secret = m.groups?.secret ?? m[0];
      if (rule.accept && !rule.accept(secret)) continue;
      const start = m.groups?.secret === undefined ? m.index : m.index + m[0].lastIndexOf(secret);
      out.push({ start, end: start + secret.length, rule: rule.id });
    }
  }
}
