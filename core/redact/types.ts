/** One redaction: which rule fired and where (RFC 9535 normalized path). Never the secret, never a hash of it. */
export interface Redaction {
  rule: string;
  path: string;
}

/** A span of a string to replace with the rule's marker. */
export interface Span {
  start: number;
  end: number;
  rule: string;
}

/** The fixed text that takes a secret's place in stored evidence. */
export const marker = (rule: string): string => `[REDACTED:${rule}]`;

/** Already-redacted text is never scanned again: markers must not trigger rules (idempotence). */
export const MARKER_PREFIX = '[REDACTED:';
