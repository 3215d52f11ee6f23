import { KEY_RULES } from './key-rules';
import { HIGH_ENTROPY_RULE } from './high-entropy';
import { RULE_SET, secretlintRules } from './secretlint-rules';
import { VALUE_RULES } from './value-rules';

/** What redaction applies, for the bundle manifest, the docs and the fault suite's leak scan. */
export interface RedactionRuleSet {
  /** The maintained rule set: npm package name and exact version. */
  ruleSet: { name: string; version: string };
  keyNameRules: string[];
  valuePatterns: string[];
  /** Rules of the maintained set that are not run, with the reason. */
  notRun: { id: string; reason: string }[];
}

export function redactionRuleSet(): RedactionRuleSet {
  const secretlint = secretlintRules();
  return {
    ruleSet: { name: RULE_SET.name, version: RULE_SET.version },
    keyNameRules: KEY_RULES.map((r) => r.id),
    valuePatterns: [...secretlint.kept, ...VALUE_RULES.map((r) => r.id), HIGH_ENTROPY_RULE],
    notRun: secretlint.notRun,
  };
}

/** Every rule id a redaction record may carry. */
export function allRuleIds(): string[] {
  const set = redactionRuleSet();
  return [...set.keyNameRules, ...set.valuePatterns];
}
