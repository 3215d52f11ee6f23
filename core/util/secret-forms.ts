/**
 * The forms in which a secret may come back inside a server's answer: verbatim, URL-encoded, JSON-escaped, and
 * base64 — including inside `Basic base64(user:password)`, where the password sits at an unknown byte offset.
 */
export interface SecretForm {
  value: string;
  /** A base64 fragment: the whole surrounding base64 token is redacted, not just the fragment. */
  base64Fragment: boolean;
}

// Shorter values would redact ordinary words; a 3-character password is not what this guards against.
const MIN_SECRET_CHARS = 4;
const MIN_FRAGMENT_CHARS = 6;

/**
 * base64 of the secret at each of the three byte alignments it can have after an unknown prefix (`user:`), keeping
 * only the characters that depend on the secret's bytes alone. Any base64 text containing the secret contains one.
 */
function base64Fragments(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const fragments: string[] = [];
  for (const pad of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(pad), bytes]).toString('base64');
    const start = [0, 2, 3][pad]!; // characters that mix in the prefix's bits
    const end = Math.floor((pad + bytes.length) / 3) * 4; // later characters mix in what follows
    const fragment = encoded.slice(start, end);
    if (fragment.length >= MIN_FRAGMENT_CHARS) {
      fragments.push(fragment, fragment.replace(/\+/g, '-').replace(/\//g, '_')); // base64 and base64url
    }
  }
  return fragments;
}

/** Every form of every secret, longest first so a longer form is replaced before a shorter one inside it. */
export function secretForms(secrets: readonly string[]): SecretForm[] {
  const forms = new Map<string, SecretForm>();
  for (const s of secrets) {
    if (typeof s !== 'string' || s.length < MIN_SECRET_CHARS) continue;
    const plain = [s, encodeURIComponent(s), encodeURIComponent(s).replace(/%20/g, '+'), JSON.stringify(s).slice(1, -1)];
    for (const value of plain) forms.set(value, { value, base64Fragment: false });
    for (const value of base64Fragments(s)) forms.set(value, { value, base64Fragment: true });
  }
  return [...forms.values()].sort((a, b) => b.value.length - a.value.length);
}
