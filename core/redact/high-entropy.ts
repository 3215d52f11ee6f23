import type { Span } from './types';

/**
 * `el/high-entropy`: long random-looking keys that no provider-specific rule knows (a W&B-style key pasted into a
 * note, an Azure storage key, a vendor token without a prefix). Evidence is full of legitimate long identifiers,
 * so a run of token characters counts only when it is random in every way we can cheaply check:
 * - at least 32 characters, upper and lower case letters and digits all present (hex hashes, UUIDs, ARNs and
 *   lowercase ids never qualify: content hashes and model version ids in evidence stay as they are);
 * - Shannon entropy ≥ 4 bits per character, and the character class changes often (CamelCase names do not);
 * - not base64 of readable text (W&B GraphQL ids such as "UnVuOnYxOm…" decode to "Run:v1:…");
 * - not a path component (a run right after `/` or `.`) and not under a key naming a hash or digest.
 */
export const HIGH_ENTROPY_RULE = 'el/high-entropy';
export const MIN_RUN = 32;
const LONG_RUN = /[A-Za-z0-9+/=_-]{32,}/g;

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / s.length) * Math.log2(n / s.length);
  return bits;
}

const classOf = (c: number): number => (c >= 97 && c <= 122 ? 0 : c >= 65 && c <= 90 ? 1 : c >= 48 && c <= 57 ? 2 : 3);

/** Share of neighbouring characters of different classes: about 0.6 for random base62, under 0.3 for words. */
function classChanges(s: string): number {
  let changes = 0;
  for (let i = 1; i < s.length; i++) if (classOf(s.charCodeAt(i)) !== classOf(s.charCodeAt(i - 1))) changes++;
  return changes / (s.length - 1);
}

/** Base64 (or base64url) whose bytes are printable text: an encoded identifier, not key material. */
function encodesText(s: string): boolean {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(s)) return false;
  const bytes = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (bytes.length < 12) return false;
  let printable = 0;
  for (const b of bytes) if ((b >= 32 && b < 127) || b === 10 || b === 9) printable++;
  return printable / bytes.length >= 0.95;
}

function looksRandom(run: string): boolean {
  return /[a-z]/.test(run) && /[A-Z]/.test(run) && /[0-9]/.test(run) && entropy(run) >= 4 && classChanges(run) >= 0.35 && !encodesText(run);
}

/** Spans of random-looking runs in one string. */
export function highEntropySpans(text: string, out: Span[]): void {
  if (text.length < MIN_RUN) return;
  for (const m of text.matchAll(LONG_RUN)) {
    const before = m.index > 0 ? text[m.index - 1] : '';
    if (before === '/' || before === '.' || before === '\\') continue;
    // A path-like run ("models/fraud-detector/versions/…") is judged segment by segment.
    const segments = m[0].includes('/') && /\/[a-z]{3,}(\/|$)/.test(m[0]) ? m[0].split('/') : [m[0]];
    let offset = m.index;
    for (const seg of segments) {
      if (seg.length >= MIN_RUN && looksRandom(seg)) out.push({ start: offset, end: offset + seg.length, rule: HIGH_ENTROPY_RULE });
      offset += seg.length + 1;
    }
  }
}
