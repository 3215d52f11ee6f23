import { HIGH_ENTROPY_RULE, highEntropySpans } from './high-entropy';
import { normalizedPath, type PathNode } from './json-path';
import { holdsSecret, keyRuleFor, keyWords, type KeyRule } from './key-rules';
import { secretlintSpans } from './secretlint-rules';
import { MARKER_PREFIX, marker, type Redaction, type Span } from './types';
import { valueRuleSpans } from './value-rules';

/** No value rule matches fewer characters than this (the shortest, a basic-auth URL, needs more). */
const MIN_SCANNED = 8;
// NUL never occurs in the patterns' character classes or \s, so no match runs from one value into the next.
const JOIN = '\u0000';
/** Keys whose values are hashes or digests: long, random and legitimate (content hashes in evidence). */
const HASH_WORDS = new Set(['hash', 'digest', 'checksum', 'sha', 'sha1', 'sha256', 'sha512', 'md5', 'etag', 'fingerprint', 'commit']);

interface Leaf {
  node: PathNode;
  value: string;
  /** The key the value sits under names a hash or digest: high-entropy does not apply. */
  hashLike: boolean;
  spans: Span[];
}

interface Walk {
  leaves: Leaf[];
  /** Whole values replaced by a key-name rule. */
  keyHits: { node: PathNode; rule: string }[];
}

const hashKeyCache = new Map<string, boolean>();
function hashLikeKey(key: string): boolean {
  let hit = hashKeyCache.get(key);
  if (hit === undefined) {
    hit = keyWords(key).some((w) => HASH_WORDS.has(w));
    if (hashKeyCache.size > 10_000) hashKeyCache.clear();
    hashKeyCache.set(key, hit);
  }
  return hit;
}

/** `{ key: "DB_PASSWORD", value: "…" }` and `{ name: …, value: … }`: MLflow tags, env lists, W&B config rows. */
function pairRule(obj: Record<string, unknown>): KeyRule | null {
  if (!('value' in obj)) return null;
  const name = typeof obj.key === 'string' ? obj.key : typeof obj.name === 'string' ? obj.name : null;
  return name === null ? null : keyRuleFor(name);
}

function walk(value: unknown, node: PathNode | null, inherited: KeyRule | null, hashLike: boolean, w: Walk): void {
  if (typeof value === 'string') {
    if (value.startsWith(MARKER_PREFIX)) return;
    if (node && inherited && holdsSecret(inherited, value)) w.keyHits.push({ node, rule: inherited.id });
    else if (node && value.length >= MIN_SCANNED) w.leaves.push({ node, value, hashLike, spans: [] });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) walk(value[i], { parent: node, key: i }, inherited, hashLike, w);
    return;
  }
  const obj = value as Record<string, unknown>;
  const pair = pairRule(obj);
  for (const key of Object.keys(obj)) {
    const own = keyRuleFor(key);
    const rule = own ?? (key === 'value' ? pair : null) ?? (inherited && !isDescribing(key) ? inherited : null);
    walk(obj[key], { parent: node, key }, rule, hashLikeKey(key), w);
  }
}

/** A child key such as `last_used` or `type` under a secret-named object describes it: its value is kept. */
const DESCRIBING = new Set([
  'type',
  'kind',
  'name',
  'id',
  'status',
  'created',
  'updated',
  'last',
  'date',
  'time',
  'expires',
  'expiry',
  'enabled',
  'active',
]);
const isDescribing = (key: string): boolean => keyWords(key).some((w) => DESCRIBING.has(w));

/** Finds the value-pattern spans of every leaf: own rules and high-entropy per value, secretlint once over all. */
function scanLeaves(leaves: Leaf[]): void {
  if (leaves.length === 0) return;
  const starts: number[] = [];
  let text = '';
  for (const leaf of leaves) {
    valueRuleSpans(leaf.value, leaf.spans);
    if (!leaf.hashLike) highEntropySpans(leaf.value, leaf.spans);
    starts.push(text.length);
    text += leaf.value + JOIN;
  }
  for (const span of secretlintSpans(text)) {
    // The leaf holding the span's start; a span reaching past the leaf's end is cut at it (the JOIN stops matches).
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= span.start) lo = mid;
      else hi = mid - 1;
    }
    const leaf = leaves[lo]!;
    const start = span.start - starts[lo]!;
    leaf.spans.push(widen(leaf.value, start, Math.min(span.end - starts[lo]!, leaf.value.length), span.rule));
  }
}

/**
 * A reported range is widened to whole tokens (whitespace and quotes delimit them): a rule whose range is off by
 * a few characters (secretlint's AWS secret rule reports the key name's offset with the secret's length) must not
 * leave part of the secret behind.
 */
