/**
 * Secret redaction before anything is hashed or stored (integrity.md §12, docs/redaction.md). Producers call
 * `redactItem` / `redactItems` on every item before canonicalisation: the collector runtime (ctx.record) and every
 * importer do. `redactValue` and `redactText` serve other callers (the fault suite's leak scan, a future producer).
 */
export { redactItem, redactItems, redactedItems, IPE_ROOT } from './redact-item';
export { redactValue, redactValues } from './redact-value';
export { redactionRuleSet, allRuleIds, type RedactionRuleSet } from './ruleset';
export { KEY_RULES, keyRuleFor, keyWords } from './key-rules';
export { VALUE_RULES } from './value-rules';
export { HIGH_ENTROPY_RULE } from './high-entropy';
export { RULE_SET, secretlintRules } from './secretlint-rules';
export { marker, type Redaction } from './types';

import { redactValue } from './redact-value';
/** A single string with its secrets replaced by markers (no key context: value patterns only). */
export const redactText = (text: string): string => redactValue(text).value as string;