function widen(value: string, start: number, end: number, rule: string): Span {
  const delim = /[\s"'`]/;
  while (start > 0 && !delim.test(value[start - 1]!)) start--;
  while (end < value.length && !delim.test(value[end]!)) end++;
  return { start, end, rule };
}

/** Overlapping spans merge into one; the replacement names the earliest specific rule (high-entropy only when alone). */
function replaceSpans(value: string, spans: Span[]): { text: string; rules: string[] } {
  const generic = (s: Span) => (s.rule === HIGH_ENTROPY_RULE ? 1 : 0);
  // Same place: the maintained rule set's id first, then ours, high-entropy last.
  const rank = (s: Span) => (s.rule.startsWith('secretlint/') ? 0 : 1) + generic(s);
  spans.sort((a, b) => a.start - b.start || b.end - a.end || rank(a) - rank(b));
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      if (generic(last) && !generic(s)) last.rule = s.rule; // name the specific rule (secretlint/github), not high-entropy
    } else merged.push({ ...s });
  }
  let text = '';
  let at = 0;
  for (const s of merged) {
    text += value.slice(at, s.start) + marker(s.rule);
    at = s.end;
  }
  return { text: text + value.slice(at), rules: merged.map((s) => s.rule) };
}

/** Writes `replacement` at `node`, copying only the containers on its path (the producer's objects stay untouched). */
function setAt(root: unknown, node: PathNode, replacement: string, copies: Map<object, object>): unknown {
  const chain: (string | number)[] = [];
  for (let n: PathNode | null = node; n; n = n.parent) chain.push(n.key);
  chain.reverse();
  const copy = (c: object): Record<string | number, unknown> => {
    let out = copies.get(c);
    if (!out) copies.set(c, (out = Array.isArray(c) ? [...(c as unknown[])] : { ...(c as Record<string, unknown>) }));
    copies.set(out, out);
    return out as Record<string | number, unknown>;
  };
  const top = copy(root as object);
  let cur = top;
  for (let i = 0; i < chain.length - 1; i++) {
    const next = copy(cur[chain[i]!] as object);
    cur[chain[i]!] = next;
    cur = next;
  }
  cur[chain.at(-1)!] = replacement;
  return top;
}

/** Phase 1: what a value holds (key-name hits, and strings long enough for value patterns). */
function prepare(value: unknown): Walk {
  const w: Walk = { leaves: [], keyHits: [] };
  walk(value, null, null, false, w);
  return w;
}

/** Phase 3: the value with every hit replaced, and one record per replacement. */
function apply(value: unknown, w: Walk, root: string): { value: unknown; redactions: Redaction[] } {
  const redactions: Redaction[] = [];
  const copies = new Map<object, object>();
  let out = value;
  for (const hit of w.keyHits) {
    out = setAt(out, hit.node, marker(hit.rule), copies);
    redactions.push({ rule: hit.rule, path: normalizedPath(hit.node, root) });
  }
  for (const leaf of w.leaves) {
    if (leaf.spans.length === 0) continue;
    const { text, rules } = replaceSpans(leaf.value, leaf.spans);
    out = setAt(out, leaf.node, text, copies);
    for (const rule of rules) redactions.push({ rule, path: normalizedPath(leaf.node, root) });
  }
  return { value: out, redactions };
}

/**
 * Redacts many JSON values at once (one API page): the value patterns run once over the strings of all of them
 * (secretlint's rules cost a fixed amount per call, which would dominate per small item). Each result is the same
 * object when nothing was found, or a copy with each secret replaced by `[REDACTED:<rule>]`, and one record per
 * replacement: rule id and normalized path under its root.
 */
export function redactValues(values: readonly { value: unknown; root?: string }[]): { value: unknown; redactions: Redaction[] }[] {
  const walks = values.map((v) => (typeof v.value === 'string' ? prepare([v.value]) : prepare(v.value)));
  scanLeaves(walks.flatMap((w) => w.leaves));
  return values.map((v, i) => {
    const root = v.root ?? '$';
    if (typeof v.value !== 'string') return apply(v.value, walks[i]!, root);
    // A bare string has no path below the root: it was wrapped so the same code applies.
    const r = apply([v.value], walks[i]!, root);
    return { value: (r.value as string[])[0], redactions: r.redactions.map((x) => ({ ...x, path: root })) };
  });
}

/** One JSON value (see redactValues). */
export function redactValue(value: unknown, root = '$'): { value: unknown; redactions: Redaction[] } {
  return redactValues([{ value, root }])[0]!;
}

export { HIGH_ENTROPY_RULE };
